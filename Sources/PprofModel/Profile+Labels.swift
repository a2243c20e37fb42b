extension Profile {
    /// pprof's `SetLabel`: every sample's string label `key` becomes exactly `values`.
    package mutating func setLabel(key: String, values: [String]) {
        samples.rewriteLabels { _, old, out in
            for label in old where label.isNumeric || label.key != key { out.append(label) }
            for v in values { out.append(SampleLabel(key: key, str: v)) }
        }
    }

    /// pprof's `RemoveLabel`: drops every string label `key` (numeric ones stay).
    package mutating func removeLabel(key: String) {
        samples.rewriteLabels { _, old, out in
            for label in old where label.isNumeric || label.key != key { out.append(label) }
        }
    }

    /// pprof's `NumLabelUnits`: per numeric label key, the first non-empty unit seen, else a
    /// unit inferred from the key ("alignment" and "request" are bytes; otherwise the key
    /// itself). Also returns, per key, the other units seen (sorted), which pprof ignores.
    package func numLabelUnits() -> (units: [String: String], ignored: [String: [String]]) {
        var units: [String: String] = [:]
        var ignored: [String: Set<String>] = [:]
        var keys: Set<String> = []
        for label in samples.labels where label.isNumeric {
            keys.insert(label.key)
            if label.unit.isEmpty { continue }
            if let want = units[label.key] {
                if want != label.unit { ignored[label.key, default: []].insert(label.unit) }
            } else {
                units[label.key] = label.unit
            }
        }
        for key in keys where (units[key] ?? "").isEmpty {
            switch key {
            case "alignment", "request": units[key] = "bytes"
            default: units[key] = key
            }
        }
        return (units, ignored.mapValues { $0.sorted() })
    }

    /// pprof driver's `identifyNumLabelUnits`: the units, plus one warning per key that had
    /// several units (pprof prints them in map order; here sorted by key).
    package func identifyNumLabelUnits() -> (units: [String: String], warnings: [String]) {
        let (units, ignored) = numLabelUnits()
        let warnings = ignored.keys.sorted().map { key in
            "For tag \(key) used unit \(units[key] ?? ""), also encountered unit(s) \((ignored[key] ?? []).joined(separator: ", "))"
        }
        return (units, warnings)
    }

    /// pprof's `addLabelNodes` (tagroot / tagleaf): adds one pseudo-frame per key to every
    /// sample, named by the sample's values of that key joined with "," (empty when it has
    /// none) and with the key as file name. The first root key ends up the root, the last leaf
    /// key the leaf. Numeric values are formatted in `outputUnit`. Returns whether any sample
    /// had a value for a root / leaf key.
    @discardableResult
    package mutating func addLabelNodes(rootKeys: [String], leafKeys: [String], outputUnit: String) -> (root: Bool, leaf: Bool) {
        // Without keys every stack stays as it is: skip copying the whole sample table.
        if rootKeys.isEmpty && leafKeys.isEmpty { return (false, false) }
        // Ids come from the profile: they wrap past UInt64.max as Go's uint64 does.
        var nextLocID = (locations.map(\.id).max() ?? 0) &+ 1
        var nextFuncID = (functions.map(\.id).max() ?? 0) &+ 1
        struct Key: Hashable {
            var name: String
            var file: String
        }
        var interned: [Key: Int32] = [:]
        var rootm = false
        var leafm = false
        let old = samples
        var table = SampleTable(valueCount: old.valueCount)
        table.values = old.values
        table.labels = old.labels
        table.labelOffsets = old.labelOffsets
        table.stacks.reserveCapacity(old.stacks.count + old.count * (rootKeys.count + leafKeys.count))
        table.stackOffsets.reserveCapacity(old.stackOffsets.count)

        func labelLocations(_ s: Int, _ keys: [String], _ matched: inout Bool) -> [Int32] {
            var out: [Int32] = []
            for k in keys.reversed() {
                let values = Self.formatLabelValues(old.labels(s), key: k, outputUnit: outputUnit)
                if !values.isEmpty { matched = true }
                let key = Key(name: values.joined(separator: ","), file: k)
                if let loc = interned[key] {
                    out.append(loc)
                    continue
                }
                var fn = Function(id: nextFuncID, name: key.name, filename: key.file)
                fn.systemName = ""
                nextFuncID &+= 1
                functions.append(fn)
                var loc = Location(id: nextLocID)
                nextLocID &+= 1
                loc.lines = [Line(function: Int32(functions.count - 1), line: 0)]
                locations.append(loc)
                let index = Int32(locations.count - 1)
                interned[key] = index
                out.append(index)
            }
            return out
        }

        for s in 0..<old.count {
            let roots = labelLocations(s, rootKeys, &rootm)
            let leaves = labelLocations(s, leafKeys, &leafm)
            table.stacks.append(contentsOf: leaves)
            table.stacks.append(contentsOf: old.stack(s))
            table.stacks.append(contentsOf: roots)
            table.stackOffsets.append(table.stacks.count)
        }
        samples = table
        return (rootm, leafm)
    }

    /// pprof's `formatLabelValues`: string values of `key`, then numeric ones; numeric values
    /// are scaled to `outputUnit` only when the sample gave that key a unit at all.
    static func formatLabelValues(_ labels: ArraySlice<SampleLabel>, key: String, outputUnit: String) -> [String] {
        var values: [String] = []
        var hasUnits = false
        for label in labels where label.key == key {
            if label.isNumeric {
                if !label.unit.isEmpty { hasUnits = true }
            } else {
                values.append(label.str ?? "")
            }
        }
        for label in labels where label.key == key && label.isNumeric {
            values.append(
                hasUnits
                    ? Measurement.scaledLabel(label.num, from: label.unit, to: outputUnit)
                    : Measurement.scaledLabel(label.num, from: "", to: ""))
        }
        return values
    }

    /// pprof driver's `generateTagRootsLeaves`: splits the comma lists of `tagroot` / `tagleaf`
    /// (dropping empty keys), adds the pseudo-frames, and returns pprof's warnings.
    package mutating func generateTagRootsLeaves(tagRoot: String, tagLeaf: String, unit: String) -> [String] {
        let roots = tagRoot.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        let leaves = tagLeaf.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        let (rootm, leafm) = addLabelNodes(rootKeys: roots, leafKeys: leaves, outputUnit: unit)
        var warnings: [String] = []
        if !tagRoot.isEmpty && !rootm { warnings.append("TagRoot expression matched no samples") }
        if !tagLeaf.isEmpty && !leafm { warnings.append("TagLeaf expression matched no samples") }
        return warnings
    }
}
