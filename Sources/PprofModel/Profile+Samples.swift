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
        // Values and labels of the kept samples, compacted in place.
        let width = valueCount
        values.withUnsafeMutableBufferPointer { v in
            var w = 0
            for i in 0..<n where keep[i] {
                if w != i {
                    for k in 0..<width { v[w * width + k] = v[i * width + k] }
                }
                w += 1
            }
        }
        values.removeLast(values.count - kept * width)
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

    /// True when every sample's stack holds at least one location index in `0..<count`.
    package func everyStackHasLocation(below count: Int) -> Bool {
        for i in 0..<self.count {
            var found = false
            for l in stacks[stackOffsets[i]..<stackOffsets[i + 1]] where l >= 0 && Int(l) < count {
                found = true
                break
            }
            if !found { return false }
        }
        return true
    }

    /// Keeps the samples for which `keep` returns true, stacks unchanged.
    package mutating func retainSamples(where keep: (_ sample: Int) -> Bool) {
        var flags = [Bool](repeating: false, count: count)
        var all = true
        for i in 0..<count {
            flags[i] = keep(i)
            all = all && flags[i]
        }
        if all { return }
        rewriteStacks { i, old, out in
            guard flags[i] else { return false }
            out.append(contentsOf: old)
            return true
        }
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
