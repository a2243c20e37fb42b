import Foundation
import PprofFormats
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// The Growth pane on the leak fixture's four heap snapshots (Fixtures/profiles/leak-*),
/// drawn over a sentinel-filled grid.
@Suite struct GrowthScreenTests {
    static func points() throws -> [SeriesPoint] {
        try (1...4).map { i in
            let name = "leak-\(i).pb.gz"
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/" + name))))
            return SeriesPoint(name: name, profile: try Profile.combine(sources: [try ProfileDecoder.decode(bytes)]))
        }
    }

    static func state(width: Int = 120, height: Int = 24) throws -> AppState {
        let pts = try points()
        let merged = try Profile.combine(sources: pts.map(\.profile))
        var s = AppState(session: Session(profile: merged), title: "4 profiles merged", width: width, height: height)
        s.series = pts
        TestProfile.run(&s, s.start())
        TestProfile.press(&s, [.char("8")])
        return s
    }

    @Test func leakIsTheFirstRow() throws {
        let s = try Self.state()
        #expect(s.pane == .growth)
        let g = DiffScreenTests.render(s)
        let lines = g.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = s.layout.body
        #expect(lines[body.y].hasSuffix("bytes.growSlice") || lines[body.y].contains("bytes.growSlice "), "\(g.text())")
        #expect(s.growth.table?.rows.first?.name == "bytes.growSlice")
        // Growing: a + mark and the growth colour; the trend climbs.
        #expect(lines[body.y].contains("+"))
        #expect(lines[body.y].contains("▁") && lines[body.y].contains("█"))
        #expect(lines[layout(s).header.y].contains("4 profiles"))
        #expect(lines[layout(s).header.y].contains("slope/s"), "time_nanos of the snapshots give seconds")
        // The x axis: the four files with their time stamps, oldest first.
        let axis = lines[body.y + body.height - 1]
        #expect(axis.hasPrefix("x: "))
        #expect(axis.contains("leak-1.pb.gz") && axis.contains("leak-4.pb.gz"))
        #expect(axis.range(of: "leak-1.pb.gz")!.lowerBound < axis.range(of: "leak-4.pb.gz")!.lowerBound)
        // The tab is shown with the series.
        #expect(lines[0].contains("8 Growth"))
    }

    func layout(_ s: AppState) -> ScreenLayout { s.layout }

    @Test func shrinkingRowIsColouredApartFromGrowth() throws {
        var s = try Self.state()
        TestProfile.press(&s, [.char("j")])  // neither row selected
        let g = DiffScreenTests.render(s)
        guard let up = DiffScreenTests.row(g, "bytes.growSlice"), let down = DiffScreenTests.row(g, "main.openSessions") else {
            Issue.record("rows missing:\n\(g.text())")
            return
        }
        let a = DiffScreenTests.firstColored(g, row: up), b = DiffScreenTests.firstColored(g, row: down)
        #expect(a != nil && b != nil && a?.fg != b?.fg, "\(String(describing: a)) \(String(describing: b))\n\(g.text())")
        #expect(g.text().split(separator: "\n")[down].contains("-"))
    }

    /// The order is by change, then last value, then name: complete.
    @Test func rowsSortedByGrowth() throws {
        let s = try Self.state()
        let rows = try #require(s.growth.table?.rows)
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.change > b.change || (a.change == b.change && (a.last > b.last || (a.last == b.last && a.name < b.name))))
        }
    }

    /// Enter: the function's Source listing is the change between the first and last snapshot.
    @Test func enterListsTheChange() throws {
        var s = try Self.state()
        TestProfile.press(&s, [.char("j"), .char("k"), .enter])
        #expect(s.pane == .source)
        #expect(s.source.diff)
        #expect(s.source.node == "bytes.growSlice")
        let first = try Self.points()[0].profile, last = try Self.points()[3].profile
        let change = try Profile.combine(sources: [last], bases: [first])
        let want = try ViewBuilder.sourceRows(session: Session(profile: change, config: s.session.config), function: "bytes.growSlice")
        #expect(s.source.rows == want)
        // Both sides: each line's cum in the last and the first snapshot.
        let lines = want.compactMap { r -> (String, Int, Int64)? in
            if case .line(let f, let n, _, let c, _, _, _) = r { (f, n, c) } else { nil }
        }
        if let hot = lines.max(by: { $0.2 < $1.2 }) {
            let side = try #require(s.source.sides[hot.0 + ":" + String(hot.1)])
            #expect(side.new &- side.base == hot.2, "new − base is the listed change")
            #expect(side.new > side.base)
            let g = DiffScreenTests.render(s)
            #expect(g.text().split(separator: "\n")[s.layout.header.y].contains("base"))
        } else {
            #expect(s.source.sides.isEmpty, "no source lines (no Go sources here), so no sides either")
        }
    }

    /// One profile: no Growth tab, and the pane says why.
    @Test func singleProfileHasNoTab() throws {
        var s = TestProfile.state(width: 120, height: 20)
        let g = DiffScreenTests.render(s)
        #expect(!g.text().split(separator: "\n")[0].contains("Growth"))
        TestProfile.press(&s, [.char("8")])
        #expect(DiffScreenTests.render(s).text().contains("Growth needs more than one profile"))
    }
}
