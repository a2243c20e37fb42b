import Foundation
import PprofFormats
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// "My code": own frames found from go.mod, highlighted, and the m / M collapse keys.
@Suite struct MyCodeTests {
    /// The labels fixture with its go.mod where the source path finds it (a parent directory).
    static func state(width: Int = 100, height: Int = 30) throws -> AppState {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/labels.pb.gz"))))
        let gomod = try String(contentsOfFile: TestPaths.fixture("src/example.com/fixtures/labels/go.mod"), encoding: .utf8)
        let sources = InMemorySourceProvider(files: ["/proj/go.mod": gomod])
        var session = Session(profile: try ProfileDecoder.decode(bytes), environment: ReportEnvironment(sources: sources))
        session.config.sourcePath = "/proj/cmd/tool"
        var s = AppState(session: session, title: "labels", width: width, height: height)
        TestProfile.run(&s, s.start())
        return s
    }

    @Test func moduleFromGoMod() throws {
        let s = try Self.state()
        #expect(s.myCode.pattern == "^(?:main\\.|example\\.com/fixtures/labels[./])")
        #expect(s.myCode.origin == "/proj/go.mod")
        #expect(s.myCode.isMine("main.spin") && s.myCode.isMine("example.com/fixtures/labels/sub.F"))
        #expect(!s.myCode.isMine("runtime.main") && !s.myCode.isMine("time.Now") && !s.myCode.isMine("example.com/fixtures/labelsx.F"))
        let quoted = InMemorySourceProvider(files: ["/a/go.mod": "// c\nmodule \"x.io/y\" // tail\n\ngo 1.21\n"])
        #expect(MyCode.findGoModule(in: ["/a/b/c"], quoted)?.module == "x.io/y")
        #expect(MyCode.findGoModule(in: ["/nowhere"], quoted) == nil)
    }

    /// `m` leaves only own frames in the Top, their flat costs summing to the total; `m` again
    /// restores; `M` leaves none of them.
    @Test func toggleLeavesOnlyOwnFrames() throws {
        var s = try Self.state()
        let v0 = try #require(s.aggregate)
        #expect(v0.nodes.contains { !s.myCode.isMine($0.name) })
        TestProfile.press(&s, [.char("m")])
        let v = try #require(s.aggregate)
        #expect(s.session.config.mine == s.myCode.pattern && !s.session.config.mineHidesOwn)
        #expect(!v.nodes.isEmpty && v.nodes.allSatisfy { s.myCode.isMine($0.name) })
        #expect(v.nodes.reduce(0) { $0 + $1.flat } == v.total)
        // time.Now's cost is main.spin's own now.
        #expect(v.nodes.first { $0.name == "main.spin" }?.flat == 1_960_000_000)
        TestProfile.press(&s, [.char("m")])
        #expect(s.session.config.mine == "" && s.aggregate?.nodes == v0.nodes)
        TestProfile.press(&s, [.char("M")])
        #expect(s.aggregate?.nodes.contains { s.myCode.isMine($0.name) } == false)
        TestProfile.press(&s, [.char("r")])
        #expect(s.session.config.mine == "" && s.aggregate?.nodes == v0.nodes)
    }

    /// A fixture profile with its program's go.mod on the source path, and `configure`d.
    static func fixtureState(_ name: String, _ configure: (inout Config) -> Void = { _ in }) throws -> AppState {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/\(name).pb.gz"))))
        let gomod = try String(contentsOfFile: TestPaths.fixture("src/example.com/fixtures/\(name)/go.mod"), encoding: .utf8)
        var session = Session(
            profile: try ProfileDecoder.decode(bytes), environment: ReportEnvironment(sources: InMemorySourceProvider(files: ["/p/go.mod": gomod])))
        session.config.sourcePath = "/p"
        configure(&session.config)
        var s = AppState(session: session, title: name, width: 100, height: 30)
        TestProfile.run(&s, s.start())
        return s
    }

