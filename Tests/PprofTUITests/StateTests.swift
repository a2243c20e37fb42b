import PprofModel
import PprofReports
import PprofTUI
import Testing

@Suite struct StateTests {
    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        var fx: [Effect] = []
        for k in keys { fx += s.handle(.key(k)) }
        return fx
    }

    @Test func topOrderIsFlatThenName() {
        let v = TestProfile.view()
        let names = v.byFlat.map { v.nodes[$0].name }
        #expect(names.first == "crypto/sha256.block")
        #expect(v.nodes[v.byCum[0]].name == "main.main")
        #expect(v.total == 100 * 10_000_000)
        // cum counts each function once per sample.
        let main = v.nodes[v.nodeIndex(named: "main.main") ?? -1]
        #expect(main.cum == v.total)
        #expect(main.flat == 0)
    }

    @Test func movementClampsAndScrolls() {
        var s = TestProfile.state(width: 80, height: 8)
        _ = press(&s, .char("j"), .down)
        #expect(s.top.selection == 2)
        _ = press(&s, .char("G"))
        #expect(s.top.selection == (s.view?.byFlat.count ?? 0) - 1)
        #expect(s.top.scroll > 0)
        _ = press(&s, .char("g"))
        #expect(s.top.selection == 0 && s.top.scroll == 0)
        _ = press(&s, .up, .pageUp)
        #expect(s.top.selection == 0)
        _ = press(&s, .ctrl("d"))
        #expect(s.top.selection == max(1, s.bodyHeight / 2))
    }

    @Test func enterOpensSourceAtHottestLineAndBackReturns() {
        var s = TestProfile.state()
        // Select main.run (sorted by cum: main.main, main.run, ...).
        _ = press(&s, .char("s"), .char("g"), .down)
        #expect(s.selectedTopName == "main.run")
        let fx = press(&s, .enter)
        #expect(s.pane == .source)
        guard case .loadSource(let node, let file, _, _)? = fx.first else {
            Issue.record("expected a loadSource effect")
            return
        }
        #expect(file == "/src/main.go")
        _ = s.handle(.sourceLoaded(node: node, file: file, lines: TestProfile.mainSource, tried: [file]))
        // main.run's only line with cost is 13.
        #expect(s.source.cursor == 12)
        _ = press(&s, .backspace)
        #expect(s.pane == .top)
        #expect(s.selectedTopName == "main.run")
        _ = press(&s, .char("]"))
        #expect(s.pane == .source)
    }

    @Test func missingSourceSaysWhy() {
        var s = TestProfile.state()
        let fx = press(&s, .enter)
        guard case .loadSource(let node, let file, _, _)? = fx.first else {
            Issue.record("expected a loadSource effect")
            return
        }
        _ = s.handle(.sourceLoaded(node: node, file: file, lines: nil, tried: [file, "/x/pkg3.go"]))
        #expect(s.source.missing?.contains("/x/pkg3.go") == true)
    }

    @Test func treeRecentresOnEnter() {
        var s = TestProfile.state()
        _ = press(&s, .char("s"), .char("g"), .down, .char("3"))
        #expect(s.pane == .tree)
        #expect(s.tree.center == "main.run")
        let rows = s.treeRows()
        #expect(rows.first.map { s.view?.nodes[$0.node].name } == "main.main")
        #expect(rows[s.tree.selection].kind == .center)
        _ = press(&s, .down, .enter)
        #expect(s.tree.center != "main.run")
        let centre = s.tree.center
        _ = press(&s, .escape)
        #expect(s.tree.center == "main.run")
        #expect(centre != nil)
    }

    @Test func flameZoomAndOut() {
        var s = TestProfile.state()
        _ = press(&s, .char("4"))
        #expect(s.pane == .flame)
        _ = press(&s, .down, .down)
        #expect(s.flame.selected == ["main.main", "main.run"])
        _ = press(&s, .enter)
        #expect(s.flame.root == ["main.main", "main.run"])
        let boxes = FlameLayout.layout(s)
        #expect(boxes.first?.width == s.width)
        _ = press(&s, .down, .right)
        #expect(s.flame.selected.count == 3)
        _ = press(&s, .escape)
        #expect(s.flame.root == [])
    }

    @Test func filtersEmitRebuild() {
        var s = TestProfile.state()
        let gen = s.generation
        let fx = press(&s, .char("f"))
        #expect(s.session.config.focus == "^crypto/sha256\\.block$")
        guard case .rebuild(let g, let session)? = fx.first else {
            Issue.record("expected rebuild")
            return
        }
        #expect(g == gen + 1 && session.config.focus == s.session.config.focus)
        // A stale result is ignored; the current one swaps in.
        _ = s.handle(.viewReady(generation: gen, ProfileView()))
        #expect(s.view?.nodes.isEmpty == false)
        _ = press(&s, .char("r"))
        #expect(s.session.config.focus.isEmpty)
        _ = s.handle(.viewFailed(generation: s.generation, message: "boom"))
        #expect(s.status == "error: boom" && s.view != nil)
    }

    @Test func filteredViewAggregates() throws {
        let v = ProfileView.build(profile: TestProfile.make(), sampleIndex: 0, filters: ViewFilters(focus: try GoRegex("parse")))
        #expect(v.total == 33)
        #expect(v.nodeIndex(named: "crypto/sha256.block").map { v.nodes[$0].cum } == 0)
        let hidden = ProfileView.build(profile: TestProfile.make(), sampleIndex: 0, filters: ViewFilters(hide: try GoRegex("^main\\.")))
        #expect(hidden.nodeIndex(named: "main.main").map { hidden.nodes[$0].cum } ?? 0 == 0)
    }

    @Test func cyclesSampleTypeAndGranularity() {
        var s = TestProfile.state()
        _ = press(&s, .char("t"))
        #expect(s.session.config.sampleIndex == "samples")
        _ = press(&s, .char("="))
        #expect(s.session.config.granularity == "filefunctions")
    }

    @Test func searchReportsShareAndJumps() {
        var s = TestProfile.state()
        _ = press(&s, .char("/"), .char("m"), .char("a"), .char("i"), .char("n"), .char("\\"), .char("."), .enter)
        #expect(s.search == "main\\.")
        #expect(s.status.contains("3 matches"))
        #expect(s.selectedTopName?.hasPrefix("main.") == true)
        let first = s.top.selection
        _ = press(&s, .char("n"))
        #expect(s.top.selection != first)
        _ = press(&s, .char("N"))
        #expect(s.top.selection == first)
    }

    @Test func promptRunsCommandsWithHistory() {
        var s = TestProfile.state()
        _ = press(&s, .char(":"))
        #expect(s.prompt.active)
        let fx = press(&s, .char("t"), .char("o"), .char("p"), .char("5"), .enter)
        guard case .runCommand(let line, _)? = fx.first else {
            Issue.record("expected runCommand")
            return
        }
        #expect(line == "top5")
        _ = s.handle(.commandFinished(line: line, outcome: .output("a\nb\n"), session: s.session))
        #expect(s.pane == .output && s.output.lines == ["a", "b"])
        _ = press(&s, .char(":"), .up)
        #expect(s.prompt.buffer == "top5")
        _ = press(&s, .escape)
        #expect(!s.prompt.active)
    }

    @Test func quitAndHelp() {
        var s = TestProfile.state()
        _ = press(&s, .function(1))
        #expect(s.showHelp)
        _ = press(&s, .char("x"))
        #expect(!s.showHelp)
        let fx = press(&s, .char("q"))
        #expect(s.quitting)
        #expect(fx.contains { if case .quit = $0 { return true } else { return false } })
    }

    @Test func mouseSelectsAndScrolls() {
        var s = TestProfile.state()
        _ = s.handle(.mouse(.click(x: 3, y: 4)))
        #expect(s.top.selection == 2)
        _ = s.handle(.mouse(.wheelDown(x: 0, y: 0)))
        #expect(s.top.selection == 5)
    }

    @Test func hintsComeFromTheKeyTable() {
        let hints = KeyMap.hints
        #expect(hints.contains { $0.key == "?" && $0.label == "help" })
        for b in KeyMap.bindings {
            for k in b.keys { #expect(KeyMap.action(for: k) == b.action, "key \(k.label) bound twice") }
        }
    }
}
