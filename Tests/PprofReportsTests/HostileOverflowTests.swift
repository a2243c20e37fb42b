import PprofModel
import PprofReports
import Testing

/// Profile numbers at the edges of Int64 (#12 class 1). pprof computes with Go's wrapping
/// int64 arithmetic, so each of these gives pprof's output (the expected texts were printed by
/// `go tool pprof` 1.19 on the same profiles, scripts/hostile/gen_overflow.py) instead of a trap.
@Suite struct HostileOverflowTests {
    static let environment = ReportEnvironment(
        files: HostileDepthTests.NoFiles(),
        sources: InMemorySourceProvider(files: ["/src/x.go": "package main\n\nfunc mid() {\n\tbottom()\n}\n"]))

    static func run(_ p: Profile, _ command: String, _ symbol: String? = nil, config: Config = Config()) throws -> String {
        let prepared = try Pipeline.prepare(profile: p, command: command, symbol: symbol, config: config)
        return try prepared.report.render(command: command, environment: environment).text
    }

    /// One function per name, one location per function (ids in order), samples leaf first.
    static func profile(
        types: [ValueType], functions: [(String, startLine: Int64)], lines: [[(function: Int32, line: Int64)]],
        samples: [([Int32], [Int64], [SampleLabel])]
    ) -> Profile {
        var p = Profile()
        p.sampleTypes = types
        for (i, f) in functions.enumerated() {
            p.functions.append(Function(id: UInt64(i + 1), name: f.0, systemName: f.0, filename: "/src/x.go", startLine: f.startLine))
        }
        for (i, ls) in lines.enumerated() {
            var l = Location(id: UInt64(i + 1))
            l.address = 0x1000 * UInt64(i + 1)
            l.lines = ls.map { Line(function: $0.function, line: $0.line) }
            p.locations.append(l)
        }
        var s = SampleTable(valueCount: types.count)
        for (stack, values, labels) in samples { s.append(stack: stack, values: values, labels: labels) }
        p.samples = s
        return p
    }

    static let countAndBytes = [ValueType(type: "samples", unit: "count"), ValueType(type: "alloc_space", unit: "bytes")]

    @Test func goDivisionWrapsAsGo() {
        #expect(goDiv(Int64.min, -1) == Int64.min)
        #expect(goDiv(7, -2) == -3)
        #expect(goDiv(-7, 2) == -3)
        #expect(goDiv(5, 0) == 0)
        #expect(goAbs(Int64.min) == Int64.min)
        #expect(goAbs(-3) == 3)
    }

    /// A count of -1 under `-mean` divides Int64.min: Go's MinInt64 / -1 is MinInt64.
    @Test func meanOfMinimumByMinusOneIsMinimum() throws {
        let p = Self.profile(
            types: Self.countAndBytes, functions: [("main.alloc", 0)], lines: [[(0, 5)]],
            samples: [([0], [-1, Int64.min], [])])
        var cfg = Config()
        cfg.mean = true
        cfg.sampleIndex = "alloc_space"
        let traces = try Self.run(p, "traces", config: cfg)
        #expect(traces.contains("Type: mean_alloc_space\n"))
        #expect(traces.contains("-9223372036854775808B   main.alloc\n"), "\(traces)")
        let top = try Self.run(p, "top", config: cfg)
        #expect(top.contains("Showing nodes accounting for 0, 0% of -9223372036854775808B total\n"), "\(top)")
        #expect(top.contains("Dropped 1 node (cum <= 40.96PB)\n"), "\(top)")
    }

    /// pprof's computeTotal sums every sample; the diff-base samples' own sum is taken only
    /// when positive (here it wraps negative).
    @Test func totalIncludesEverySampleWhenTheDiffBaseSumWraps() {
        let base = [SampleLabel(key: "pprof::base", str: "true")]
        let p = Self.profile(
            types: [ValueType(type: "samples", unit: "count")], functions: [("main.f", 0)], lines: [[(0, 1)]],
            samples: [([0], [Int64.max], base), ([0], [2], base), ([0], [3], [])])
        var o = ReportOptions()
        o.sampleIndex = 0
        #expect(Report.computeTotal(p, options: o) == Int64.max &+ 2 &+ 3)
    }