    /// Real profiles, the module found from their go.mod: `m` leaves own frames and, when some
    /// samples have none (heap.pb.gz: runtime allocations), the one "(not my code)" row; the
    /// flat costs sum to the total (the Top drops no node here: heap's outside share is under
    /// the default node fraction, so that case runs with nodefraction=0), each own row having
    /// the flat pprof's `show` gives it. `M` leaves no own frame and also sums to the total.
    @Test(arguments: [("cpu", 0.005), ("heap", 0), ("labels", 0.005)] as [(String, Double)])
    func toggleSumsToTheTotalOnARealProfile(_ name: String, _ nodeFraction: Double) throws {
        var s = try Self.fixtureState(name) { $0.nodeFraction = nodeFraction }
        let total = try #require(s.aggregate?.total)
        TestProfile.press(&s, [.char("m")])
        let v = try #require(s.aggregate)
        #expect(v.total == total)
        #expect(v.nodes.allSatisfy { s.myCode.isMine($0.name) || $0.name == Profile.notMineFrame })
        #expect(v.nodes.reduce(0) { $0 + $1.flat } == total)
        #expect(StatusLine.filters(s.session.config, profile: s.session.profile) == ["mine=" + truncateToWidth(s.myCode.pattern, StatusLine.maxValueWidth)])
        let outside = v.nodes.first { $0.name == Profile.notMineFrame }?.flat ?? 0
        if name == "heap" { #expect(outside > 0) }
        // The own rows are pprof's show=<mine> rows, which lack the outside share.
        var shown = s
        shown.session.config.mine = ""
        shown.session.config.show = s.myCode.pattern
        TestProfile.run(&shown, [shown.requestRebuild()])
        let show = try #require(shown.aggregate)
        #expect(show.nodes.reduce(0) { $0 + $1.flat } == total - outside)
        #expect(show.nodes.map { [$0.name: $0.flat] } == v.nodes.filter { $0.name != Profile.notMineFrame }.map { [$0.name: $0.flat] })
        // M leaves many small library nodes: counted all, they too sum to the total.
        s.session.config.nodeFraction = 0
        TestProfile.press(&s, [.char("M")])
        let h = try #require(s.aggregate)
        #expect(s.session.config.mineHidesOwn && h.nodes.allSatisfy { !s.myCode.isMine($0.name) })
        #expect(h.nodes.reduce(0) { $0 + $1.flat } == total)
        TestProfile.press(&s, [.char("M")])
        #expect(s.session.config.mine == "" && s.aggregate?.total == total)
    }

    /// Every sample type of heap.pb.gz (`t` cycles them): with `m` on, the rows sum to each
    /// type's total, and the Tags pane lists that type's `-tags`.
    @Test func everySampleType() throws {
        var s = try Self.fixtureState("heap") { $0.nodeFraction = 0 }
        TestProfile.press(&s, [.char("m")])
        var seen: Set<String> = []
        for _ in 0..<4 {
            TestProfile.press(&s, [.char("t")])
            let v = try #require(s.aggregate)
            seen.insert(v.sampleType)
            #expect(v.nodes.reduce(0) { $0 + $1.flat } == v.total, "\(v.sampleType)")
            #expect(v.nodes.allSatisfy { s.myCode.isMine($0.name) || $0.name == Profile.notMineFrame }, "\(v.sampleType)")
            TestProfile.press(&s, [.char("7")])
            let batch = try s.session.prepareReport(command: "tags").tagGroups()
            #expect(s.tags.rows.filter { $0.value != nil }.map(\.amount) == batch.flatMap { $0.rows.map(\.value) }, "\(v.sampleType)")
            TestProfile.press(&s, [.char("1")])
        }
        #expect(seen.count == 4)
    }

    /// The Flame marks own frames bold and underlined, others not.
    @Test func flameMarksOwnFrames() throws {
        var s = try Self.state()
        TestProfile.press(&s, [.char("4")])
        var g = Grid(width: 100, height: 30, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        let lines = (0..<30).map { y in (0..<100).map { String(g[$0, y].character) }.joined() }
        func style(of text: String) -> CellStyle? {
            for (y, l) in lines.enumerated() where y >= 2 {
                if let r = l.range(of: text) { return g[l.distance(from: l.startIndex, to: r.lowerBound), y].style }
            }
            return nil
        }
        #expect(style(of: "main.main")?.attrs.contains(.underline) == true)
        #expect(style(of: "runtime.main")?.attrs.contains(.underline) == false)
    }

    /// `:mine=REGEX` replaces the pattern; a bad regex is a status error, the old one kept.
    @Test func promptOption() throws {
        var s = try Self.state()
        for c in ":mine=^time\\." { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter])
        #expect(s.myCode.pattern == "^time\\." && s.myCode.isMine("time.Now"))
        for c in ":mine=(" { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter])
        #expect(s.status.hasPrefix("error: parsing mine regexp") && s.myCode.pattern == "^time\\.")
        // With m in force, a new pattern applies at once; an empty one ends the collapse.
        TestProfile.press(&s, [.char("m")])
        #expect(s.aggregate?.nodes.map(\.name).sorted() == [Profile.notMineFrame, "time.Now"])
        for c in ":mine=^main\\.spin$" { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.mine == "^main\\.spin$" && s.aggregate?.nodes.map(\.name) == ["main.spin"])
        for c in ":mine=" { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.mine == "" && s.aggregate?.nodes.contains { $0.name == "runtime.main" } == true)
        var none = TestProfile.state()
        TestProfile.press(&none, [.char("m")])
        #expect(none.status.hasPrefix("no own code known"))
    }

