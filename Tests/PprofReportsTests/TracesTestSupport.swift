import PprofModel
import PprofReports

/// Builds `Profile` values by hand for the traces/tags/raw/list tests.
struct HandBuiltProfile {
    var p = Profile()

    init(types: [(String, String)], period: Int64 = 0, periodType: (String, String)? = nil) {
        p.sampleTypes = types.map { ValueType(type: $0.0, unit: $0.1) }
        p.samples = SampleTable(valueCount: types.count)
        p.period = period
        if let pt = periodType { p.periodType = ValueType(type: pt.0, unit: pt.1) }
    }

    /// Adds a function; returns its index.
    @discardableResult
    mutating func function(_ name: String, file: String = "", startLine: Int64 = 0, systemName: String? = nil) -> Int32 {
        let id = UInt64(p.functions.count + 1)
        p.functions.append(Function(id: id, name: name, systemName: systemName ?? name, filename: file, startLine: startLine))
        return Int32(p.functions.count - 1)
    }

    /// Adds a mapping; returns its index.
    @discardableResult
    mutating func mapping(_ file: String, buildID: String = "", start: UInt64 = 0, limit: UInt64 = 0) -> Int32 {
        var m = Mapping(id: UInt64(p.mappings.count + 1))
        m.file = file
        m.buildID = buildID
        m.start = start
        m.limit = limit
        p.mappings.append(m)
        return Int32(p.mappings.count - 1)
    }

    /// Adds a location whose frames are `lines` (callee first); returns its index.
    @discardableResult
    mutating func location(address: UInt64 = 0, mapping: Int32 = -1, _ lines: [(Int32, Int64)]) -> Int32 {
        var l = Location(id: UInt64(p.locations.count + 1))
        l.address = address
        l.mapping = mapping
        l.lines = lines.map { Line(function: $0.0, line: $0.1) }
        p.locations.append(l)
        return Int32(p.locations.count - 1)
    }

    mutating func sample(_ stack: [Int32], _ values: [Int64], labels: [SampleLabel] = []) {
        p.samples.append(stack: stack, values: values, labels: labels)
    }
}

/// A report over `p` showing sample value `index`, the way the driver sets one up.
func handReport(_ p: Profile, index: Int? = nil, configure: (inout ReportOptions) -> Void = { _ in }) -> Report {
    var o = ReportOptions()
    let i = index ?? (p.sampleTypes.count - 1)
    o.sampleIndex = i
    o.sampleType = p.sampleTypes[i].type
    o.sampleUnit = p.sampleTypes[i].unit
    configure(&o)
    return Report(profile: p, options: o, total: Report.computeTotal(p, options: o))
}

/// A small CPU-like profile: inlining, labels (string and numeric), a location without
/// lines, a nameless function, an empty stack and a control character in a name.
func tracesFixture() -> Profile {
    var b = HandBuiltProfile(types: [("samples", "count"), ("cpu", "nanoseconds")], period: 10_000_000, periodType: ("cpu", "nanoseconds"))
    let m = b.mapping("/bin/app", buildID: "abc123", start: 0x400000, limit: 0x500000)
    let main = b.function("main.main", file: "/src/app/main.go", startLine: 10)
    let work = b.function("main.work", file: "/src/app/./work.go", startLine: 20)
    let inl = b.function("main.inl", file: "/src/app/work.go", startLine: 30)
    let odd = b.function("main.odd\u{1b}[31m", file: "/src/app/odd.go")
    let l1 = b.location(address: 0x401000, mapping: m, [(inl, 31), (work, 22)])
    let l2 = b.location(address: 0x402000, mapping: m, [(main, 12)])
    let l3 = b.location(address: 0x403000, mapping: m, [])
    let l4 = b.location(address: 0x404000, mapping: m, [(odd, 5)])
    b.sample(
        [l1, l2], [3, 30_000_000],
        labels: [
            SampleLabel(key: "worker", str: "w1"), SampleLabel(key: "kind", str: "a"),
            SampleLabel(key: "kind", str: "b"), SampleLabel(key: "bytes", num: 2048, unit: "bytes"),
        ])
    b.sample([], [1, 10_000_000])
    b.sample([l3, l2], [1, 10_000_000], labels: [SampleLabel(key: "kind", str: "a")])
    b.sample([l4], [2, 20_000_000], labels: [SampleLabel(key: "tab", str: "x\ty")])
    return b.p
}
