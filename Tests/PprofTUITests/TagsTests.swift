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

    /// Rows are `-tags`'s: every key and value line in the batch report's order, names and
    /// amounts (the `tags` command's own report, in its own units: numeric labels bucketed by
    /// their scaled name, heap's `bytes` as "64kB"), under both compat modes.
    @Test(arguments: ["labels.pb.gz", "heap.pb.gz", "crafted/labelunits.pb.gz"], [Compat.current, .go119])
    func rowsAreTheTagsReport(_ fixture: String, _ compat: Compat) throws {
        var s = try SandwichTests.state(fixture)
        s.session.config.compat = compat
        TestProfile.run(&s, [s.requestRebuild()])
        TestProfile.press(&s, [.char("7")])
        let batch = try s.session.prepareReport(command: "tags")
        let lines = batch.printTags().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let report = try #require(s.tagsReport)
        let mine = s.tags.rows.map { r -> String in
            let (amount, share) = report.tagValueText(r.amount, keyTotal: r.keyTotal)
            return r.value.map { amount + " (" + (share ?? "") + "): " + $0 } ?? r.key + ": Total " + amount
        }
        #expect(mine.count == lines.count)
        for (m, l) in zip(mine, lines) { #expect(l.hasPrefix(m), "\(m) / \(l)") }
        if fixture == "labels.pb.gz" { #expect(mine.contains(compat == .go119 ? "730.0ms (40.33%): /api/search" : "730ms (37.24%): /api/search")) }
        if fixture == "heap.pb.gz" { #expect(mine.contains { $0.hasSuffix("): 64kB") }) }
    }

    /// The rows are counted off the main loop: showing the pane asks for them (an effect),
    /// keys wait for the first rows only; rows of an older aggregate are dropped and the last
    /// good rows stay (and take keys) while a new aggregate's are counted.
    @Test func countsOffTheMainLoop() throws {
        var s = try SandwichTests.state("labels.pb.gz")
        let fx = s.handle(.key(.char("7")))
        var asked: (Int, Report)?
        for e in fx { if case .buildTags(let gen, let report) = e { asked = (gen, report) } }
        let (gen, report) = try #require(asked)
        #expect(s.pane == .tags && s.tags.rows.isEmpty)
        _ = s.handle(.key(.down))
        #expect(s.tags.list.selection == 0)
        _ = s.handle(.tagsReady(generation: gen, TagsRow.rows(of: report)))
        let first = s.tags.rows
        #expect(!first.isEmpty && s.tags.list.selection == 1)
        // A rebuild: the old rows stay and keys move on them until the new rows are in.
        s.session.config.tagFocus = "tenant=acme"
        var pending: [Effect] = []
        if case .rebuild(let g2, let session) = s.requestRebuild() {
            ViewBuilder.post(generation: g2, session: session) { pending += s.handle($0) }
        }
        #expect(s.tags.rows == first)
        _ = s.handle(.key(.down))
        #expect(s.tags.list.selection == 2)
        _ = s.handle(.tagsReady(generation: gen, []))
        #expect(s.tags.rows == first)
        TestProfile.run(&s, pending)
        #expect(s.tags.rows != first && s.tags.rows.contains { $0.value == "acme" } && !s.tags.rows.contains { $0.value == "globex" })
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

    /// Numeric labels (heap's allocation `bytes`), bucketed as `-tags` names them: two
    /// neighbouring buckets picked and applied give the Top of batch `-tagfocus=bytes=56kb:64kb`
    /// (its golden recorded from go tool pprof); one bucket is one value; buckets with an
    /// unpicked one between them, or mixed with a string pick, are refused (pprof filters a
    /// number by one range), leaving the filters as they were.
    @Test func numericBucketsFocusLikeBatchRange() throws {
        var s = try Self.tagsState("heap.pb.gz")
        #expect(s.tags.rows.contains { $0.key == "bytes" && $0.value == "56kB" && $0.numbers == 57344...57344 })
        try Self.pick(&s, "bytes", "56kB")
        try Self.pick(&s, "bytes", "64kB")
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.tagFocus == "bytes=57344bytes:65536bytes")
        var batch = s.session
        batch.config.tagFocus = "bytes=56kb:64kb"
        let want = try ViewBuilder.build(session: batch)
        let got = try #require(s.aggregate)
        #expect(got.nodes == want.nodes && got.total == want.total)
        let golden = try String(contentsOfFile: TestPaths.fixture("goldens/heap.top.tagfocus=bytes=56kb_64kb.txt"), encoding: .utf8)
        let rows = golden.split(separator: "\n").drop { !$0.hasSuffix("cum   cum%") }.dropFirst()
        #expect(got.nodes.map { $0.name } == rows.map { String($0.split(separator: " ").last ?? "") })
        #expect(got.nodes.map { $0.flatText } == rows.map { String($0.split(separator: " ")[0]) })
        // One bucket: one value.
        TestProfile.press(&s, [.char("r"), .char("7")])
        try Self.pick(&s, "bytes", "16B")
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.tagFocus == "bytes=16bytes")
        batch.config.tagFocus = "bytes=16b"
        #expect(s.aggregate?.nodes == (try ViewBuilder.build(session: batch)).nodes)
        // 16B and 64kB have other buckets between them.
        TestProfile.press(&s, [.char("r"), .char("7")])
        try Self.pick(&s, "bytes", "16B")
        try Self.pick(&s, "bytes", "64kB")
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.tagFocus == "" && s.status.hasPrefix("numeric picks must be neighbouring"))
    }

    /// Mixed units of one key (crafted/labelunits: `size` in bytes, kilobytes and none, read in
    /// the key's one unit as pprof does; `timeout` in ms; `count` in widgets): every bucket
    /// alone selects exactly the samples `-tags` puts in it; a string pick with it is refused.
    @Test func numericBucketsOfMixedUnits() throws {
        var s = try Self.tagsState("crafted/labelunits.pb.gz")
        let buckets = s.tags.rows.filter { $0.numeric && $0.value != nil }
        #expect(buckets.count == 10)
        for b in buckets {
            TestProfile.press(&s, [.char("r"), .char("7")])
            try Self.pick(&s, b.key, b.value ?? "")
            TestProfile.press(&s, [.enter])
            #expect(s.session.config.tagFocus.hasPrefix(b.key + "="), "\(b.key) \(b.value ?? "")")
            #expect(s.aggregate?.nodes.reduce(0) { $0 + $1.flat } == b.amount, "\(b.key) \(b.value ?? "")")
        }
        TestProfile.press(&s, [.char("r"), .char("7")])
        try Self.pick(&s, "op", "delete")
        try Self.pick(&s, "size", "2kB")
        TestProfile.press(&s, [.enter])
        #expect(s.session.config.tagFocus == "" && s.status.hasPrefix("a numeric label filters alone"))
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
                #expect(s.status == "tagfocus=alignment=8bytes")
            }
        }
    }
}
