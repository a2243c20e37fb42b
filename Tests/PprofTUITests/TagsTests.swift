import Foundation
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// The Tags pane: `-tags` rows that pick values and apply them as tag filters.
@Suite struct TagsTests {
    static func tagsState(_ fixture: String = "labels.pb.gz", width: Int = 100, height: Int = 40) throws -> AppState {
        var s = try SandwichTests.state(fixture, width: width, height: height)
        TestProfile.press(&s, [.char("7")])
        return s
    }

    /// Moves the selection onto `value` of `key` and picks it with Space.
    static func pick(_ s: inout AppState, _ key: String, _ value: String) throws {
        let i = try #require(s.tags.rows.firstIndex { $0.key == key && $0.value == value })
        TestProfile.press(&s, [.char("g")] + Array(repeating: Key.down, count: i) + [.char(" ")])
    }

    /// Rows are `-tags`'s: every key and value line in the batch report's order and amounts.
    @Test func rowsAreTheTagsReport() throws {
        let s = try Self.tagsState()
        let v = try #require(s.aggregate)
        let printed = v.report.printTags().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let mine = s.tags.rows.map { r -> String in
            let (amount, share) = v.report.tagValueText(r.amount, keyTotal: r.keyTotal)
            return r.value.map { amount + " (" + (share ?? "") + "): " + $0 } ?? r.key + ": Total " + amount
        }
        let lines = printed.filter { !$0.isEmpty }
        #expect(mine.count == lines.count)
        for (m, l) in zip(mine, lines) { #expect(l.hasPrefix(m), "\(m) / \(l)") }
        #expect(mine.contains("730ms (37.24%): /api/search"))
    }

    /// Two values of one key, picked and applied with Enter, give the Top of batch
    /// `-tagfocus=tenant=acme|globex` (its golden recorded from go tool pprof), and `r` resets.
    @Test func twoValuesFocusLikeBatchTagfocus() throws {
        var s = try Self.tagsState()
        try Self.pick(&s, "tenant", "acme")
        try Self.pick(&s, "tenant", "globex")
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.tagFocus == "tenant=^(?:acme|globex)$")
        var batch = s.session
        batch.config.tagFocus = "tenant=acme|globex"
        let want = try ViewBuilder.build(session: batch)
        let got = try #require(s.aggregate)
        #expect(got.nodes == want.nodes)
        #expect(got.total == want.total)
        let golden = try String(contentsOfFile: TestPaths.fixture("goldens/labels.top.tagfocus=tenant=acme_globex.txt"), encoding: .utf8)
        for n in got.nodes {
            #expect(golden.contains(n.flatText + " ") && golden.contains(n.cumText + " ") && golden.contains("  " + n.name + "\n"))
        }
        TestProfile.press(&s, [.char("1")])
        s.status = ""
        _ = s.handle(.resize(width: 160, height: 40))
        var g = Grid(width: 160, height: 40, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(g.text().contains("filters: tagfocus=tenant=^(?:acme|glob"))
        // Focus keeps pprof's total; the shown nodes account for the picked tenants only.
        #expect(got.nodes.reduce(0) { $0 + $1.flat } == 1_530_000_000)
        TestProfile.press(&s, [.char("r")])
        #expect(s.session.config.tagFocus == "" && s.aggregate?.nodes.reduce(0) { $0 + $1.flat } == want.total)
    }

    /// Values of two keys: samples must carry one picked value of each key; `i` ignores them.
    @Test func acrossKeysAndIgnore() throws {
        var s = try Self.tagsState()
        let all = try #require(s.aggregate?.total)
        func shown() -> Int64? { s.aggregate?.nodes.reduce(0) { $0 + $1.flat } }
        try Self.pick(&s, "tenant", "acme")
        try Self.pick(&s, "region", "eu-west")
        try Self.pick(&s, "endpoint", "/api/users")
        TestProfile.press(&s, [.enter])
        var manual: Int64 = 0
        let p = s.session.profile
        for i in 0..<p.samples.count {
            let l = p.samples.labels(i)
            if l.contains(where: { $0.key == "tenant" && $0.str == "acme" })
                && l.contains(where: { $0.key == "region" && $0.str == "eu-west" })
                && l.contains(where: { $0.key == "endpoint" && $0.str == "/api/users" })
            {
                manual += Array(p.samples.values(i))[1]
            }
        }
        #expect(manual > 0 && shown() == manual)
        TestProfile.press(&s, [.char("r"), .char("7")])
        try Self.pick(&s, "tenant", "acme")
        TestProfile.press(&s, [.char("i")])
        #expect(s.session.config.tagIgnore == "tenant=^(?:acme)$")
        #expect(shown() == all - 670_000_000)
    }

    /// T and L add the key under the selection to tagroot and tagleaf, a second press removes it.
    @Test func tagRootAndLeaf() throws {
        var s = try Self.tagsState()
        let i = try #require(s.tags.rows.firstIndex { $0.key == "tenant" && $0.value == nil })
        TestProfile.press(&s, [.char("g")] + Array(repeating: Key.down, count: i) + [.char("T")])
        #expect(s.session.config.tagRoot == "tenant")
        TestProfile.press(&s, [.char("L")])
        #expect(s.session.config.tagLeaf == "tenant")
        TestProfile.press(&s, [.char("1")])
        #expect(s.aggregate?.nodes.contains { $0.name == "acme" } == true)
        TestProfile.press(&s, [.char("7"), .char("T")])
        #expect(s.session.config.tagRoot == "")
    }

    /// Numeric keys show their unit and refuse to filter by name; every cell drawn at 80x24
    /// and 40 columns; a profile without labels says so.
    @Test(arguments: [(80, 24), (40, 10)] as [(Int, Int)])
    func drawsEveryCell(_ w: Int, _ h: Int) throws {
        for fixture in ["labels.pb.gz", "crafted/labelunits.pb.gz", "cpu.pb.gz"] {
            var s = try Self.tagsState(fixture, width: w, height: h)
            TestProfile.press(&s, [.down, .char(" ")])
            var g = Grid(width: w, height: h, fill: Cell("¤"))
            Renderer.draw(s, into: &g)
            let text = g.text()
            #expect(!text.contains("¤"), "\(fixture)")
            if fixture == "cpu.pb.gz" { #expect(text.contains("no labels")) }
            if fixture == "labels.pb.gz" { #expect(text.contains("[x]") && text.contains("endpoint: Total")) }
            if fixture == "crafted/labelunits.pb.gz" {
                if w >= 80 { #expect(text.contains("alignment: Total (numeric")) }
                TestProfile.press(&s, [.enter])
                #expect(s.status.hasPrefix("numeric labels filter by range"))
            }
        }
    }
}
