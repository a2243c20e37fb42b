import Foundation
import PprofModel
import PprofReports
import PprofTUI
import Testing

@Suite struct LineEditorTests {
    func edit(_ text: String, _ actions: PromptAction...) -> LineEditor {
        var e = LineEditor(text)
        for a in actions { e.apply(a) }
        return e
    }

    @Test func movesByCharacterWordAndLine() {
        var e = edit("peek main.run x", .lineStart)
        #expect(e.cursor == 0)
        e.apply(.wordForward)
        #expect(e.beforeCursor == "peek")
        e.apply(.wordForward)
        #expect(e.beforeCursor == "peek main")
        e.apply(.charForward)
        e.apply(.wordBack)
        #expect(e.beforeCursor == "peek ")
        e.apply(.wordBack)
        #expect(e.cursor == 0)
        e.apply(.charBack)
        #expect(e.cursor == 0)
        e.apply(.lineEnd)
        e.apply(.charForward)
        #expect(e.cursor == e.chars.count)
    }

    @Test func killsAndYanks() {
        var e = edit("list main.run -cum", .wordBack, .charBack, .killToEnd)
        #expect(e.text == "list main.run " && e.killed == "-cum")
        e.apply(.lineStart)
        e.apply(.yank)
        #expect(e.text == "-cumlist main.run " && e.beforeCursor == "-cum")
        e = edit("top 10 main", .killWordBack)
        #expect(e.text == "top 10 " && e.killed == "main")
        e.apply(.killWordBack)
        #expect(e.text == "top " && e.killed == "10 ")
        e = edit("abc def", .charBack, .charBack, .killToStart)
        #expect(e.text == "ef" && e.cursor == 0 && e.killed == "abc d")
        e.apply(.deleteForward)
        #expect(e.text == "f")
        e.apply(.deleteBack)
        #expect(e.text == "f")
        e.insert("x")
        #expect(e.text == "xf" && e.cursor == 1)
    }

    @Test func everyEditingKeyIsInTheTable() {
        // The keys the issue names, Alt as terminals send it (decoded to .alt by the backend).
        let expected: [(Key, PromptAction)] = [
            (.ctrl("a"), .lineStart), (.ctrl("e"), .lineEnd), (.ctrl("k"), .killToEnd), (.ctrl("u"), .killToStart),
            (.ctrl("w"), .killWordBack), (.ctrl("y"), .yank), (.alt("b"), .wordBack), (.alt("f"), .wordForward),
            (.ctrl("b"), .charBack), (.ctrl("f"), .charForward), (.home, .lineStart), (.end, .lineEnd),
            (.left, .charBack), (.right, .charForward), (.delete, .deleteForward), (.ctrl("r"), .reverseSearch),
            (.escape, .cancel), (.ctrl("g"), .cancel),
        ]
        for (k, a) in expected { #expect(PromptKeys.action(for: k) == a, "\(k)") }
    }
}

@Suite struct PromptHistoryTests {
    @Test func boundedWithoutConsecutiveRepeats() {
        var h = PromptHistory(["top", "top", "list x", "top", "  ", "bad\u{1b}[2J"])
        #expect(h.entries == ["top", "list x", "top"])
        let added = h.add("top")
        #expect(!added)
        for i in 0..<(PromptHistory.limit + 5) { h.add("top\(i)") }
        #expect(h.entries.count == PromptHistory.limit)
        #expect(h.entries.last == "top\(PromptHistory.limit + 4)" && h.entries.first == "top5")
    }

