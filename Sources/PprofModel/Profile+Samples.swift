import GoRegex

import Dispatch

/// Whole-table sample rewrites shared by the filters: each is one linear pass that builds
/// fresh flat arrays, so dropping or shortening millions of samples never shifts elements.
extension SampleTable {
    /// Keeps the samples for which `body` returns true. `body` appends the kept sample's new
    /// stack (leaf first) to `newStack`; whatever it appended is discarded when it returns false.
    package mutating func rewriteStacks(
        _ body: (_ sample: Int, _ oldStack: ArraySlice<Int32>, _ newStack: inout [Int32]) -> Bool
    ) {
        let n = count
        var keep = [Bool](repeating: false, count: n)
        var newStacks: [Int32] = []
        newStacks.reserveCapacity(stacks.count)
        var newStackOffsets: [Int] = [0]
        newStackOffsets.reserveCapacity(stackOffsets.count)
        var kept = 0
        for i in 0..<n {
            let mark = newStacks.count
            if body(i, stacks[stackOffsets[i]..<stackOffsets[i + 1]], &newStacks) {
                keep[i] = true
                kept += 1
                newStackOffsets.append(newStacks.count)
            } else if newStacks.count > mark {
                newStacks.removeLast(newStacks.count - mark)
            }
        }
        stacks = newStacks
        stackOffsets = newStackOffsets
        if kept == n { return }
        compactValuesAndLabels(keep, kept: kept)
    }

    /// Keeps the samples whose `keep` flag is set (`kept` of them), stacks unchanged. Fresh
    /// arrays hold only the kept samples, so keeping a few of millions costs only the few.
    package mutating func retain(_ keep: [Bool], kept: Int) {
        let n = count
        if kept == n { return }
        var newStacks: [Int32] = []
        var newStackOffsets: [Int] = [0]
        newStackOffsets.reserveCapacity(kept + 1)
        var frames = 0
        for i in 0..<n where keep[i] { frames += stackOffsets[i + 1] - stackOffsets[i] }
        newStacks.reserveCapacity(frames)
        for i in 0..<n where keep[i] {
            newStacks.append(contentsOf: stacks[stackOffsets[i]..<stackOffsets[i + 1]])
            newStackOffsets.append(newStacks.count)
        }
        stacks = newStacks
        stackOffsets = newStackOffsets
        compactValuesAndLabels(keep, kept: kept)
    }

    /// The values and labels of the kept samples, in new arrays (the old ones may be shared
    /// with the unfiltered profile, so compacting them in place would copy them first).
    private mutating func compactValuesAndLabels(_ keep: [Bool], kept: Int) {
        let n = keep.count
        let width = valueCount
        var newValues: [Int64] = []
        newValues.reserveCapacity(kept * width)
        for i in 0..<n where keep[i] {
            newValues.append(contentsOf: values[(i * width)..<((i + 1) * width)])
        }
        values = newValues
        if labels.isEmpty {
            labelOffsets = [Int](repeating: 0, count: kept + 1)
            return
        }
        var newLabels: [SampleLabel] = []
        var newLabelOffsets: [Int] = [0]
        newLabelOffsets.reserveCapacity(kept + 1)
        for i in 0..<n where keep[i] {
            newLabels.append(contentsOf: labels[labelOffsets[i]..<labelOffsets[i + 1]])
            newLabelOffsets.append(newLabels.count)
        }
        labels = newLabels
        labelOffsets = newLabelOffsets
    }

