import PprofModel
import PprofReports
import PprofTUI
import Testing

@Suite struct ScreenTests {
    static let sizes: [(Int, Int)] = [(80, 24), (160, 48)]

    /// Renders over a sentinel-filled grid: any cell a pane forgot shows as '¤'.
    func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(!g.text().contains("¤"), "a cell was not drawn")
        return g
    }

    func states(_ w: Int, _ h: Int) -> [(String, AppState)] {
        var top = TestProfile.state(width: w, height: h)
        TestProfile.press(&top, [.down])
        var cum = top
        TestProfile.press(&cum, [.char("s"), .char("g"), .down])
        var source = cum
        TestProfile.press(&source, [.enter])
        var missing = top
        TestProfile.press(&missing, [.enter])
        var tree = cum
        TestProfile.press(&tree, [.char("3")])
        var flame = top
        TestProfile.press(&flame, [.char("4"), .down])
        var zoom = flame
        TestProfile.press(&zoom, [.down, .enter])
        var help = top
        TestProfile.press(&help, [.char("?")])
        var output = top
        _ = output.handle(.commandFinished(line: "top2", outcome: .output("Showing nodes\n      flat  flat%\n"), session: output.session))
        var prompt = top
        for c in ":top 5 main" { _ = prompt.handle(.key(.char(c))) }
        return [("top", top), ("top-cum", cum), ("source", source), ("source-missing", missing), ("tree", tree),
                ("flame", flame), ("flame-zoom", zoom), ("help", help), ("output", output), ("prompt", prompt)]
    }

    @Test func panesMatchGoldenScreens() {
        for (w, h) in Self.sizes {
            for (name, s) in states(w, h) { assertScreen(render(s), "\(name)-\(w)x\(h)") }
        }
    }

    /// Top, Tree and Flame of the fixture profiles at both sizes (Source needs the Go
    /// sources, which the in-memory tests cover).
    @Test(arguments: ["cpu.pb.gz", "heap.pb.gz"] as [String])
    func fixtureScreens(_ fixture: String) throws {
        let session = try SharedRowsTests.fixtureSession(fixture)
        let stem = fixture.replacingOccurrences(of: ".pb.gz", with: "")
        for (w, h) in Self.sizes {
            var s = AppState(session: session, title: fixture, width: w, height: h)
            TestProfile.run(&s, s.start())
            assertScreen(render(s), "\(stem)-top-\(w)x\(h)")
            var tree = s
            TestProfile.press(&tree, [.char("3")])
            assertScreen(render(tree), "\(stem)-tree-\(w)x\(h)")
            var flame = s
            TestProfile.press(&flame, [.char("4"), .down, .down])
            assertScreen(render(flame), "\(stem)-flame-\(w)x\(h)")
        }
    }

    @Test func tinyTerminalsNeverTrap() {
        for (w, h) in [(0, 0), (1, 1), (20, 6), (39, 8), (40, 7), (40, 8), (2, 30), (300, 2)] {
            for (_, var s) in states(80, 24) {
                _ = s.handle(.resize(width: w, height: h))
                let g = Renderer.render(s)
                #expect(g.width == w && g.height == h)
                for k: Key in [.down, .pageDown, .char("G"), .right, .enter, .left, .up, .escape] { _ = s.handle(.key(k)) }
                _ = Renderer.render(s)
            }
        }
        var s = TestProfile.state(width: 20, height: 6)
        _ = s.handle(.resize(width: 20, height: 6))
        assertScreen(render(s), "too-small-20x6")
    }

    @Test func untrustedNamesAreInertOnScreen() {
        var s = TestProfile.state(width: 120, height: 30)
        _ = s.handle(.key(.char("G")))
        let g = Renderer.render(s)
        #expect(g.text().contains("evil\\x1b[31mred"))
        for c in g.cells {
            for u in c.character.unicodeScalars { #expect(!Inert.isUnsafe(u.value)) }
        }
    }

    @Test func runnerSurvivesResizeStorm() {
        var events: [AppEvent] = [.key(.char("j")), .key(.enter)]
        for i in 0..<200 { events.append(.resize(width: (i * 37) % 170, height: (i * 13) % 60)) }
        events += [.resize(width: 100, height: 30), .key(.char("4")), .key(.char("q"))]
        let term = ScriptedTerminal(width: 80, height: 24, events: events)
        var runner = AppRunner()
        runner.synchronous = true
        let status = runner.run(session: Session(profile: TestProfile.make()), title: "t", terminal: term)
        #expect(status == 0)
        #expect(term.frames.count > 200)
        let last = term.frames.last
        #expect(last?.width == 100 && last?.height == 30)
        #expect(last?.text().contains("Flame") == true)
    }
}