    /// Line and start-line numbers at both edges: the window of lines around each one wraps
    /// as Go's int does, and `list` prints what pprof prints.
    @Test func listWithLineNumbersAtTheEdges() throws {
        let p = Self.profile(
            types: [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")],
            functions: [("main.top", Int64.max), ("main.bottom", Int64.min), ("main.mid", 3)],
            lines: [[(0, Int64.max)], [(1, Int64.min)], [(2, Int64.max - 1), (0, Int64.min + 1)], [(2, 2)], [(2, -1)]],
            samples: [([0, 1], [3, 300], []), ([2, 1], [2, 200], []), ([3, 0], [1, 100], []), ([4, 2], [1, 50], [])])
        var cfg = Config()
        cfg.granularity = "lines"
        let out = try Self.run(p, "list", ".", config: cfg)
        #expect(
            out == """
                Total: 650ns
                ROUTINE ======================== main.bottom in /src/x.go
                         0      500ns (flat, cum) 76.92% of Total
                ROUTINE ======================== main.mid in /src/x.go
                     350ns      400ns (flat, cum) 61.54% of Total
                         .          .      3:func mid() {
                         .          .      4:\tbottom()
                         .          .      5:}
                ROUTINE ======================== main.top in /src/x.go
                     300ns      650ns (flat, cum)   100% of Total

                """)
    }

    /// Go's abs keeps Int64.min negative, so a tag worth Int64.min sorts after every other.
    @Test func tagsSortWithGoAbs() throws {
        let p = Self.profile(
            types: [ValueType(type: "samples", unit: "count")], functions: [("main.f", 0)], lines: [[(0, 1)]],
            samples: [
                ([0], [-1], [SampleLabel(key: "n", num: -1, unit: "")]),
                ([0], [Int64.min], [SampleLabel(key: "n", num: Int64.min, unit: "")]),
            ])
        let out = try Self.run(p, "tags")
        let rows = out.split(separator: "\n").filter { $0.hasSuffix(": -1") || $0.hasSuffix(": -9223372036854775808") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasSuffix(": -1") == true, "\(out)")
    }

    /// A flat of Int64.min next to a positive one: the DOT font size is the root of a negative
    /// number (NaN), which Go converts to MinInt64 and adds to 8.
    @Test func dotFontSizeOfMinimumFlatIsGos() throws {
        let p = Self.profile(
            types: [ValueType(type: "samples", unit: "count")], functions: [("main.a", 0), ("main.b", 0)],
            lines: [[(0, 1)], [(1, 2)]], samples: [([0], [Int64.min], []), ([1], [5], [])])
        var cfg = Config()
        cfg.nodeFraction = 0
        cfg.edgeFraction = 0
        cfg.nodeCount = 0
        let out = try Self.run(p, "dot", config: cfg)
        #expect(out.contains("id=\"node2\" fontsize=-9223372036854775800 shape=box"), "\(out)")
        #expect(out.contains("id=\"node1\" fontsize=24 shape=box"))
    }
}

/// Option values print as Go's `fmt.Sprint(float64)` (the shell's `options`): large values no
/// longer go through an Int64 conversion (which trapped past 9.2e18).
@Suite struct GoFloatTests {
    @Test func printsAsGoSprint() {
        let values: [Double] = [
            1e8, 123456789, 1e20, 1e21, 0.5, 1e-5, 100, 1.5e300, 9.3e18, 1e19, 123456, 1234567.5, 0.0001,
            0.00012345, -2.5e-7, Double.leastNonzeroMagnitude, 0.005, 1.7976931348623157e308, -1e6, 999999,
        ]
        // Printed by Go 1.19's fmt.Sprint.
        let go = [
            "1e+08", "1.23456789e+08", "1e+20", "1e+21", "0.5", "1e-05", "100", "1.5e+300", "9.3e+18", "1e+19", "123456",
            "1.2345675e+06", "0.0001", "0.00012345", "-2.5e-07", "5e-324", "0.005", "1.7976931348623157e+308", "-1e+06",
            "999999",
        ]
        #expect(values.map(Config.goFloat) == go)
        #expect(Config.goFloat(-0.0) == "-0" && Config.goFloat(.infinity) == "+Inf")
    }
}
