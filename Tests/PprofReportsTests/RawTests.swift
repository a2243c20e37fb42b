import PprofModel
import Testing

@testable import PprofReports

@Suite struct RawTests {
    /// From `go tool pprof -raw` on the same profile, plus the empty-stack sample that
    /// pprof's focus filter removes before reporting (its `String()` prints it this way).
    @Test func rawMatchesPprof() {
        let r = handReport(tracesFixture())
        let expected = """
            PeriodType: cpu nanoseconds
            Period: 10000000
            Samples:
            samples/count cpu/nanoseconds
                      3   30000000: 1 2 
                            kind:[a b] worker:[w1]
                            bytes:[2048 bytes]
                      1   10000000: 
                      1   10000000: 3 2 
                            kind:[a]
                      2   20000000: 4 
                            tab:[x\\ty]
            Locations
                 1: 0x401000 M=1 main.inl /src/app/work.go:31 s=30
                         main.work /src/app/./work.go:22 s=20
                 2: 0x402000 M=1 main.main /src/app/main.go:12 s=10
                 3: 0x403000 M=1 
                 4: 0x404000 M=1 main.odd\\x1b[31m /src/app/odd.go:5 s=0
            Mappings
            1: 0x400000/0x500000/0x0 /bin/app abc123 

            """
        #expect(r.printRaw() == expected)
    }

    @Test func rawSectionsAndFlags() {
        var b = HandBuiltProfile(types: [("a", "count"), ("b", "bytes")])
        b.p.defaultSampleType = "b"
        b.p.comments = ["note"]
        b.p.durationNanos = 10_002_000_000
        var m = Mapping(id: 7)
        m.hasFunctions = true
        m.hasLineNumbers = true
        m.hasInlineFrames = true
        b.p.mappings = [m]
        let f = b.function("pkg.F", file: "f.go", systemName: "_pkg_F")
        var loc = Location(id: 42)
        loc.mapping = 0
        loc.isFolded = true
        loc.lines = [Line(function: f, line: 3), Line(function: -1, line: 0)]
        b.p.locations = [loc]
        b.sample([0], [1, 2], labels: [SampleLabel(key: "n", num: 5), SampleLabel(key: "n", num: 6, unit: "ms")])
        let lines = handReport(b.p).printRaw().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Comment: note")
        #expect(lines[1] == "PeriodType:  ")
        #expect(lines[2] == "Period: 0")
        #expect(lines[3] == "Duration: 10.0")
        #expect(lines[5] == "a/count b/bytes[dflt]")
        #expect(lines[6] == "          1          2: 42 ")
        // A unit on any value of a key makes every value print with its (maybe empty) unit.
        #expect(lines[7] == "                n:[5  6 ms]")
        #expect(lines[9] == "    42: 0x0 M=7 [F] pkg.F f.go:3 s=0(_pkg_F)")
        #expect(lines[10] == "             ??")
        #expect(lines[12] == "7: 0x0/0x0/0x0   [FN][LN][IN]")
    }

    @Test func commentsPrintOnePerLineEscaped() {
        var p = Profile()
        p.comments = ["first", "bell\u{07}"]
        let r = Report(profile: p, options: ReportOptions(), total: 0)
        #expect(r.printComments() == "first\nbell\\a\n")
    }

    /// Upstream #888/#892: the doc URL after the comments, in `-raw` and the report header;
    /// Go 1.19's pprof never saw the field.
    @Test func docURLPrintsByDefaultOnly() {
        var p = tracesFixture()
        p.comments = ["note"]
        p.docURL = "https://example.com/doc\u{1b}"
        let current = handReport(p)
        #expect(current.printRaw().hasPrefix("Comment: note\nDoc: https://example.com/doc\\x1b\nPeriodType: cpu nanoseconds\n"))
        #expect(Array(current.profileLabels().suffix(3)) == ["note", "Type: cpu", "Doc: https://example.com/doc\\x1b"])
        let old = handReport(p) { $0.compat = .go119 }
        #expect(old.printRaw().hasPrefix("Comment: note\nPeriodType: cpu nanoseconds\n"))
        #expect(Array(old.profileLabels().suffix(2)) == ["note", "Type: cpu"])
    }
}
