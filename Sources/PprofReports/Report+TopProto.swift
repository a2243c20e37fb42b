import PprofModel

extension Report {
    /// pprof `printTopProto`: the `top` graph as a profile, one location per node (id = its
    /// position + 1, the node's address and line), one sample per node with values
    /// `[cum, flat]` in the selected output unit (truncated), sample types `cum`/`flat`,
    /// functions by (name, system name, file, start line) in order of first use; time,
    /// duration and period copied; no mappings.
    func topProtoProfile() -> Profile {
        let g = newTrimmedGraph().0
        let rpt = selectingOutputUnit(for: g)
        let o = rpt.options
        var out = Profile()
        out.sampleTypes = [ValueType(type: "cum", unit: o.outputUnit), ValueType(type: "flat", unit: o.outputUnit)]
        out.timeNanos = profile.timeNanos
        out.durationNanos = profile.durationNanos
        out.periodType = profile.periodType
        out.period = profile.period
        out.samples = SampleTable(valueCount: 2)
        struct FunctionKey: Hashable {
            var name, origName, file: [UInt8]
            var startLine: Int
        }
        var functions: [FunctionKey: Int32] = [:]
        func scaled(_ v: Int64) -> Int64 { GoConvert.int64(Measurement.scale(v, from: o.sampleUnit, to: o.outputUnit).0) }
        for (i, n) in g.nodes.enumerated() {
            let info = n.info
            let key = FunctionKey(
                name: Array(info.name.utf8), origName: Array(info.origName.utf8), file: Array(info.file.utf8),
                startLine: info.startLine)
            let f: Int32
            if let known = functions[key] {
                f = known
            } else {
                f = Int32(out.functions.count)
                functions[key] = f
                out.functions.append(
                    Function(
                        id: UInt64(out.functions.count + 1), name: info.name, systemName: info.origName, filename: info.file,
                        startLine: Int64(info.startLine)))
            }
            var loc = Location(id: UInt64(i + 1))
            loc.address = info.address
            loc.lines = [Line(function: f, line: Int64(info.lineno))]
            out.locations.append(loc)
            out.samples.append(stack: [Int32(i)], values: [scaled(n.cumValue()), scaled(n.flatValue())], labels: [])
        }
        return out
    }
}
