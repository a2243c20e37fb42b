import Foundation
import PprofModel
import Testing

@testable import PprofReports

/// A small profile with inlining, recursion and a long tail, used by the text report tests.
func textFixture() -> ProfileBuilder {
    var b = ProfileBuilder()
    let main = b.location(["main.main"], address: 0x1000)
    let work = b.location(["main.work"], address: 0x2000)
    let inl = b.location(["main.fast", "main.work"], address: 0x2100)  // fast inlined in work
    let slow = b.location(["main.fast"], address: 0x3000)
    let rec = b.location(["main.rec"], address: 0x4000)
    let tiny = b.location(["main.tiny"], address: 0x5000)
    let gc = b.location(["runtime.gc"], address: 0x6000)
    b.sample([inl, main], 30)
    let helper = b.location(["main.helper", "main.main"], address: 0x1100)  // only ever inlined
    b.sample([slow, main], 10)
    b.sample([helper], 5)
    b.sample([work, main], 25)
    b.sample([rec, rec, rec, main], 20)
    b.sample([tiny, main], 1)
    b.sample([gc], 14)
    return b
}

@Suite struct TopTests {
    /// Expected outputs below were checked against `go tool pprof -addresses` on this
    /// profile (the fixture keeps addresses, so no granularity step is involved).
    @Test func topListsNodesWithInlineMarkersAndSums() {
        let out = textFixture().report(durationNanos: 2_000_000_000).printText()
        let expected = """
            File: prog
            Type: cpu
            Duration: 2s, Total samples = 1.05s (52.50%)
            Showing nodes accounting for 1.05s, 100% of 1.05s total
                  flat  flat%   sum%        cum   cum%
                 0.30s 28.57% 28.57%      0.30s 28.57%  0000000000002100 main.fast main.go:10 (inline)
                 0.25s 23.81% 52.38%      0.25s 23.81%  0000000000002000 main.work main.go:10
                 0.20s 19.05% 71.43%      0.20s 19.05%  0000000000004000 main.rec main.go:10
                 0.14s 13.33% 84.76%      0.14s 13.33%  0000000000006000 runtime.gc main.go:10
                 0.10s  9.52% 94.29%      0.10s  9.52%  0000000000003000 main.fast main.go:10
                 0.05s  4.76% 99.05%      0.05s  4.76%  0000000000001100 main.helper main.go:10 (inline)
                 0.01s  0.95%   100%      0.01s  0.95%  0000000000005000 main.tiny main.go:10
                     0     0%   100%      0.86s 81.90%  0000000000001000 main.main main.go:10
                     0     0%   100%      0.05s  4.76%  0000000000001100 main.main main.go:10
                     0     0%   100%      0.30s 28.57%  0000000000002100 main.work main.go:10

            """
        #expect(out == expected)
    }

    @Test func cumSortAndNodeCountHeaders() {
        let out = textFixture().report(durationNanos: 2_000_000_000) {
            $0.cumSort = true
            $0.nodeCount = 3
            $0.nodeFraction = 0.05
        }.printText()
        let expected = """
            File: prog
            Type: cpu
            Duration: 2s, Total samples = 1050ms (52.50%)
            Showing nodes accounting for 300ms, 28.57% of 1050ms total
            Dropped 3 nodes (cum <= 52.50ms)
            Showing top 3 nodes out of 7
                  flat  flat%   sum%        cum   cum%
                     0     0%     0%      860ms 81.90%  0000000000001000 main.main main.go:10
                 300ms 28.57% 28.57%      300ms 28.57%  0000000000002100 main.fast main.go:10 (inline)
                     0     0% 28.57%      300ms 28.57%  0000000000002100 main.work main.go:10

            """
        #expect(out == expected)
    }

    @Test func textItemsCarryRawValues() {
        let (items, labels) = textFixture().report().textItems()
        #expect(items.count == 10)
        #expect(items.first?.name == "0000000000002100 main.fast main.go:10")
        #expect(items.first?.inlineLabel == "(inline)")
        #expect(items.first?.flat == 300_000_000)
        #expect(items.first?.cumFormat == "0.30s")
        #expect(labels.last == "Showing nodes accounting for 1.05s, 100% of 1.05s total")
    }

    @Test func partialInlineWhenSomeCallersInlined() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let inl = b.location(["fast", "work"])
        let call = b.location(["fast"])
        b.sample([inl, main], 3)
        b.sample([call, main], 1)
        let items = b.report().textItems().items
        #expect(items.map(\.name) == ["fast main.go:10", "main main.go:10", "work main.go:10"])
        #expect(items.map(\.inlineLabel) == ["(partial-inline)", "", ""])
        // Light in-edges are trimmed first, so their inline flags no longer count.
        let trimmed = b.report { $0.edgeFraction = 0.3 }.textItems().items
        #expect(trimmed.first?.inlineLabel == "(inline)")
    }

    @Test func controlCharactersArePrintedEscaped() {
        var b = ProfileBuilder()
        let l = b.location(["main.\u{1b}[2Jevil"])
        b.sample([l], 1)
        let out = b.report().printText()
        #expect(out.contains("main.\\x1b[2Jevil"))
        #expect(!out.contains("\u{1b}"))
    }

    @Test func labelsHoldFiltersDurationAndDroppedCounts() {
        var b = textFixture()
        b.profile.comments = ["# hidden", "shown comment"]
        let r = b.report(durationNanos: 2_000_000_000) {
            $0.activeFilters = ["focus=" + String(repeating: "x", count: 90)]
            $0.nodeFraction = 0.05
        }
        let labels = r.textItems().labels
        #expect(labels[0] == "File: prog")
        #expect(labels[1] == "shown comment")
        #expect(labels[2] == "Type: cpu")
        #expect(labels[3] == "Duration: 2s, Total samples = 1050ms (52.50%)")
        #expect(labels[4] == "Active filters:")
        #expect(labels[5] == "   focus=" + String(repeating: "x", count: 74) + "…")
        #expect(labels[7] == "Dropped 3 nodes (cum <= 52.50ms)")
        #expect(genLabel(2, "edge", "freq", "1s") == "Dropped 2 edges (freq <= 1s)")
    }

    @Test func timeUsesGoLayoutInTheLocalZone() {
        // Wall-clock parts come from the local zone's offset; the zone name is the system's.
        let nanos: Int64 = 1_700_000_000_123_456_789
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
        let out = GoTimeFormat.headerString(unixNanos: nanos)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: 1_700_000_000 + Double(offset)))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let h = (c.hour ?? 0) % 12 == 0 ? 12 : (c.hour ?? 0) % 12
        let prefix = "\(months[(c.month ?? 1) - 1]) \(c.day ?? 0), \(c.year ?? 0) at \(h):"
            + String(format: "%02d", c.minute ?? 0) + ((c.hour ?? 0) >= 12 ? "pm (" : "am (")
        #expect(out.hasPrefix(prefix))
        #expect(out.hasSuffix(")"))
        if offset == 0 && (TimeZone.current.identifier == "UTC" || TimeZone.current.identifier == "Etc/UTC") {
            #expect(out == "Nov 14, 2023 at 10:13pm (UTC)")
        }
    }
}