    /// pprof's focus/ignore decision per sample from a per-location mark (1 focused,
    /// 2 ignored, 0 neither, never 3; indices outside `state` are skipped): a sample is kept when some
    /// frame is focused and none is ignored. Large tables are scanned in two halves at once.
    package func focusedSamples(locationState state: [UInt8]) -> (keep: [Bool], kept: Int) {
        let n = count
        var keep = [Bool](repeating: false, count: n)
        let ranges = n >= 100_000 ? [0..<(n / 2), (n / 2)..<n] : [0..<n]
        var keptPerRange = [Int](repeating: 0, count: ranges.count)
        state.withUnsafeBufferPointer { st in
            stacks.withUnsafeBufferPointer { sp in
                stackOffsets.withUnsafeBufferPointer { off in
                    keep.withUnsafeMutableBufferPointer { out in
                        keptPerRange.withUnsafeMutableBufferPointer { counts in
                            // Each worker writes only its own range of `out` and its own count.
                            let shared = UnsafeSendableBox((st, sp, off, out, counts))
                            DispatchQueue.concurrentPerform(iterations: ranges.count) { r in
                                let (st, sp, off, out, counts) = shared.value
                                var kept = 0
                                for i in ranges[r] {
                                    // The marks of every frame, or-ed: branch-free over long stacks.
                                    var marks: UInt8 = 0
                                    for k in off[i]..<off[i + 1] {
                                        let l = Int(sp[k])
                                        if l >= 0 && l < st.count { marks |= st[l] }
                                    }
                                    if marks & 3 == 1 {
                                        out[i] = true
                                        kept += 1
                                    }
                                }
                                counts[r] = kept
                            }
                        }
                    }
                }
            }
        }
        return (keep, keptPerRange.reduce(0, +))
    }

    /// True when every sample's stack holds at least one location index in `0..<count`.
    package func everyStackHasLocation(below count: Int) -> Bool {
        stacks.withUnsafeBufferPointer { stacks in
            stackOffsets.withUnsafeBufferPointer { offsets in
                for i in 0..<self.count {
                    var found = false
                    for k in offsets[i]..<offsets[i + 1] where stacks[k] >= 0 && Int(stacks[k]) < count {
                        found = true
                        break
                    }
                    if !found { return false }
                }
                return true
            }
        }
    }

    /// Keeps the samples for which `keep` returns true, stacks unchanged.
    package mutating func retainSamples(where keep: (_ sample: Int) -> Bool) {
        var flags = [Bool](repeating: false, count: count)
        var kept = 0
        for i in 0..<count where keep(i) {
            flags[i] = true
            kept += 1
        }
        retain(flags, kept: kept)
    }

    /// Replaces every sample's labels with what `body` appends to `newLabels`.
    package mutating func rewriteLabels(
        _ body: (_ sample: Int, _ oldLabels: ArraySlice<SampleLabel>, _ newLabels: inout [SampleLabel]) -> Void
    ) {
        var out: [SampleLabel] = []
        out.reserveCapacity(labels.count)
        var offsets: [Int] = [0]
        offsets.reserveCapacity(labelOffsets.count)
        for i in 0..<count {
            body(i, labels(i), &out)
            offsets.append(out.count)
        }
        labels = out
        labelOffsets = offsets
    }
}

extension Profile {
    /// For each function: does `re` match its name or its file name (pprof's per-line test).
    /// Evaluated once per function so no regex ever runs per sample frame.
    func functionNameOrFileMatches(_ re: GoRegex) -> [Bool] {
        functions.map { re.matches($0.name) || re.matches($0.filename) }
    }

    /// For each mapping: does `re` match its file.
    func mappingFileMatches(_ re: GoRegex) -> [Bool] {
        mappings.map { re.matches($0.file) }
    }

    /// True when line `ln` names a function whose name or file matched.
    @inline(__always)
    func lineMatches(_ ln: Line, _ fnMatch: [Bool]) -> Bool {
        ln.function >= 0 && Int(ln.function) < fnMatch.count && fnMatch[Int(ln.function)]
    }

    /// True when the location's mapping exists and its file matched.
    @inline(__always)
    func mappingMatches(_ loc: Location, _ mapMatch: [Bool]) -> Bool {
        loc.mapping >= 0 && Int(loc.mapping) < mapMatch.count && mapMatch[Int(loc.mapping)]
    }

    /// Valid location index or nil (stacks from a validated profile always are valid).
    @inline(__always)
    func locationIndex(_ l: Int32) -> Int? {
        l >= 0 && Int(l) < locations.count ? Int(l) : nil
    }
}

/// A value handed to the workers of one `concurrentPerform`, each touching only its own part.
final class UnsafeSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
