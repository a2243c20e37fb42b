import Foundation
import PprofFormats
import PprofLive
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// The Sandwich pane: multi-level callers and callees whose first level is `peek`'s.
@Suite struct SandwichTests {
    /// The request of a `buildSandwich` effect among `fx`.
    static func request(_ fx: [Effect]) -> SandwichRequest? {
        for e in fx { if case .buildSandwich(let r, _, _) = e { return r } }
        return nil
    }

    static func state(_ fixture: String, width: Int = 100, height: Int = 30) throws -> AppState {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/" + fixture))))
        var s = AppState(session: Session(profile: try ProfileDecoder.decode(bytes)), title: fixture, width: width, height: height)
        TestProfile.run(&s, s.start())
        return s
    }

    /// For every function of several profiles (recursion, inlining, negative values):
    /// the centre's flat and cum and the first-level callers and callees, names and weights,
    /// in order, are the Tree pane's, which are the `peek` graph's.
    @Test(
        arguments: [
            "labels.pb.gz", "cpu.pb.gz", "heap.pb.gz", "crafted/java.pb.gz", "crafted/inlined.pb.gz", "crafted/mixed.pb.gz",
            "crafted/negative.pb.gz",
        ] as [String])
    func firstLevelIsPeek(_ fixture: String) throws {
        var s = try Self.state(fixture)
        let v = try #require(s.aggregate)
        #expect(!v.nodes.isEmpty)
        for node in v.nodes {
            s.center(on: node.name)
            TestProfile.run(&s, s.centerSandwich(on: node.name))
            let tree = s.treeRows()
            let first = s.sandwich.rows.filter { $0.depth <= 1 }
            #expect(
                first.map(\.kind) == tree.map { r in r.kind == .caller ? .caller : r.kind == .center ? .center : .callee },
                "\(fixture) \(node.name)")
            #expect(first.map(\.name) == tree.map { $0.kind == .center ? "" : $0.name }, "\(fixture) \(node.name)")
            #expect(first.map(\.cum) == tree.map(\.weight), "\(fixture) \(node.name)")
            let c = try #require(first.first { $0.kind == .center })
            let gi = try #require(v.peekIndex[node.name])
            #expect(c.flat == v.peek.nodes[gi].flatValue() && c.cum == v.peek.nodes[gi].cumValue(), "\(fixture) \(node.name)")
        }
    }

    /// The options the Top honours reshape the Sandwich the same way: under each, for every
    /// function, the first level and the centre are still the Tree's (`peek`'s) of that view.
    @Test(arguments: [
        "focus=main", "hide=runtime", "ignore=encode", "granularity=lines", "granularity=files", "noinlines=true",
        "tagroot=tenant", "tagleaf=region", "tagfocus=tenant=acme", "show_from=main.handle", "prune_from=main.spin",
        "relative_percentages=true", "divide_by=3", "mean=true",
    ])
    func firstLevelIsPeekUnderOptions(_ option: String) throws {
        for fixture in ["labels.pb.gz", "cpu.pb.gz"] {
            var s = try Self.state(fixture)
            let (name, value) = (String(option.split(separator: "=")[0]), String(option.drop { $0 != "=" }.dropFirst()))
            try s.session.config.set(name, value)
            TestProfile.run(&s, [s.requestRebuild()])
            let v = try #require(s.aggregate)
            for node in v.nodes {
                s.center(on: node.name)
                TestProfile.run(&s, s.centerSandwich(on: node.name))
                let tree = s.treeRows()
                let first = s.sandwich.rows.filter { $0.depth <= 1 }
                #expect(first.map(\.name) == tree.map { $0.kind == .center ? "" : $0.name }, "\(fixture) \(option) \(node.name)")
                if option != "mean=true" { #expect(first.map(\.cum) == tree.map(\.weight), "\(fixture) \(option) \(node.name)") }
                let gi = try #require(v.peekIndex[node.name])
                let c = try #require(first.first { $0.kind == .center })
                #expect(c.flat == v.peek.nodes[gi].flatValue() && c.cum == v.peek.nodes[gi].cumValue(), "\(fixture) \(option) \(node.name)")
            }
        }
    }

    /// Functions called from several places against `go tool pprof -peek` of the same
    /// function (recorded goldens): every caller and callee in order with pprof's value and
    /// share of the centre's cum, and the centre's flat and cum. main.spin has three callers;
    /// runtime.mallocgc two (and four callees).
    @Test(arguments: [
        ("labels.pb.gz", "labels.peek=main.spin.txt", "main.spin"),
        ("cpu.pb.gz", "cpu.peek=runtime.mallocgc.txt", "runtime.mallocgc"),
    ] as [(String, String, String)])
    func matchesRecordedPeek(_ fixture: String, _ golden: String, _ center: String) throws {
        var s = try Self.state(fixture)
        TestProfile.run(&s, s.centerSandwich(on: center))
        let v = try #require(s.aggregate)
        let text = try String(contentsOfFile: TestPaths.fixture("goldens/" + golden), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let edges = lines.filter { $0.contains("|   ") }.map { line -> String in
            let (numbers, name) = (line.split(separator: "|")[0], line.split(separator: "|")[1])
            let n = numbers.split(separator: " ")
            let bare = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " (inline)", with: "")
            return n[0] + " " + n[1] + " " + bare
        }
        let c = try #require(s.sandwich.rows.first { $0.kind == .center })
        let mine = s.sandwich.rows.filter { $0.kind != .center }.map { r in
            v.format(r.cum) + " " + String(Measurement.percentage(r.cum, c.cum).drop { $0 == " " }) + " " + r.name
        }
        #expect(edges.count >= 3)
        #expect(mine == edges)
        let centre = try #require(lines.first { $0.hasSuffix("| " + center) }).split(separator: " ")
        #expect(centre[0] == v.format(c.flat) && centre[3] == v.format(c.cum))
    }

    /// -mean with another sample type (heap's mean alloc_space; strconv.Itoa is called from
    /// two places): the centre is `peek`'s node (the golden's numbers), and each first-level
    /// row is its edge divided as pprof divides a node, sum over divisors: pprof's `peek`
    /// prints the undivided weight there (the golden's 46400B, "290000%" of a 16B centre).
    @Test func meanDividesEveryRow() throws {
        var s = try Self.state("heap.pb.gz")
        s.session.config.mean = true
        s.session.config.sampleIndex = "alloc_space"
        TestProfile.run(&s, [s.requestRebuild()])
        TestProfile.run(&s, s.centerSandwich(on: "strconv.Itoa"))
        let v = try #require(s.aggregate)
        let text = try String(contentsOfFile: TestPaths.fixture("goldens/heap.peek=strconv.Itoa.mean.txt"), encoding: .utf8)
        let centre = try #require(text.split(separator: "\n").first { $0.hasSuffix("| strconv.Itoa") }).split(separator: " ")
        let c = try #require(s.sandwich.rows.first { $0.kind == .center })
        #expect(centre[0] == v.format(c.flat) && centre[3] == v.format(c.cum) && c.cum == 16)
        let gi = try #require(v.peekIndex["strconv.Itoa"])
        let g = v.peek
        let callers = g.sortedInEdges(of: gi).map { g.edges[$0] }
        let callees = g.sortedOutEdges(of: gi).map { g.edges[$0] }
        #expect(callers.count == 2 && callees.count == 1)
        let rows = s.sandwich.rows.filter { $0.kind != .center }
        #expect(rows.map(\.cum) == (callers + callees).map { $0.weightValue() })
        #expect(rows.map(\.cum) != (callers + callees).map(\.weight))
        #expect(rows.map(\.name) == callers.map { v.peekNames[$0.src] } + callees.map { v.peekNames[$0.dest] })
    }

    /// The count runs off the main loop: centring asks for it (an effect) and changes no row
    /// until its result is in; keys wait for it; a result no longer wanted (another centre,
    /// an older aggregate) is dropped and the last good rows stay.
    @Test func countsOffTheMainLoop() throws {
        var s = try Self.state("labels.pb.gz")
        s.pane = .sandwich
        let fx = s.centerSandwich(on: "main.spin")
        guard case .buildSandwich(let request, let view, let index)? = fx.first, fx.count == 1 else {
            Issue.record("no count asked for: \(fx)")
            return
        }
        var g = Grid(width: 100, height: 30, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(s.sandwich.rows.isEmpty && g.text().contains("counting…"))
        // A key typed meanwhile waits for the rows it means.
        _ = s.handle(.key(.down))
        let spin = SandwichCount.compute(request, view: view, index: index)
        _ = s.handle(.sandwichReady(spin))
        let good = s.sandwich.rows
        #expect(good.contains { $0.name == "main.handle.func1" })
        #expect(s.sandwich.list.selection == (good.firstIndex { $0.kind == .center } ?? -1) + 1)
        // Re-centred, then that count's result arrives after a newer request: dropped.
        let fx2 = s.centerSandwich(on: "time.Now")
        guard case .buildSandwich(let r2, let v2, let i2)? = fx2.first else {
            Issue.record("no count asked for")
            return
        }
        let fx3 = s.centerSandwich(on: "main.main")
        _ = s.handle(.sandwichReady(SandwichCount.compute(r2, view: v2, index: i2)))
        #expect(s.sandwich.rows == good)
        TestProfile.run(&s, fx3)
        let main = s.sandwich.rows
        #expect(main.first { $0.kind == .center }?.cum == 1_960_000_000)
        // A recount on a new aggregate (a rebuild, a live snapshot) keeps the last good rows
        // on screen and the keys working on them meanwhile.
        var pending: [Effect] = []
        if case .rebuild(let gen, let session) = s.requestRebuild() {
            ViewBuilder.post(generation: gen, session: session) { pending += s.handle($0) }
        }
        #expect(s.sandwich.rows == main && Self.request(pending) != nil)
        _ = s.handle(.key(.char("G")))
        #expect(s.sandwich.list.selection == main.count - 1)
        TestProfile.run(&s, pending)
        #expect(s.sandwich.list.selection == s.sandwich.rows.count - 1)
        // A count of an older aggregate is dropped too.
        #expect(s.sandwich.center == "main.main" && s.sandwich.rows.first { $0.kind == .center }?.cum == 1_960_000_000)
        let after = s.sandwich.rows
        _ = s.handle(.sandwichReady(spin))
        #expect(s.sandwich.rows == after)
    }

    /// Unfolding a caller lists its callers (each path's cum at most its parent's), folding
    /// hides them again, Enter re-centres and Backspace/`]` walk the history of centres.
    @Test func unfoldRecentreAndHistory() throws {
        var s = try Self.state("labels.pb.gz")
        TestProfile.press(&s, [.char("1")])
        let spin = try #require(s.aggregate?.nodeIndex(named: "main.spin"))
        TestProfile.press(&s, Array(repeating: .down, count: spin))
        TestProfile.press(&s, [.char("6")])
        #expect(s.pane == .sandwich && s.sandwich.center == "main.spin")
        let level1 = s.sandwich.rows.count
        // The first caller (main.handle.func1) unfolds.
        TestProfile.press(&s, [.char("g"), .right])
        let rows = s.sandwich.rows
        #expect(rows.count > level1)
        #expect(rows[0].name == "main.handle.func1" && rows[0].expanded)
        #expect(rows[1].depth == 2 && rows[1].path.first == "main.handle.func1")
        for r in rows where r.depth == 2 && r.kind == .caller { #expect(r.cum <= rows[0].cum) }
        TestProfile.press(&s, [.left])
        #expect(s.sandwich.rows.count == level1)
        TestProfile.press(&s, [.enter])
        #expect(s.sandwich.center == "main.handle.func1")
        TestProfile.press(&s, [.backspace])
        #expect(s.pane == .sandwich && s.sandwich.center == "main.spin")
        TestProfile.press(&s, [.char("]")])
        #expect(s.sandwich.center == "main.handle.func1")
    }

    /// A rebuild while another pane is shown is counted when the Sandwich is shown again.
    @Test func recountsWhenShownAgain() throws {
        var s = try Self.state("labels.pb.gz")
        TestProfile.press(&s, [.char("6")])
        TestProfile.run(&s, s.centerSandwich(on: "main.spin"))
        let before = s.sandwich.rows
        TestProfile.press(&s, [.char("1")])
        s.session.config.tagFocus = "tenant=acme"
        TestProfile.run(&s, [s.requestRebuild()])
        #expect(s.sandwich.rows == before)
        TestProfile.press(&s, [.char("6")])
        #expect(s.sandwich.center == "main.spin" && s.sandwich.rows != before)
        #expect(s.sandwich.rows.first { $0.kind == .center }?.cum == 670_000_000)
    }

    /// Direct and mutual recursion: every unfolded path counts a sample once, so no row
    /// exceeds the centre's cum.
    @Test func recursionCountedOnce() throws {
        var s = try Self.state("crafted/java.pb.gz")
        for node in try #require(s.aggregate?.nodes) {
            TestProfile.run(&s, s.centerSandwich(on: node.name))
            for _ in 0..<3 {
                for r in s.sandwich.rows where r.kind != .center && !r.expanded && r.expandable { TestProfile.run(&s, s.setSandwichExpanded(r, true)) }
            }
            let c = try #require(s.sandwich.rows.first { $0.kind == .center })
            #expect(c.cum == node.cum)
            for r in s.sandwich.rows { #expect(r.cum.magnitude <= c.cum.magnitude, "\(node.name) \(r.path)") }
        }
    }

    /// Every cell drawn, at 80x24 and 40 columns, on a sentinel grid; names cut, not wrapped.
    @Test(arguments: [(80, 24), (40, 12), (40, 8)] as [(Int, Int)])
    func drawsEveryCell(_ w: Int, _ h: Int) throws {
        var s = try Self.state("labels.pb.gz", width: w, height: h)
        TestProfile.run(&s, s.centerSandwich(on: "main.spin"))
        s.pane = .sandwich
        TestProfile.press(&s, [.char("g"), .right])
        var g = Grid(width: w, height: h, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        let text = g.text()
        #expect(!text.contains("¤"))
        // The unfolded first caller and its own caller, one level deeper.
        #expect(text.contains("▾↑ " + (w >= 80 ? "main.handle.func1" : "…")))
        #expect(text.contains("  ▸↑ "))
        #expect(text.contains("1350ms 68.88%"))
        if h >= 12 { #expect(text.contains("● main.spin")) }
        // Before any centre: a hint, no crash.
        var empty = try Self.state("labels.pb.gz", width: w, height: h)
        empty.pane = .sandwich
        var g2 = Grid(width: w, height: h, fill: Cell("¤"))
        Renderer.draw(empty, into: &g2)
        #expect(!g2.text().contains("¤"))
    }
}

@Suite struct TreeUnfoldTests {
    /// Right on a Tree caller opens the Sandwich of the same centre with that caller unfolded.
    @Test func rightUnfoldsTheTreeRow() throws {
        var s = try SandwichTests.state("labels.pb.gz")
        s.center(on: "main.spin")
        s.pane = .tree
        TestProfile.press(&s, [.char("g"), .right])
        #expect(s.pane == .sandwich && s.sandwich.center == "main.spin")
        let r = try #require(s.sandwich.rows.first)
        #expect(r.name == "main.handle.func1" && r.expanded && s.sandwich.list.selection == 0)
        #expect(s.sandwich.rows[1].path == ["main.handle.func1", "runtime/pprof.Do"])
        TestProfile.press(&s, [.backspace])
        #expect(s.pane == .tree && s.tree.center == "main.spin")
    }
}

@Suite struct SandwichSampleTypeTests {
    /// Every sample type of the heap profile (`t` cycles them): the centre stays, and the first
    /// level is still the Tree's (peek's) for the new type; a diff of two profiles (negative
    /// values) keeps its signs.
    @Test func everySampleTypeAndDiff() throws {
        var s = try SandwichTests.state("heap.pb.gz")
        let top = try #require(s.aggregate?.nodes.first?.name)
        TestProfile.run(&s, s.centerSandwich(on: top))
        s.center(on: top)
        s.pane = .sandwich
        for _ in 0..<4 {
            TestProfile.press(&s, [.char("t")])
            #expect(s.sandwich.center == top)
            s.center(on: top)
            let first = s.sandwich.rows.filter { $0.depth <= 1 }
            #expect(first.map(\.cum) == s.treeRows().map(\.weight), "\(s.session.config.sampleIndex)")
        }
        let base = try SharedRowsTests.fixtureSession("crafted/base.pb.gz").profile
        let new = try SharedRowsTests.fixtureSession("crafted/new.pb.gz").profile
        var diff = try SandwichTests.state("crafted/new.pb.gz")
        var p = new
        var negated = base
        negated.scale(by: -1)
        p = try Profile.merge([p, negated])
        diff.session.profile = p
        TestProfile.run(&diff, [diff.requestRebuild()])
        let nodes = try #require(diff.aggregate?.nodes)
        #expect(nodes.contains { $0.flat < 0 || $0.cum < 0 })
        for n in nodes {
            TestProfile.run(&diff, diff.centerSandwich(on: n.name))
            diff.center(on: n.name)
            #expect(diff.sandwich.rows.filter { $0.depth <= 1 }.map(\.cum) == diff.treeRows().map(\.weight), "\(n.name)")
        }
    }
}

/// The new panes' own keys are in their hint bars at 80 and 60 columns (and `m` in the Top's),
/// drawn from the key table, whose help overlay and docs/KEYS.md list them too.
@Suite struct ViewsHintTests {
    @Test(arguments: [80, 60])
    func ownKeysInTheHintBar(_ width: Int) throws {
        var s = try SandwichTests.state("labels.pb.gz", width: width, height: 20)
        func bar() -> String {
            var g = Grid(width: width, height: 20, fill: Cell("¤"))
            Renderer.draw(s, into: &g)
            return String(g.text().split(separator: "\n").last ?? "")
        }
        let want: [(String, [String])] = [
            ("1", ["m mine", "s sort"]),
            ("3", ["→ unfold", "Enter centre"]),
            ("6", ["← fold", "→ unfold", "Enter centre"]),
            // Narrower, T and L are named in the pane's header line.
            ("7", ["Space pick", "Enter tagfocus", "i tagignore"] + (width >= 80 ? ["T tagroot", "L tagleaf"] : [])),
        ]
        for (key, labels) in want {
            TestProfile.press(&s, [.char(Character(key))])
            let b = bar()
            for l in labels { #expect(b.contains(l), "pane \(key) at \(width): \(b)") }
            if key == "7" {
                var g = Grid(width: width, height: 20, fill: Cell("¤"))
                Renderer.draw(s, into: &g)
                #expect(g.text().contains("(T/L tagroot/tagleaf;"))
            }
            #expect(b.contains("? help") && b.contains("q quit"))
        }
        let help = KeyMap.helpLines().joined(separator: "\n")
        let doc = try String(contentsOfFile: TestPaths.root.appendingPathComponent("docs/KEYS.md").path, encoding: .utf8)
        for (key, word) in [("←", "Sandwich: fold"), ("→", "Sandwich, Tree: unfold"), ("T", "tagroot"), ("L", "tagleaf"), ("m", "My code only"), ("M", "The opposite")] {
            #expect(help.contains(word) && doc.contains(word), "\(key)")
        }
    }
}

/// Live mode: each fetched snapshot is a new aggregate; the Sandwich recounts its centre on
/// it (off the main loop, as for any rebuild) and `m` sums to each snapshot's total.
@Suite struct ViewsLiveTests {
    @Test func sandwichAndMyCodeFollowSnapshots() async throws {
        let source = try LiveSource.parse(LiveTests.url, seconds: nil, timeout: nil)
        let fetcher = LiveTests.fetcher([try LiveTests.reply(LiveTests.allocs(1)), try LiveTests.reply(LiveTests.allocs(3))])
        var s = LiveTests.liveState()
        func feed(_ e: LiveEvent) { TestProfile.run(&s, s.handle(.live(LiveUpdate(e)))) }
        feed(.fetched(try await fetcher.fetch(source)))
        for c in ":mine=^main\\." { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter])
        TestProfile.press(&s, [.char("6")])
        TestProfile.run(&s, s.centerSandwich(on: "main.run"))
        let one = try #require(s.sandwich.rows.first { $0.kind == .center }?.cum)
        TestProfile.press(&s, [.char("m")])
        let total1 = try #require(s.aggregate?.total)
        #expect(s.aggregate?.nodes.reduce(0) { $0 + $1.flat } == total1)
        #expect(s.aggregate?.nodes.contains { $0.name == Profile.notMineFrame } == false)
        #expect(s.aggregate?.nodes.allSatisfy { $0.name.hasPrefix("main.") } == true)
        feed(.fetched(try await fetcher.fetch(source)))
        #expect(s.live?.ring.count == 2 && s.session.config.mine == "^main\\.")
        let total3 = try #require(s.aggregate?.total)
        #expect(total3 == total1 * 3 && s.aggregate?.nodes.reduce(0) { $0 + $1.flat } == total3)
        #expect(s.sandwich.center == "main.run")
        #expect(s.sandwich.rows.first { $0.kind == .center }?.cum == one * 3)
    }
}

/// The tab bar at 80 columns names every tab, Growth's too (several profiles); narrower, each
/// tab keeps its number (the key that shows it), the current one its name.
@Suite struct ViewsTabBarTests {
    @Test(arguments: [80, 60])
    func everyTabReachable(_ width: Int) throws {
        var s = try GrowthScreenTests.state(width: width, height: 24)
        for (key, current) in [("7", "Tags"), ("6", "Sandwich"), ("1", "Top")] {
            TestProfile.press(&s, [.char(Character(key))])
            var g = Grid(width: width, height: 24, fill: Cell("¤"))
            Renderer.draw(s, into: &g)
            let title = String(g.text().split(separator: "\n").first ?? "")
            let names = ["1 Top", "2 Source", "3 Tree", "4 Flame", "6 Sandwich", "7 Tags", "8 Growth"]
            if width >= 80 {
                for n in names { #expect(title.contains(" " + n + " "), "\(title)") }
            } else {
                for n in names { #expect(title.contains(" " + n.prefix(1) + " ") || title.contains(" " + n + " "), "\(n): \(title)") }
                #expect(title.contains(" " + key + " " + current + " "), "\(title)")
            }
        }
    }
}
