import PprofModel
import PprofReports
import PprofTUI
import Testing

@Suite struct StateTests {
    /// Keys with their effects performed (rebuilds and listings run synchronously).
    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] { TestProfile.press(&s, keys) }

    @Test func topOrderIsFlatThenName() {
        var s = TestProfile.state()
        let v = s.aggregate
        #expect(v?.nodes.first?.name == "crypto/sha256.block")
        #expect(v?.total == Int64(1_000_000_000))
        // cum counts each function once per sample.
        let main = v?.nodeIndex(named: "main.main").map { v?.nodes[$0] }
        #expect(main??.cum == v?.total)
        #expect(main??.flat == 0)
        _ = press(&s, .char("s"))
        #expect(s.aggregate?.byCum == true && s.aggregate?.nodes.first?.name == "main.main")
    }

    @Test func movementClampsAndScrolls() {
        var s = TestProfile.state(width: 80, height: 8)
        _ = press(&s, .char("j"), .down)
        #expect(s.top.list.selection == 2)
        _ = press(&s, .char("G"))
        #expect(s.top.list.selection == (s.aggregate?.nodes.count ?? 0) - 1)
        #expect(s.top.list.scroll > 0)
        _ = press(&s, .char("g"))
        #expect(s.top.list.selection == 0 && s.top.list.scroll == 0)
        _ = press(&s, .up, .pageUp)
        #expect(s.top.list.selection == 0)
        _ = press(&s, .ctrl("d"))
        #expect(s.top.list.selection == max(1, s.layout.visibleRows / 2))
    }

    @Test func enterOpensSourceAtHottestLineAndBackReturns() {
        var s = TestProfile.state()
        // Select main.run (sorted by cum: main.main, main.run, ...).
        _ = press(&s, .char("s"), .char("g"), .down)
        #expect(s.selectedTopName == "main.run")
        let fx = press(&s, .enter)
        #expect(s.pane == .source)
        guard case .loadSource(_, let function, _)? = fx.first else {
            Issue.record("expected a loadSource effect")
            return
        }
        #expect(function == "main.run")
        // main.run's only line with cost is 13; the listing starts at its start line (10).
        guard case .line(let file, let lineno, _, _, _, _, _)? = s.source.rows?[s.source.list.selection] else {
            Issue.record("cursor not on a source line: \(String(describing: s.source.rows))")
            return
        }
        #expect(file == "/src/main.go" && lineno == 13)
        #expect(s.source.rows?.first.map { if case .routine(let n, _, _, _, _) = $0 { n == "main.run" } else { false } } == true)
        _ = press(&s, .backspace)
        #expect(s.pane == .top)
        #expect(s.selectedTopName == "main.run")
        _ = press(&s, .char("]"))
        #expect(s.pane == .source)
    }

    @Test func missingSourceSaysWhy() {
        var s = TestProfile.state()
        _ = press(&s, .enter)
        // crypto/sha256.block is recorded in /src/pkg3.go, which the source provider lacks:
        // the row says so in pprof's words, with the path tried.
        let messages = (s.source.rows ?? []).compactMap { r -> String? in if case .message(let m) = r { m } else { nil } }
        #expect(messages == ["Error: open /src/pkg3.go: no such file or directory"])
    }

    /// A rebuild shows the Top half first: the Tree says it is building and its keys wait,
    /// the Source opens from the Top rows alone; the Tree half then fills the pane. A Tree
    /// half of another generation is dropped.
    @Test func topHalfFirstThenTheTree() throws {
        var s = TestProfile.state()
        TestProfile.press(&s, [.char("3")])
        let before = s.treeRows()
        #expect(!before.isEmpty)
        guard case .rebuild(let gen, let session)? = s.handle(.key(.char("f"))).first else {
            Issue.record("focus did not rebuild")
            return
        }
        var events: [AppEvent] = []
        ViewBuilder.post(generation: gen, session: session) { events.append($0) }
        try #require(events.count == 3)
        guard case .viewReady = events[0], case .topLabelsReady = events[1], case .treeReady(_, let tree) = events[2] else {
            Issue.record("want viewReady, topLabelsReady then treeReady, got \(events)")
            return
        }
        _ = s.handle(events[0])
        #expect(s.aggregate?.treeReady == false)
        #expect(Renderer.render(s).text().contains("building the call graph"))
        // The Source of the selected Top row opens before the Tree is in.
        var src = s
        TestProfile.press(&src, [.char("1")])
        let fx = src.handle(.key(.enter))
        #expect(fx.contains { if case .loadSource = $0 { true } else { false } })
        // A stale Tree half changes nothing; the current one fills the pane.
        _ = s.handle(.treeReady(generation: gen - 1, tree))
        #expect(s.aggregate?.treeReady == false)
        _ = s.handle(events[2])
        #expect(s.aggregate?.treeReady == true)
        #expect(!s.treeRows().isEmpty)
        #expect(!Renderer.render(s).text().contains("building the call graph"))
    }

    @Test func treeRecentresOnEnter() {
        var s = TestProfile.state()
        _ = press(&s, .char("s"), .char("g"), .down, .char("3"))
        #expect(s.pane == .tree)
        #expect(s.tree.center == "main.run")
        let rows = s.treeRows()
        #expect(rows.first?.name == "main.main")
        // Callees in peek's order (heaviest first), weights as peek prints them.
        #expect(rows.filter { $0.kind == .callee }.map(\.name) == [
            "github.com/example/project/internal/compute.(*Engine).Compute", "encoding/json.(*decodeState).parse", "main.处理数据",
        ])
        #expect(rows.first?.weight == Int64(970_000_000))
        #expect(rows[s.tree.list.selection].kind == .center)
        _ = press(&s, .down, .enter)
        #expect(s.tree.center != "main.run")
        let centre = s.tree.center
        _ = press(&s, .backspace)
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
        _ = press(&s, .backspace)
        #expect(s.flame.root == [])
    }

    /// The Flame's frames are an effect, not work inside `update`: the pane says it is
    /// building until the result arrives, a build is asked for once, and results for an
    /// older view or another zoom root are not shown.
    @Test func flameBuildsOffTheMainLoop() {
        var s = TestProfile.state()
        let fx = s.handle(.key(.char("4")))
        var builds: [(Int, [String], ProfileView)] = []
        for case .buildFlame(let g, let zoom, let v) in fx { builds.append((g, zoom, v)) }
        #expect(builds.count == 1)
        #expect(builds.first?.1 == [])
        #expect(!s.flameCurrent)
        #expect(Renderer.render(s).text().contains("building flame…"))
        #expect(FlameLayout.layout(s).isEmpty)
        // Another event meanwhile asks for nothing more.
        #expect(!s.handle(.resize(width: s.width, height: s.height)).contains { if case .buildFlame = $0 { return true } else { return false } })
        guard let (gen, zoom, view) = builds.first else { return }
        let built = FlameBuilder.compute(view, zoom: zoom)
        // A result for an older view is dropped.
        _ = s.handle(.flameReady(generation: gen - 1, built))
        #expect(!s.flameCurrent)
        _ = s.handle(.flameReady(generation: gen, built))
        #expect(s.flameCurrent)
        #expect(s.aggregate.map { $0.frames.first?.cum == $0.total } == true)
        #expect(!Renderer.render(s).text().contains("building flame…"))
        // Zoom: a new build for the new root; the whole profile's frames arriving late are not shown.
        _ = s.handle(.key(.down))
        _ = s.handle(.key(.down))
        let zoomFx = s.handle(.key(.enter))
        #expect(s.flame.root == ["main.main", "main.run"])
        var zoomBuilds: [[String]] = []
        for case .buildFlame(_, let z, _) in zoomFx { zoomBuilds.append(z) }
        #expect(zoomBuilds == [["main.main", "main.run"]])
        _ = s.handle(.flameReady(generation: gen, built))
        #expect(!s.flameCurrent)
        TestProfile.run(&s, zoomFx)
        #expect(s.flameCurrent)
        #expect(FlameLayout.layout(s).first?.width == s.width)
    }

    @Test func filtersEmitRebuild() {
        var s = TestProfile.state()
        let gen = s.generation
        let fx = s.handle(.key(.char("f")))
        #expect(s.session.config.focus == "^crypto/sha256\\.block$")
        guard case .rebuild(let g, let session)? = fx.first else {
            Issue.record("expected rebuild")
            return
        }
        #expect(g == gen + 1 && session.config.focus == s.session.config.focus)
        // A stale result is ignored; the current one swaps in.
        let before = s.aggregate?.nodes.count
        _ = s.handle(.viewReady(generation: gen, TestProfile.view()))
        #expect(s.aggregate?.nodes.count == before)
        TestProfile.run(&s, fx)
        #expect(s.aggregate?.nodes.map(\.name).contains("crypto/sha256.block") == true)
        #expect(s.aggregate?.nodes.contains { $0.name == "encoding/json.(*decodeState).parse" } == false)
        _ = press(&s, .char("r"))
        #expect(s.session.config.focus.isEmpty)
        _ = s.handle(.viewFailed(generation: s.generation, message: "boom"))
        #expect(s.status == "error: boom" && s.aggregate != nil)
    }

    @Test func filteredViewComesFromThePipeline() {
        var s = TestProfile.state()
        _ = s.session.execute("focus=parse")
        _ = s.session.execute("sample_index=samples")
        TestProfile.run(&s, [s.requestRebuild()])
        #expect(s.aggregate?.total == 100)
        #expect(s.aggregate?.nodeIndex(named: "crypto/sha256.block") == nil)
        _ = press(&s, .char("4"))
        #expect(s.aggregate?.frames.first?.cum == 33)
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
        let first = s.top.list.selection
        _ = press(&s, .char("n"))
        #expect(s.top.list.selection != first)
        _ = press(&s, .char("N"))
        #expect(s.top.list.selection == first)
    }

    @Test func promptRunsCommandsWithHistory() {
        var s = TestProfile.state()
        _ = press(&s, .char(":"))
        #expect(s.mode == .prompt)
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
        #expect(s.mode != .prompt)
    }

    @Test func quitAndHelp() {
        var s = TestProfile.state()
        _ = press(&s, .function(1))
        #expect(s.mode == .help)
        _ = press(&s, .char("x"))
        #expect(s.mode != .help)
        let fx = press(&s, .char("q"))
        #expect(s.quitting)
        #expect(fx.contains { if case .quit = $0 { return true } else { return false } })
    }

    @Test func mouseSelectsAndScrolls() {
        var s = TestProfile.state()
        _ = s.handle(.mouse(.click(x: 3, y: 4)))
        #expect(s.top.list.selection == 2)
        _ = s.handle(.mouse(.wheelDown(x: 0, y: 0)))
        #expect(s.top.list.selection == 5)
    }

    @Test func hintsComeFromTheKeyTable() {
        let hints = KeyMap.hints
        #expect(hints.contains { $0.key == "?" && $0.label == "help" })
        for b in KeyMap.bindings {
            for k in b.keys { #expect(KeyMap.action(for: k) == b.action, "key \(k.label) bound twice") }
        }
    }
}

