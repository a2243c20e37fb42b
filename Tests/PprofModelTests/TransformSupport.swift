import PprofModel

/// Small hand-built profiles for the transform tests.
enum TX {
    /// One sample: stack of location indices leaf first, values, labels.
    struct S {
        var stack: [Int32]
        var values: [Int64]
        var labels: [SampleLabel] = []
    }

    /// A profile whose location i has one line calling function i (named `names[i]`, file
    /// `<name>.go`), unless `inline` gives a location several function indices (leaf first).
    static func profile(
        _ names: [String], samples: [S], inline: [Int: [Int32]] = [:],
        types: [ValueType] = [ValueType(type: "samples", unit: "count")], mapping: Mapping? = nil
    ) -> Profile {
        var p = Profile()
        p.sampleTypes = types
        p.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        p.period = 1
        if let mapping { p.mappings = [mapping] }
        for (i, n) in names.enumerated() {
            p.functions.append(Function(id: UInt64(i + 1), name: n, systemName: n, filename: n + ".go"))
            var loc = Location(id: UInt64(i + 1))
            loc.address = 0x1000 + UInt64(i) * 0x10
            loc.mapping = mapping == nil ? -1 : 0
            let fns = inline[i] ?? [Int32(i)]
            loc.lines = fns.map { Line(function: $0, line: Int64(10 + $0)) }
            p.locations.append(loc)
        }
        p.samples = SampleTable(valueCount: types.count)
        for s in samples { p.samples.append(stack: s.stack, values: s.values, labels: s.labels) }
        return p
    }

    /// Each sample as "root;...;leaf=v1,v2", a location's inlined lines joined by "+" (outer first).
    static func render(_ p: Profile) -> [String] {
        (0..<p.samples.count).map { i in
            let frames = p.samples.stack(i).reversed().map { l -> String in
                let loc = p.locations[Int(l)]
                return loc.lines.reversed().map { $0.function >= 0 ? p.functions[Int($0.function)].name : "?" }
                    .joined(separator: "+")
            }
            let vals = p.samples.values(i).map(String.init).joined(separator: ",")
            return frames.joined(separator: ";") + "=" + vals
        }
    }

    /// Each sample's labels as "k:v" / "k:n unit", in stored order, joined by " ".
    static func labels(_ p: Profile) -> [String] {
        (0..<p.samples.count).map { i in
            p.samples.labels(i).map { l in
                l.isNumeric ? "\(l.key):\(l.num)\(l.unit.isEmpty ? "" : " " + l.unit)" : "\(l.key):\(l.str ?? "")"
            }.joined(separator: " ")
        }
    }

    static func str(_ k: String, _ v: String) -> SampleLabel { SampleLabel(key: k, str: v) }
    static func num(_ k: String, _ v: Int64, _ unit: String = "") -> SampleLabel { SampleLabel(key: k, num: v, unit: unit) }
}