    /// The Growth pane marks own functions too (leak snapshots; -mine=^main\.).
    @Test func growthMarksOwnNames() throws {
        var s = try GrowthScreenTests.state()
        for c in ":mine=^main\\." { _ = s.handle(.key(.char(c))) }
        TestProfile.press(&s, [.enter, .char("8")])
        var g = Grid(width: 120, height: 24, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(!g.text().contains("¤"))
        var own = 0
        var other = 0
        for y in s.layout.body.y..<(s.layout.body.y + s.layout.body.height) {
            let line = (0..<120).map { String(g[$0, y].character) }.joined()
            for (prefix, mine) in [("main.", true), ("bytes.", false), ("runtime.", false)] {
                guard let r = line.range(of: "  " + prefix) else { continue }
                let x = line.distance(from: line.startIndex, to: r.lowerBound) + 2
                let green = g[x, y].style.fg == .green
                if mine, green { own += 1 }
                if !mine, green { other += 1 }
            }
        }
        #expect(own > 0 && other == 0)
    }

    /// Own names are drawn in the own-code style in the Top, Tree and Sandwich; others not.
    @Test(arguments: [(100, 30), (40, 10)] as [(Int, Int)])
    func ownNamesHighlighted(_ w: Int, _ h: Int) throws {
        var s = try Self.state(width: w, height: h)
        let time = try #require(s.aggregate?.nodeIndex(named: "time.Now"))
        TestProfile.press(&s, Array(repeating: .down, count: time) + [.char("3")])
        for keys in [[Key.char("1")], [.char("3")], [.char("6"), .char("G")]] {
            TestProfile.press(&s, keys)
            var g = Grid(width: w, height: h, fill: Cell("¤"))
            Renderer.draw(s, into: &g)
            #expect(!g.text().contains("¤"))
            var own = 0
            var other = 0
            for y in 2..<(h - 2) {
                let line = (0..<w).map { String(g[$0, y].character) }.joined()
                if let r = line.range(of: "main.") {
                    let x = line.distance(from: line.startIndex, to: r.lowerBound)
                    if g[x, y].style.fg == .green { own += 1 }
                }
                if let r = line.range(of: "runtime.") {
                    let x = line.distance(from: line.startIndex, to: r.lowerBound)
                    if g[x, y].style.fg == .green { other += 1 }
                }
            }
            #expect(own > 0, "\(keys)")
            #expect(other == 0, "\(keys)")
        }
    }
}