/// #14's pane bugs, each found by a new user.
@Suite struct PaneBugTests {
    /// Filters match function names: at every granularity `f` keeps the selected row's
    /// function and `i` drops it (the row text of lines/filefunctions never matched).
    @Test(arguments: ["filefunctions", "files", "lines"] as [String])
    func focusAndIgnoreUseTheFunctionName(_ granularity: String) throws {
        var s = TestProfile.state()
        _ = s.session.execute("granularity=" + granularity)
        TestProfile.run(&s, [s.requestRebuild()])
        let before = try #require(s.aggregate?.nodes.count)
        let row = try #require(s.selectedTopName)
        var focused = s
        TestProfile.press(&focused, [.char("f")])
        #expect(focused.aggregate?.nodes.isEmpty == false, "focus on \(row) emptied the Top at \(granularity)")
        #expect(focused.aggregate?.nodes.contains { $0.name == row } == true)
        var ignored = s
        TestProfile.press(&ignored, [.char("i")])
        #expect(ignored.aggregate?.nodes.contains { $0.name == row } == false, "ignore of \(row) did nothing at \(granularity)")
        #expect((ignored.aggregate?.nodes.count ?? 0) < before)
    }

    /// A click on a tab switches to its pane, through the layout the title bar was drawn in.
    @Test func clickingATabSwitchesPanes() throws {
        var s = TestProfile.state()
        let text = Renderer.render(s).text().split(separator: "\n").first.map(String.init) ?? ""
        let x = try #require(text.range(of: "3 Tree")).lowerBound.utf16Offset(in: text)
        TestProfile.run(&s, s.handle(.mouse(.click(x: x + 1, y: 0))))
        #expect(s.pane == .tree)
        let fx = s.handle(.mouse(.click(x: (text.range(of: "2 Source")?.lowerBound.utf16Offset(in: text) ?? 0), y: 0)))
        #expect(s.pane == .source)
        #expect(fx.contains { if case .loadSource = $0 { true } else { false } })
    }

