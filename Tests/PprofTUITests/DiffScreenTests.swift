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
    static func diffState(width: Int = 160, height: Int = 24, sides: Bool = true) throws -> AppState {
        func load(_ n: String) throws -> Profile {
            try ProfileDecoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/crafted/" + n)))))
        }
        let p = try Profile.combine(sources: [try load("new.pb.gz")], bases: [try load("base.pb.gz")])
        var s = AppState(session: Session(profile: p), title: "new.pb.gz − base.pb.gz", width: width, height: height)
        s.diffSource = true
        if sides { s.diffSides = try Profile.combine(sources: [try load("new.pb.gz")], bases: [try load("base.pb.gz")], diffBase: true) }
        TestProfile.run(&s, s.start())
        return s
    }

    static func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(!g.text().contains("¤"), "a cell was not drawn")
        return g
    }

    /// The first row below the title bar (whose breadcrumb names the selection) containing `needle`.
    static func row(_ g: Grid, _ needle: String) -> Int? {
        g.text().split(separator: "\n", omittingEmptySubsequences: false).indices.dropFirst().first {
            g.text().split(separator: "\n", omittingEmptySubsequences: false)[$0].contains(needle)
        }
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
        let edges = lines.indices.filter {
            lines[$0].contains("+↑") || lines[$0].contains("-↑") || lines[$0].contains("+  ↓") || lines[$0].contains("-  ↓")
        }
        #expect(!edges.isEmpty, "\(g.text())")
        for y in edges { #expect(Self.firstColored(g, row: y) != nil) }
    }

    @Test func outputLinesColouredByFirstColumn() throws {
        var s = try Self.diffState()
        _ = s.handle(
            .commandFinished(
                line: "top",
                outcome: .output(
                    "Showing nodes\n    -150ms 26.79%  main.parse\n     140ms 25.00%  main.cacheLookup\n         0     0%  main.load\n"),
                session: s.session))
        let g = Self.render(s)
        guard let a = Self.row(g, "main.parse"), let b = Self.row(g, "main.cacheLookup"), let c = Self.row(g, "main.load"),
            let h = Self.row(g, "Showing")
        else {
            Issue.record("rows missing:\n\(g.text())")
            return
        }
        #expect(g[4, a].fg != .none && g[5, b].fg != .none && g[4, a].fg != g[5, b].fg)
        #expect(g[9, c].fg == .none && g[0, h].fg == .none)
    }

    /// The issue's example: main.parse (−150ms) and main.flush (−120ms) net with
    /// main.cacheLookup (+140ms) to −10ms in main.main; each keeps its own width.
    @Test(arguments: [true, false] as [Bool])
    func flameDrawsEveryChange(_ sides: Bool) throws {
        var s = try Self.diffState(width: 240, sides: sides)
        TestProfile.press(&s, [.char("4")])
        let g = Self.render(s)
        let text = g.text()
        for name in ["-main.parse", "-main.flush", "+main.cacheLookup"] { #expect(text.contains(name), "\(name) missing:\n\(text)") }
        guard let up = Self.cellOf(g, "+main.cacheLookup"), let down = Self.cellOf(g, "-main.parse") else { return }
        #expect(up.bg != down.bg && up.bg != .none && down.bg != .none)
        #expect(up.bg.basicIndex == 1 && down.bg.basicIndex == 6, "8-colour: red and cyan")
        #expect(text.contains("differential"))
        let boxes = FlameLayout.layout(s)
        let names = Dictionary(boxes.map { (s.aggregate?.frameName($0.frame) ?? "", $0.width) }, uniquingKeysWith: max)
        // Shrinking frames are at least as wide as the growing one of similar size.
        #expect((names["main.parse"] ?? 0) >= (names["main.cacheLookup"] ?? 0) - 1)
        #expect((names["main.flush"] ?? 0) > 0)
    }

    /// `b`: sized by base, the stack only in the new profile (main.cacheLookup) has no width.
    @Test func flameSizedByBase() throws {
        var s = try Self.diffState(width: 240)
        TestProfile.press(&s, [.char("4"), .char("b")])
        #expect(s.flame.sizedByBase)
        let g = Self.render(s)
        #expect(g.text().contains("width ∝ base"))
        #expect(!g.text().contains("main.cacheLookup"), "\(g.text())")
        #expect(g.text().contains("-main.parse"))
        TestProfile.press(&s, [.char("b")])
        #expect(Self.render(s).text().contains("+main.cacheLookup"))
    }

    /// Without a base the Flame keeps its palette and its title.
    @Test func plainFlameUnchanged() throws {
        var s = try Self.diffState()
        s.diffSource = false
        TestProfile.press(&s, [.char("4")])
        let g = Self.render(s)
        #expect(g.text().contains("Flame (icicle, width ∝ cum)"))
        #expect(!g.text().contains("-main.parse"))
    }

    static func cellOf(_ g: Grid, _ needle: String) -> Cell? {
        guard let y = row(g, needle) else { return nil }
        let line = Array(g.text().split(separator: "\n", omittingEmptySubsequences: false)[y])
        guard let r = String(line).range(of: needle) else { return nil }
        let x = String(line).distance(from: String(line).startIndex, to: r.lowerBound)
        return g[x + 1, y]
    }

    /// Values near the Int64 limits (crafted huge, negative) in every pane of a diff and in
    /// the Growth series: drawn, never a trap.
    @Test(arguments: ["huge.pb.gz", "negative.pb.gz", "edges.pb.gz"] as [String])
    func extremeValuesNeverTrap(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/crafted/" + name))))
        let p = try ProfileDecoder.decode(bytes)
        var s = AppState(session: Session(profile: try Profile.combine(sources: [p], bases: [p])), title: name, width: 100, height: 24)
        s.diffSource = true
        s.diffSides = try Profile.combine(sources: [p, p], bases: [p], diffBase: true)
        s.series = [SeriesPoint(name: "a", profile: p), SeriesPoint(name: "b", profile: try Profile.combine(sources: [p, p]))]
        TestProfile.run(&s, s.start())
        for keys: [Key] in [
            [.char("1")], [.char("3")], [.char("4"), .down, .down], [.char("b")], [.char("8")], [.enter], [.char("n"), .char("N")],
        ] {
            TestProfile.press(&s, keys)
            _ = Self.render(s)
        }
    }
}