    @Test func searchFindsNewestBeforeIndex() {
        let h = PromptHistory(["peek a", "top", "peek b", "list c"])
        #expect(h.search("peek", before: 4) == 2)
        #expect(h.search("peek", before: 2) == 0)
        #expect(h.search("peek", before: 0) == nil)
        #expect(h.search("zzz", before: 4) == nil)
    }
}

/// The screen drawn over a sentinel-filled grid, row by row (a cell left undrawn shows `#`).
func screen(_ s: AppState) -> [String] {
    var g = Grid(width: s.layout.width, height: s.layout.height, fill: Cell("#"))
    Renderer.draw(s, into: &g)
    return g.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite struct PromptStateTests {
    func press(_ s: inout AppState, _ keys: [Key]) -> [Effect] { TestProfile.press(&s, keys) }
    func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    @Test func editingKeysActOnTheLine() {
        var s = TestProfile.state()
        let keys: [Key] = [.alt("b"), .ctrl("k")] + type("10 ") + [.ctrl("y"), .ctrl("a"), .delete, .ctrl("e")]
        _ = press(&s, [.char(":")] + type("top main") + keys)
        #expect(s.prompt.buffer == "op 10 main" && s.mode == .prompt)
        // Ctrl-U/Ctrl-D are the panes' half-page keys, but on the prompt they edit.
        _ = press(&s, [.ctrl("u")])
        #expect(s.prompt.buffer == "" && s.mode == .prompt && s.top.list.selection == 0)
    }

    @Test func historyBrowsingKeepsTheDraft() {
        var s = TestProfile.state()
        s.prompt.history = PromptHistory(["top", "list main"])
        _ = press(&s, [.char(":")] + type("pe") + [.up])
        #expect(s.prompt.buffer == "list main")
        _ = press(&s, [.up, .up])
        #expect(s.prompt.buffer == "top")
        _ = press(&s, [.down, .down])
        #expect(s.prompt.buffer == "pe")
    }

    @Test func enterSavesHistoryOnce() {
        var s = TestProfile.state()
        var fx = press(&s, [.char(":")] + type("top5") + [.enter])
        #expect(fx.contains { if case .saveHistory("top5") = $0 { return true } else { return false } })
        fx = press(&s, [.char(":")] + type("top5") + [.enter])
        #expect(!fx.contains { if case .saveHistory = $0 { return true } else { return false } })
        #expect(s.prompt.history.entries == ["top5"])
    }

    @Test func reverseSearch() {
        var s = TestProfile.state()
        s.prompt.history = PromptHistory(["peek main.run", "top", "peek crypto", "list main"])
        _ = press(&s, [.char(":")] + type("x") + [.ctrl("r")] + type("pe"))
        #expect(s.prompt.search?.match == 2)
        _ = press(&s, [.ctrl("r")])
        #expect(s.prompt.search?.match == 0)
        _ = press(&s, [.ctrl("r")])
        #expect(s.prompt.search?.match == 0)
        // Esc (or Ctrl-G) cancels: the line typed before comes back.
        _ = press(&s, [.escape])
        #expect(s.prompt.search == nil && s.prompt.buffer == "x" && s.mode == .prompt)
        _ = press(&s, [.ctrl("r")] + type("main") + [.ctrl("g")])
        #expect(s.prompt.buffer == "x")
        // Enter runs the match.
        let fx = press(&s, [.ctrl("r")] + type("crypto") + [.enter])
        #expect(fx.contains { if case .runCommand("peek crypto", _) = $0 { return true } else { return false } })
        #expect(s.mode != .prompt)
        // An editing key takes the match into the line.
        _ = press(&s, [.char(":"), .ctrl("r")] + type("list") + [.ctrl("a")])
        #expect(s.prompt.search == nil && s.prompt.buffer == "list main" && s.prompt.editor.cursor == 0)
    }

    @Test func reverseSearchShowsOnThePromptLine() {
        var s = TestProfile.state(width: 60, height: 10)
        s.prompt.history = PromptHistory(["peek main.run", "top"])
        _ = press(&s, [.char(":"), .ctrl("r")] + type("ma"))
        #expect(screen(s)[9] == "(reverse-i-search)`ma': peek main.run" + String(repeating: " ", count: 23))
    }

    @Test func cursorIsDrawnWhereItIs() {
        var s = TestProfile.state(width: 40, height: 10)
        _ = press(&s, [.char(":")] + type("top5") + [.left, .left])
        var g = Grid(width: 40, height: 10, fill: Cell("#"))
        Renderer.draw(s, into: &g)
        #expect(screen(s)[9] == ":top5" + String(repeating: " ", count: 35))
        #expect(g[3, 9].style.attrs.contains(.reverse) && !g[5, 9].style.attrs.contains(.reverse))
    }

    @Test func unboundAltKeyIsEscThenTheKey() {
        var s = TestProfile.state()
        _ = press(&s, [.char(":")] + type("top") + [.alt("j")])
        #expect(s.mode != .prompt && s.top.list.selection == 1)
    }

    @Test func runnerReadsAndAppendsTheHistoryStore() {
        let store = ScriptedHistoryStore(["peek main.run", "top3"])
        var runner = AppRunner()
        runner.synchronous = true
        runner.historyStore = store
        let keys: [Key] = [.char(":"), .up, .up, .enter, .char(":")] + type("top5") + [.enter, .char("q")]
        let term = ScriptedTerminal(width: 80, height: 24, events: keys.map { .key($0) })
        _ = runner.run(session: TestProfile.session(), title: "t", terminal: term)
        #expect(store.saved == ["peek main.run", "top3", "peek main.run", "top5"])
    }
}

@Suite struct CompletionTests {
    func tab(_ line: String) -> (String, String) {
        var s = TestProfile.state()
        _ = TestProfile.press(&s, [.char(":")] + line.map { Key.char($0) } + [.tab])
        return (s.prompt.buffer, s.status)
    }

    @Test func functionNamesAreQuotedAsRegexes() throws {
        let (line, _) = tab("peek encoding/json.(*d")
        #expect(line == #"peek encoding/json\.\(\*decodeState\)\.parse "#)
        // The completed line runs (unquoted it was "missing argument to repetition operator").
        var session = TestProfile.session()
        let outcome = session.execute(line)
        guard case .output(let text) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(text.contains("encoding/json.(*decodeState).parse"))
        // Typed already quoted, it still completes.
        #expect(tab(#"list encoding/json\.\(\*d"#).0 == #"list encoding/json\.\(\*decodeState\)\.parse "#)
        #expect(tab("top -crypto/sha").0 == #"top -crypto/sha256\.block "#)
        #expect(tab("focus=main.r").0 == #"focus=main\.run "#)
    }

    @Test func optionNamesAndValues() {
        #expect(tab("sample_").0 == "sample_index=")
        #expect(tab("sample_index=c").0 == "sample_index=cpu ")
        #expect(tab("granularity=l").0 == "granularity=lines ")
        #expect(tab("granularity=f") == ("granularity=f", "filefunctions  files  functions"))
        #expect(tab("noinlines=t").0 == "noinlines=true ")
        #expect(tab("show_f").0 == "show_from=")
        #expect(tab("tagh").0 == "taghide=")
        #expect(tab("help gran").0 == "help granularity ")
        #expect(tab("pee").0 == "peek ")
        #expect(tab("nosuch=").1 == "no completion")
    }

    @Test func completesInTheMiddleOfTheLine() {
        var s = TestProfile.state()
        _ = TestProfile.press(&s, [.char(":")] + "peek main.ru -x".map { Key.char($0) } + [.alt("b"), .left, .left, .tab])
        #expect(s.prompt.buffer == #"peek main\.run  -x"#)
    }
}

@Suite struct StatusLineTests {
    @Test func optionSetClearsRunningOnceRebuilt() {
        var s = TestProfile.state()
        let fx = TestProfile.press(&s, [.char(":")] + "focus=main".map { Key.char($0) } + [.enter])
        guard case .runCommand(let line, let session)? = fx.first else {
            Issue.record("expected runCommand")
            return
        }
        #expect(s.status == "running: focus=main")
        var after = session
        let outcome = after.execute(line)
        TestProfile.run(&s, s.handle(.commandFinished(line: line, outcome: outcome, session: after)))
        #expect(!s.loading && s.session.config.focus == "main")
        #expect(!s.status.contains("running"))
    }
}

@Suite struct StatusFilterTests {
    func statusRow(_ s: AppState) -> String { screen(s)[s.layout.status.y] }

    @Test func everyActiveFilterIsListed() throws {
        var s = TestProfile.state(width: 200, height: 10)
        var c = s.session.config
        let set: [(String, String)] = [
            ("show_from", "main"), ("prune_from", "hash"), ("tagshow", "k"), ("taghide", "j"), ("noinlines", "true"), ("tagfocus", "x"),
            ("focus", "main"),
        ]
        for (k, v) in set { try c.set(k, v) }
        s.session.config = c
        let row = statusRow(s)
        #expect(row.contains("filters: focus=main prune_from=hash show_from=main tagfocus=x tagshow=k taghide=j noinlines │"), "\(row)")
        // sample_index shows when it is not the profile's default type.
        s.session.config = Config()
        s.session.config.sampleIndex = "cpu"
        #expect(!statusRow(s).contains("filters:"))
        s.session.config.sampleIndex = "samples"
        #expect(statusRow(s).contains("filters: sample_index=samples │"))
    }

    @Test func liveCountdownIsNeverHiddenByAMessage() {
        var s = TestProfile.state(width: 60, height: 10)
        s.live = LiveState(url: "http://localhost:6060/debug/pprof/allocs")
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        _ = s.handle(.tick(t0))
        _ = s.handle(.live(.progress(.waiting(until: t0.addingTimeInterval(7)))))
        s.status = "fetch failed: " + String(repeating: "connection refused ", count: 5)
        let row = statusRow(s)
        #expect(row.hasSuffix(" live: next in 7s "), "\(row)")
        #expect(row.hasPrefix(" fetch failed: connection"))
        #expect(DisplayWidth.of(row) == 60)
    }
}

@Suite struct HelpOverlayTests {
    /// The overlay's text rows on a sentinel-filled 40x12 screen.
    func helpRows(_ s: AppState) -> [String] {
        let rows = screen(s)
        guard let b = HelpOverlay.box(s.layout, lineCount: HelpOverlay.lines().count) else { return [] }
        return (b.y + 1..<b.y + b.h - 1).map { String(rows[$0].dropFirst(b.x + 1).prefix(b.w - 2)) }
    }

    @Test func scrollsToEveryLineAtSmallSizes() {
        var s = TestProfile.state(width: 40, height: 12)
        TestProfile.press(&s, [.char("?")])
        #expect(helpRows(s).first?.hasPrefix("Keys") == true)
        TestProfile.press(&s, [.char("G")])
        #expect(s.mode == .help)
        let last = HelpOverlay.lines().last ?? ""
        #expect(helpRows(s).last == String(last.prefix(34)).padding(toLength: 34, withPad: " ", startingAt: 0))
        // Clamped: one k after many j's moves up one line from the end.
        let end = s.helpScroll
        TestProfile.press(&s, Array(repeating: .char("j"), count: 50) + [.char("k")])
        #expect(s.helpScroll == end - 1)
        TestProfile.press(&s, [.char("g")])
        #expect(s.helpScroll == 0)
        TestProfile.press(&s, [.pageDown])
        #expect(s.helpScroll == 6)
        // Sideways: a line wider than the box can be read to its end.
        TestProfile.press(&s, Array(repeating: .char("l"), count: 30))
        #expect(s.helpLeft == HelpOverlay.lines().map { DisplayWidth.of($0) }.max().map { $0 - 34 })
        TestProfile.press(&s, [.char("h")])
        #expect(s.helpLeft == (HelpOverlay.lines().map { DisplayWidth.of($0) }.max() ?? 0) - 34 - 8)
        TestProfile.press(&s, [.escape])
        #expect(s.mode != .help)
    }

    @Test func saysHowToLeaveAndListsThePromptKeys() {
        let text = HelpOverlay.lines().joined(separator: "\n")
        #expect(text.contains("Esc          cancels: the prompt"))
        #expect(text.contains("Bksp         goes back"))
        for b in PromptKeys.bindings { #expect(text.contains(b.help)) }
        #expect(text.contains("^R           Search the history backwards"))
        #expect(text.contains("M-b          Go back one word"))
        #expect(KeyMap.markdown().contains("| `Alt-B` | Go back one word |"))
    }
}

extension HelpOverlayTests {
    @Test func everyLineIsOneLine() {
        for l in HelpOverlay.lines() { #expect(!l.contains("\n"), "\(l)") }
    }
}