    /// `/` in the Output pane searches the text shown there, and `n` moves to the next line.
    @Test func searchInOutputSearchesTheText() {
        var s = TestProfile.state(width: 80, height: 10)
        let text = (1...40).map { $0 == 25 || $0 == 33 ? "line \($0) needle" : "line \($0)" }.joined(separator: "\n")
        _ = s.handle(.commandFinished(line: "raw", outcome: .output(text), session: s.session))
        TestProfile.press(&s, [.char("/")] + "needle".map { Key.char($0) } + [.enter])
        #expect(s.pane == .output)
        #expect(s.output.scroll == 24)
        #expect(s.status.contains("2 match"))
        TestProfile.press(&s, [.char("n")])
        #expect(s.output.scroll == 32)
    }

    /// `o` hands the editor the file the listing was read from (here found through
    /// trim_path and source_path), not the profile's name for it; from the Top (and Tree,
    /// Flame) it opens the selected function's hottest line.
    @Test func editorOpensTheFileTheListingFound() throws {
        let sources = InMemorySourceProvider(files: ["/work/main.go": TestProfile.mainSource.joined(separator: "\n") + "\n"])
        var session = Session(profile: TestProfile.make(), environment: ReportEnvironment(sources: sources))
        _ = session.execute("trim_path=/src")
        _ = session.execute("source_path=/work")
        var s = AppState(session: session, title: "t")
        TestProfile.run(&s, s.start())
        TestProfile.press(&s, [.char("s"), .char("g"), .down])
        #expect(s.selectedTopName == "main.run")
        // From the Top: the listing is read, then the editor opens at its hottest line.
        var top = s
        let fx = top.handle(.key(.char("o")))
        guard case .loadSource(let node, let function, let sess)? = fx.first else {
            Issue.record("o from the Top should read the listing first: \(fx)")
            return
        }
        let after = top.handle(.sourceLoaded(node: node, rows: try ViewBuilder.sourceRows(session: sess, function: function), error: nil))
        guard case .openEditor(let file, let line)? = after.first else {
            Issue.record("no editor after the listing: \(after), status \(top.status)")
            return
        }
        #expect(file == "/work/main.go" && line == 13)
        #expect(top.pane == .top)
        // In the Source pane: the cursor's line, in the file found.
        TestProfile.press(&s, [.enter])
        guard case .openEditor(let f2, let l2)? = s.handle(.key(.char("o"))).first else {
            Issue.record("no editor from the Source pane")
            return
        }
        #expect(f2 == "/work/main.go" && l2 == 13)
    }

