import Foundation
import PprofLive
import PprofModel
import PprofTUI
import Testing

/// Live mode (issue #15): deltas in the diff colours, and the ring's snapshots as the Growth
/// series.
@Suite struct LiveChangeTests {
    func liveWithSnapshots(_ ks: [Int64]) async throws -> AppState {
        let source = try LiveSource.parse(LiveTests.url, seconds: nil, timeout: nil)
        let fetcher = LiveTests.fetcher(try ks.map { try LiveTests.reply(LiveTests.allocs($0)) })
        var s = LiveTests.liveState()
        for _ in ks {
            let f = try await fetcher.fetch(source)
            TestProfile.run(&s, s.handle(.live(LiveUpdate(.fetched(f)))))
        }
        return s
    }

    @Test func deltaUsesTheDiffColoursAndMarks() async throws {
        var s = try await liveWithSnapshots([1, 3])
        #expect(!s.isDiff)
        var g = DiffScreenTests.render(s)
        #expect(!g.text().contains("+crypto/sha256.block"))
        TestProfile.press(&s, [.char("d"), .char("G")])
        #expect(s.live?.mode == .delta && s.isDiff)
        g = DiffScreenTests.render(s)
        guard let y = DiffScreenTests.row(g, "+crypto/sha256.block") else {
            Issue.record("no marked row:\n\(g.text())")
            return
        }
        #expect(DiffScreenTests.firstColored(g, row: y)?.fg.basicIndex == 1, "growth is red")
    }

    @Test func snapshotsAreTheGrowthSeries() async throws {
        var s = try await liveWithSnapshots([1, 2, 5])
        #expect(s.seriesPoints.count == 3)
        #expect(s.extraTabs == [.growth])
        TestProfile.press(&s, [.char("8")])
        let rows = try #require(s.growth.table?.rows)
        // Every value grows 1x → 2x → 5x: the largest flat grows most and comes first.
        #expect(rows.first?.name == "crypto/sha256.block")
        #expect(rows.first?.values.count == 3)
        #expect(rows.allSatisfy { $0.values == $0.values.sorted() })
        #expect(DiffScreenTests.render(s).text().contains("by growth"))
    }
}
