import PprofFormats
import PprofModel
import Testing

@testable import PprofReports

/// Expected texts were produced by `go tool pprof -traces -addresses` (Go 1.19) on the
/// same profile written with `ProfileEncoder`; tabs and ESC appear escaped here by design.
@Suite struct TracesTests {
    @Test func tracesMatchPprof() {
        let r = handReport(tracesFixture()) { $0.numLabelUnits = ["bytes": "bytes"] }
        let expected = """
            File: app
            Build ID: abc123
            Type: cpu
            -----------+-------------------------------------------------------
                  kind:  a b
                worker:  w1
                 bytes:  2kB
                  30ms   0000000000401000 main.inl /src/app/work.go:31 (inline)
                         0000000000401000 main.work /src/app/work.go:22
                         0000000000402000 main.main /src/app/main.go:12
            -----------+-------------------------------------------------------
                  kind:  a
                  10ms   0000000000403000 [app]
                         0000000000402000 main.main /src/app/main.go:12
            -----------+-------------------------------------------------------
                   tab:  x\\ty
                  20ms   0000000000404000 main.odd\\x1b[31m /src/app/odd.go:5
            -----------+-------------------------------------------------------

            """
        #expect(r.printTraces() == expected)
    }

    @Test func numericLabelsUseTheKeysUnitAndSortAfterStrings() {
        var b = HandBuiltProfile(types: [("alloc_space", "bytes")])
        let f = b.function("f")
        let l = b.location([(f, 1)])
        b.sample(
            [l], [1536],
            labels: [
                SampleLabel(key: "zz", str: "last"), SampleLabel(key: "bytes", num: 1536),
                SampleLabel(key: "a", num: 7), SampleLabel(key: "bytes", num: 64),
            ])
        let r = handReport(b.p) { $0.numLabelUnits = ["bytes": "bytes", "a": "a"] }
        let lines = r.printTraces().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Type: alloc_space")
        #expect(lines[2] == "        zz:  last")
        // "%10s" puts more padding before shorter keys, so "a" sorts before "bytes".
        #expect(lines[3] == "         a:  7")
        #expect(lines[4] == "     bytes:  1.50kB 64B")
        // A line number without a file still prints as ":1" (pprof's NameComponents).
        #expect(lines[5] == "    1.50kB   f :1")
    }

    @Test func meanDivisorDividesEachSample() {
        var b = HandBuiltProfile(types: [("contentions", "count"), ("delay", "nanoseconds")])
        let f = b.function("lock")
        let l = b.location([(f, 0)])
        b.sample([l], [4, 10_000_000])
        let r = handReport(b.p) { $0.meanDivisorIndex = 0 }
        #expect(r.printTraces().contains("\n    2.50ms   lock\n"))
    }

    @Test func emptyProfilePrintsOnlyHeaderAndOneSeparator() {
        let b = HandBuiltProfile(types: [("samples", "count")])
        let r = handReport(b.p)
        #expect(r.printTraces() == "Type: samples\n-----------+-------------------------------------------------------\n")
    }

    @Test func headerShowsDurationShareAndSkipsHashComments() {
        var b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
        b.p.comments = ["# hidden", "shown"]
        b.p.durationNanos = 2_000_000_000
        let f = b.function("f")
        b.sample([b.location([(f, 0)])], [500_000_000])
        let lines = handReport(b.p).printTraces().split(separator: "\n")
        #expect(lines[0] == "shown")
        #expect(lines[1] == "Type: cpu")
        #expect(lines[2] == "Duration: 2s, Total samples = 500ms (25.00%)")
    }

    @Test func goTimeFormatsInAFixedZone() {
        // 2021-03-04 05:06:07.5 UTC
        let t: Int64 = 1_614_834_367_500_000_000
        #expect(GoTimeFormat.timeString(unixNanos: t, zone: (0, "UTC")) == "2021-03-04 05:06:07.5 +0000 UTC")
        #expect(GoTimeFormat.timeString(unixNanos: t - 500_000_000, zone: (-8 * 3600, "PST")) == "2021-03-03 21:06:07 -0800 PST")
        #expect(GoTimeFormat.headerString(unixNanos: t, zone: (0, "UTC")) == "Mar 4, 2021 at 5:06am (UTC)")
        #expect(GoTimeFormat.headerString(unixNanos: t + 7 * 3_600_000_000_000, zone: (0, "UTC")) == "Mar 4, 2021 at 12:06pm (UTC)")
        #expect(GoTimeFormat.headerString(unixNanos: t - 5 * 3_600_000_000_000, zone: (0, "UTC")) == "Mar 4, 2021 at 12:06am (UTC)")
    }

    @Test(arguments: [
        (Int64(0), "0s"), (1, "1ns"), (1_500, "1.5µs"), (2_000_000, "2ms"), (1_500_000_000, "1.5s"),
        (61_000_000_000, "1m1s"), (3_723_400_000_000, "1h2m3.4s"), (-1_500, "-1.5µs"),
    ] as [(Int64, String)])
    func goDurationString(_ d: Int64, _ s: String) {
        #expect(GoTimeFormat.durationString(d) == s)
    }

    @Test func durationPrecisionTruncatesRunes() {
        #expect(GoTimeFormat.truncated("2.302918s", 4) == "2.30")
        #expect(GoTimeFormat.truncated("1.5µs", 4) == "1.5µ")
        #expect(GoTimeFormat.truncated("0s", 4) == "0s")
    }
}