    /// Keys typed while the Flame's frames are being built wait and apply when they arrive.
    @Test func keysTypedWhileAPaneBuildsAreQueued() {
        var s = TestProfile.state()
        var fx = s.handle(.key(.char("4")))
        for _ in 0..<2 { fx += s.handle(.key(.char("j"))) }
        #expect(!s.flameCurrent)
        TestProfile.run(&s, fx)
        #expect(s.flame.selected == ["main.main", "main.run"])
    }
}

/// #14's 80-column and small-terminal experience, as pure grid tests.
@Suite struct SmallScreenTests {
    func lines(_ s: AppState) -> [String] { Renderer.render(s).text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    func panes(_ w: Int, _ h: Int) -> [(String, AppState)] {
        var top = TestProfile.state(width: w, height: h)
        var out: [(String, AppState)] = [("top", top)]
        for (name, keys) in [("source", [Key.enter]), ("tree", [.char("3")]), ("flame", [.char("4"), .down])] {
            var s = top
            TestProfile.press(&s, keys)
            out.append((name, s))
        }
        _ = top.handle(.commandFinished(line: "top2", outcome: .output("a\nb\n"), session: top.session))
        out.append(("output", top))
        return out
    }

    /// The help and quit keys stay on the hint bar of every pane, down to 40 columns.
    @Test(arguments: [80, 60, 40] as [Int])
    func helpAndQuitStayVisible(_ width: Int) {
        for (name, s) in panes(width, 12) {
            let bar = lines(s)[s.height - 1]
            #expect(bar.contains("? help") && bar.contains("q quit"), "\(name) at \(width): \(bar)")
            // Every tab stays on the title bar (the others compact to their keys when narrow).
            let title = lines(s)[0]
            #expect(title.contains(" 1 ") && title.contains(" 4 "), "\(name) at \(width): \(title)")
        }
    }

    /// Each pane says what its keys do there.
    @Test func hintsArePerPane() {
        let bars = Dictionary(uniqueKeysWithValues: panes(120, 24).map { ($0.0, lines($0.1)[23]) })
        #expect(bars["top"]?.contains("Enter source") == true)
        #expect(bars["source"]?.contains("Enter tree") == true)
        #expect(bars["tree"]?.contains("Enter centre") == true)
        #expect(bars["flame"]?.contains("Enter zoom") == true && bars["flame"]?.contains("Bksp zoom out") == true)
        #expect(bars["output"]?.contains("/ find") == true && bars["output"]?.contains("Enter") == false)
    }

    /// At 40 columns the Top keeps its names (sum%, then flat% and cum% go first), and the
    /// header stays over its columns.
    @Test func narrowTopDropsColumnsNotNames() throws {
        let s = TestProfile.state(width: 40, height: 12)
        let rows = lines(s)
        #expect(rows[2].contains("sha256.block"), "\(rows[2])")
        #expect(!rows[1].contains("sum%") && !rows[1].contains("flat%"))
        let head = rows[1]
        let cum = try #require(head.range(of: "cum")).upperBound
        // "400ms" ends where the header's "cum" ends.
        let value = rows[2].prefix(upTo: cum)
        #expect(value.hasSuffix("400ms"), "\(head) / \(rows[2])")
        let mid = TestProfile.state(width: 60, height: 12)
        #expect(!lines(mid)[1].contains("sum%") && lines(mid)[2].contains("crypto/sha256.block"))
        let wide = TestProfile.state(width: 80, height: 12)
        #expect(lines(wide)[1].contains("sum%"))
    }

    /// The breadcrumb collapses repeats and keeps the current place, cutting from the left.
    @Test func breadcrumbCollapsesAndCutsFromTheLeft() {
        var s = TestProfile.state(width: 100, height: 12)
        for line in ["top2", "top3", "top4"] {
            _ = s.handle(.commandFinished(line: line, outcome: .output("a\n"), session: s.session))
        }
        #expect(!s.breadcrumb.contains("Output › Output"))
        TestProfile.press(&s, [.char("1"), .char("3")])
        let title = lines(s)[0]
        #expect(title.contains("  … › Tree:crypto/sha256.block"), "\(title)")
    }

    /// Esc cancels (a search being typed, the search shown) and never navigates; Backspace goes back.
    @Test func escCancelsBackspaceGoesBack() {
        var s = TestProfile.state()
        TestProfile.press(&s, [.char("3"), .char("/"), .char("m"), .escape])
        #expect(s.mode == .normal && s.searchRegex == nil && s.pane == .tree)
        TestProfile.press(&s, [.char("/"), .char("m"), .enter])
        #expect(s.searchRegex != nil)
        TestProfile.press(&s, [.escape])
        #expect(s.searchRegex == nil && s.pane == .tree)
        TestProfile.press(&s, [.backspace])
        #expect(s.pane == .top)
    }

    /// The Source pane scrolls sideways; a file not found says which options fix it.
    @Test func sourceScrollsSidewaysAndSaysHowToFindFiles() {
        var s = TestProfile.state(width: 60, height: 16)
        TestProfile.press(&s, [.char("s"), .char("g"), .down, .enter])
        let before = lines(s).first { $0.contains("for i := 0") } ?? ""
        TestProfile.press(&s, [.char("l")])
        #expect(s.source.column > 0)
        let after = lines(s).first { $0.contains("i < n") } ?? ""
        #expect(!after.contains("for i := 0") && !before.isEmpty && !after.isEmpty, "\(before) / \(after)")
        TestProfile.press(&s, [.char("h")])
        #expect(s.source.column == 0)
        var missing = TestProfile.state(width: 100, height: 16)
        TestProfile.press(&missing, [.enter])
        let text = Renderer.render(missing).text()
        #expect(text.contains(":source_path=DIR") && text.contains(":trim_path=PREFIX") && text.contains("/src/pkg3.go"))
    }
}
