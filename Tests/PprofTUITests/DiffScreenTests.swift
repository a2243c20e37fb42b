import Foundation
import PprofFormats
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// Diff colours on the crafted `-base` pair (`new.pb.gz − base.pb.gz`: main.cacheLookup
/// +140ms, main.parse −150ms, main.flush −120ms), drawn over a sentinel-filled grid.
@Suite struct DiffScreenTests {
    static func diffState(width: Int = 100, height: Int = 24) throws -> AppState {
        func load(_ n: String) throws -> Profile {
            try ProfileDecoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/crafted/" + n)))))
        }
        let p = try Profile.combine(sources: [try load("new.pb.gz")], bases: [try load("base.pb.gz")])
        var s = AppState(session: Session(profile: p), title: "new.pb.gz − base.pb.gz", width: width, height: height)
        s.diffSource = true
        TestProfile.run(&s, s.start())
        return s
    }

    static func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(!g.text().contains("¤"), "a cell was not drawn")
        return g
    }

    /// The row whose text contains `needle`, and the foreground of its first cell holding `mark`.
    static func row(_ g: Grid, _ needle: String) -> Int? {
        g.text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }
    }

    static func firstColored(_ g: Grid, row y: Int) -> Cell? {
        (0..<g.width).map { g[$0, y] }.first { $0.fg != .none && $0.character != " " }
    }

    @Test func topColoursAndMarksBySign() throws {
        var s = try Self.diffState()
        TestProfile.press(&s, [.char("G")])  // selection off the rows checked
        let g = Self.render(s)
        let lines = g.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let grow = Self.row(g, "main.cacheLookup"), let shrink = Self.row(g, "main.parse") else {
            Issue.record("rows missing:\n\(g.text())")
            return
        }
        #expect(lines[grow].contains("+main.cacheLookup"))
        #expect(lines[shrink].contains("-main.parse"))
        let up = Self.firstColored(g, row: grow), down = Self.firstColored(g, row: shrink)
        #expect(up != nil && down != nil)
        #expect(up?.fg != down?.fg, "growth and shrinkage share a colour")
        // Both map to different basic colours too (8-colour terminals).
        #expect(up.map { $0.fg.basicIndex } == 1)
        #expect(down.map { $0.fg.basicIndex } != 1)
        #expect(down.map { $0.fg.basicIndex } != -1)
    }

    @Test func nonDiffTopStaysUncoloured() throws {
        var s = try Self.diffState()
        s.diffSource = false
        TestProfile.press(&s, [.char("G")])
        let g = Self.render(s)
        guard let y = Self.row(g, "main.cacheLookup") else {
            Issue.record("row missing")
            return
        }
        #expect(Self.firstColored(g, row: y) == nil)
        #expect(!g.text().contains("+main.cacheLookup"))
    }

    @Test func treeMarksEachEdgeBySign() throws {
        var s = try Self.diffState()
        TestProfile.press(&s, [.char("3")])
        let g = Self.render(s)
        #expect(g.text().contains("-● ") || g.text().contains("+● "), "\(g.text())")
        // Every caller/callee row (not selected) is coloured by its weight's sign.
        let lines = g.text().split(separator: "\n", omittingEmptySubsequences: false)
        let edges = lines.indices.filter { lines[$0].contains("+↑") || lines[$0].contains("-↑") || lines[$0].contains("+  ↓") || lines[$0].contains("-  ↓") }
        #expect(!edges.isEmpty, "\(g.text())")
        for y in edges { #expect(Self.firstColored(g, row: y) != nil) }
    }

    @Test func outputLinesColouredByFirstColumn() throws {
        var s = try Self.diffState()
        _ = s.handle(.commandFinished(line: "top", outcome: .output("Showing nodes\n    -150ms 26.79%  main.parse\n     140ms 25.00%  main.cacheLookup\n         0     0%  main.load\n"), session: s.session))
        let g = Self.render(s)
        guard let a = Self.row(g, "main.parse"), let b = Self.row(g, "main.cacheLookup"), let c = Self.row(g, "main.load"), let h = Self.row(g, "Showing")
        else {
            Issue.record("rows missing:\n\(g.text())")
            return
        }
        #expect(g[4, a].fg != .none && g[5, b].fg != .none && g[4, a].fg != g[5, b].fg)
        #expect(g[9, c].fg == .none && g[0, h].fg == .none)
    }
}
