/// Whole-table sample rewrites shared by the filters: each is one linear pass that builds
/// fresh flat arrays, so dropping or shortening millions of samples never shifts elements.
extension SampleTable {
    /// Keeps the samples for which `body` returns true. `body` appends the kept sample's new
    /// stack (leaf first) to `newStack`; whatever it appended is discarded when it returns false.
    package mutating func rewriteStacks(
        _ body: (_ sample: Int, _ oldStack: ArraySlice<Int32>, _ newStack: inout [Int32]) -> Bool
    ) {
        var newStacks: [Int32] = []
        newStacks.reserveCapacity(stacks.count)
        var newStackOffsets: [Int] = [0]
        newStackOffsets.reserveCapacity(stackOffsets.count)
        var newValues: [Int64] = []
        newValues.reserveCapacity(values.count)
        var newLabels: [SampleLabel] = []
        var newLabelOffsets: [Int] = [0]
        newLabelOffsets.reserveCapacity(labelOffsets.count)
        for i in 0..<count {
            let mark = newStacks.count
            if body(i, stack(i), &newStacks) {
                newStackOffsets.append(newStacks.count)
                newValues.append(contentsOf: values(i))
                newLabels.append(contentsOf: labels(i))
                newLabelOffsets.append(newLabels.count)
            } else if newStacks.count > mark {
                newStacks.removeLast(newStacks.count - mark)
            }
        }
        stacks = newStacks
        stackOffsets = newStackOffsets
        values = newValues
        labels = newLabels
        labelOffsets = newLabelOffsets
    }

    /// Keeps the samples for which `keep` returns true, stacks unchanged.
    package mutating func retainSamples(where keep: (_ sample: Int) -> Bool) {
        rewriteStacks { i, old, out in
            guard keep(i) else { return false }
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
