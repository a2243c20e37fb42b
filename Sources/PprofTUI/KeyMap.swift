import PprofReports

/// What a key does in the panes (outside the prompt and search line).
package enum Action: Sendable, Equatable {
    case up, down, left, right, pageUp, pageDown, halfDown, halfUp, first, last
    case nextPane, prevPane
    /// Switch to a pane (its number key, also shown on its tab).
    case show(Pane)
    case enter, back, forward, cancel
    case search, searchNext, searchPrev
    case focus, ignore, hide, reset
    case sampleType, granularity, sort
    case editor, help, prompt, quit
    /// Source pane: toggle the annotated assembly view.
    case assembly
    case liveRefresh, livePause, snapshotBack, snapshotForward, liveDelta, liveCompare
    /// Tags: pick a value (elsewhere Space pages down); add the key to tagroot / tagleaf.
    case mark, tagRoot, tagLeaf
    /// Only the user's own frames (library frames folded into them), or the opposite.
    case mineOnly, mineHidden
    /// Differential Flame: width by the larger side or by the base.
    case diffSizing
}

extension Action {
    /// Switching panes, going back or forward, cancelling, quitting: these apply at once and
    /// drop the keys queued for a pane still being built.
    var skipsQueue: Bool {
        switch self {
        case .nextPane, .prevPane, .show, .back, .forward, .cancel, .quit: return true
        default: return false
        }
    }
}

/// One row of the key table: the hint bar, the help overlay and docs/KEYS.md all read it.
package struct KeyBinding: Sendable {
    package var keys: [Key]
    package var action: Action
    /// The shell command or option this key stands for (a `CommandTable` name), if any:
    /// the help overlay then also shows the command table's summary.
    package var command: String?
    /// One or two words for the hint bar.
    package var label: String
    package var help: String
    /// Shown in the key-hint bar when set, most important first (0 is always shown); the
    /// entries that fit are shown in table order. Panes may relabel or hide an entry, and
    /// give one a priority of their own (`PaneModel.hintPriority`: a pane's own keys).
    package var hint: Int?
    /// The key the hint bar names (default: the first of `keys`).
    package var hintKey: Key? = nil
}

package enum KeyMap {
    package static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.up, .char("k")], action: .up, command: nil, label: "up", help: "Move the selection up", hint: nil),
        KeyBinding(keys: [.down, .char("j")], action: .down, command: nil, label: "down", help: "Move the selection down", hint: nil),
        KeyBinding(keys: [.left, .char("h")], action: .left, command: nil, label: "left", help: "Flame: previous frame at this depth; Source: scroll left; Sandwich: fold", hint: nil),
        KeyBinding(keys: [.right, .char("l")], action: .right, command: nil, label: "right", help: "Flame: next frame at this depth; Source: scroll right; Sandwich, Tree: unfold a level", hint: nil),
        KeyBinding(keys: [.pageUp], action: .pageUp, command: nil, label: "page up", help: "Scroll one page up", hint: nil),
        KeyBinding(keys: [.pageDown], action: .pageDown, command: nil, label: "page", help: "Scroll one page down", hint: nil),
        KeyBinding(keys: [.char(" ")], action: .mark, command: nil, label: "page", help: "Scroll one page down; Tags: pick or unpick the value (on a key: all its values)", hint: 10),
        KeyBinding(keys: [.ctrl("u")], action: .halfUp, command: nil, label: "half up", help: "Scroll half a page up", hint: nil),
        KeyBinding(keys: [.ctrl("d")], action: .halfDown, command: nil, label: "half down", help: "Scroll half a page down", hint: nil),
        KeyBinding(keys: [.char("g"), .home], action: .first, command: nil, label: "first", help: "Go to the first row", hint: nil),
        KeyBinding(keys: [.char("G"), .end], action: .last, command: nil, label: "last", help: "Go to the last row", hint: nil),
        KeyBinding(keys: [.tab], action: .nextPane, command: nil, label: "pane", help: "Next pane (Top, Source, Tree, Flame)", hint: 6),
        KeyBinding(keys: [.backTab], action: .prevPane, command: nil, label: "prev pane", help: "Previous pane", hint: nil),
        KeyBinding(keys: [.char("1")], action: .show(.top), command: "top", label: "top", help: "Top pane: functions by flat or cum cost", hint: nil),
        KeyBinding(keys: [.char("2")], action: .show(.source), command: "list", label: "source", help: "Source pane: per-line cost of the selected function", hint: nil),
        KeyBinding(keys: [.char("3")], action: .show(.tree), command: "peek", label: "tree", help: "Tree pane: callers above, callees below", hint: nil),
        KeyBinding(keys: [.char("4")], action: .show(.flame), command: nil, label: "flame", help: "Flame pane: icicle graph, widths proportional to cum", hint: nil),
        KeyBinding(keys: [.char("6")], action: .show(.sandwich), command: nil, label: "sandwich", help: "Sandwich pane: callers and callees of one function as trees (→ unfolds, ← folds)", hint: nil),
        KeyBinding(keys: [.char("7")], action: .show(.tags), command: "tags", label: "tags", help: "Tags pane: label keys and values with their shares; pick values, apply as tagfocus/tagignore", hint: nil),
        KeyBinding(keys: [.char("8")], action: .show(.growth), command: nil, label: "growth", help: "Growth pane (several profiles or live snapshots): each function's change, leaks first", hint: nil),
        KeyBinding(keys: [.enter], action: .enter, command: nil, label: "open", help: "Drill down: Top→Source, Tree→re-centre, Flame→zoom", hint: 1),
        KeyBinding(keys: [.backspace], action: .back, command: nil, label: "back", help: "Go back to the previous pane or place (zoom out in Flame)", hint: 2),
        KeyBinding(keys: [.escape], action: .cancel, command: nil, label: "cancel", help: "Cancel: the prompt, the search being typed or shown, keys waiting for a pane", hint: 12),
        KeyBinding(keys: [.char("]")], action: .forward, command: nil, label: "forward", help: "Go forward again", hint: nil),
        KeyBinding(keys: [.char("/")], action: .search, command: nil, label: "search", help: "Search names by regex; shows the share of the total that matches", hint: 3),
        KeyBinding(keys: [.char("n")], action: .searchNext, command: nil, label: "next", help: "Next match (Source: next costly line; in a diff, the next largest change)", hint: 11),
        KeyBinding(keys: [.char("N")], action: .searchPrev, command: nil, label: "prev", help: "Previous match (Source: previous costly line or change)", hint: nil),
        KeyBinding(keys: [.char("f")], action: .focus, command: "focus", label: "focus", help: "Focus on the selection", hint: 4),
        KeyBinding(keys: [.char("i")], action: .ignore, command: "ignore", label: "ignore", help: "Ignore the selection", hint: 7),
        KeyBinding(keys: [.char("x")], action: .hide, command: "hide", label: "hide", help: "Hide the selection's frames", hint: nil),
        KeyBinding(keys: [.char("T")], action: .tagRoot, command: "tagroot", label: "tagroot", help: "Tags: add or remove the key in tagroot (its values become root frames)", hint: nil),
        KeyBinding(keys: [.char("L")], action: .tagLeaf, command: "tagleaf", label: "tagleaf", help: "Tags: add or remove the key in tagleaf (its values become leaf frames)", hint: nil),
        KeyBinding(keys: [.char("m")], action: .mineOnly, command: nil, label: "my code", help: "My code only: runtime, std and third-party frames fold into the nearest own frame, samples with none on \"(not my code)\" (again: all back)", hint: 13),
        KeyBinding(keys: [.char("M")], action: .mineHidden, command: nil, label: "not mine", help: "The opposite: own frames fold away, library frames stay, samples of own frames only on \"(my code)\" (again: all back)", hint: nil),
        KeyBinding(keys: [.char("r")], action: .reset, command: nil, label: "reset", help: "Reset all filters", hint: 9),
        KeyBinding(keys: [.char("t")], action: .sampleType, command: "sample_index", label: "type", help: "Cycle the sample type", hint: nil),
        KeyBinding(keys: [.char("=")], action: .granularity, command: "granularity", label: "gran", help: "Cycle the granularity", hint: nil),
        KeyBinding(keys: [.char("s")], action: .sort, command: nil, label: "sort", help: "Top: sort by flat or cum", hint: 8),
        KeyBinding(keys: [.char("o")], action: .editor, command: nil, label: "edit", help: "Open $EDITOR at the line, in the file found (from other panes: the hottest line)", hint: nil),
        KeyBinding(keys: [.char("a")], action: .assembly, command: "disasm", label: "asm", help: "Source: annotated assembly, n/N by cost", hint: nil),
        KeyBinding(keys: [.char(":")], action: .prompt, command: nil, label: "prompt", help: "Command prompt: top10, list re, peek re, name=value, help", hint: 5),
        KeyBinding(keys: [.char("R")], action: .liveRefresh, command: nil, label: "refresh", help: "Live: fetch the profile again now", hint: nil),
        KeyBinding(keys: [.char("p")], action: .livePause, command: nil, label: "pause", help: "Live: pause or resume automatic refresh", hint: nil),
        KeyBinding(keys: [.char("<")], action: .snapshotBack, command: nil, label: "older", help: "Live: show the previous (older) snapshot", hint: nil),
        KeyBinding(keys: [.char(">")], action: .snapshotForward, command: nil, label: "newer", help: "Live: show the next (newer) snapshot", hint: nil),
        KeyBinding(keys: [.char("d")], action: .liveDelta, command: nil, label: "delta", help: "Live: toggle what changed since the previous snapshot (cumulative types)", hint: nil),
        KeyBinding(keys: [.char("c")], action: .liveCompare, command: nil, label: "compare", help: "Live: toggle the latest snapshot minus the one shown", hint: nil),
        KeyBinding(keys: [.char("b")], action: .diffSizing, command: nil, label: "by base", help: "Diff (-base, live delta): Flame widths by the base or by the larger side", hint: nil),
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, command: "help", label: "help", help: "Show this help", hint: 0),
        KeyBinding(keys: [.char("q")], action: .quit, command: "quit", label: "quit", help: "Quit", hint: 0),
    ]

    package static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The key that shows pane `p` (its tab's number), if one does.
    package static func showKey(_ p: Pane) -> Key? {
        bindings.first { $0.action == .show(p) }?.keys.first
    }

    /// Hint bar entries ("Tab pane", "? help", ...) in table order, with their priorities.
    package static var hints: [(key: String, label: String, priority: Int)] { hints(for: nil) }

    /// The hint bar of `pane`: the table's hint entries as the pane labels them (a pane hides
    /// an entry with an empty label).
    package static func hints(for pane: Pane?) -> [(key: String, label: String, priority: Int)] {
        bindings.compactMap { b in
            guard let priority = pane?.model.hintPriority(for: b.action) ?? b.hint, let key = b.hintKey ?? b.keys.first else { return nil }
            let label = pane?.model.hint(for: b.action) ?? b.label
            return label.isEmpty ? nil : (key.label, label, priority)
        }
    }

    /// The entries that fit in `width` cells ("key label " each), most important first,
    /// shown in table order: the help and quit keys (priority 0) always stay.
    package static func fittingHints(for pane: Pane?, width: Int) -> [(key: String, label: String)] {
        let all = hints(for: pane)
        func cost(_ h: (key: String, label: String, priority: Int)) -> Int { DisplayWidth.of(h.key) + DisplayWidth.of(h.label) + 2 }
        var used = 0
        var keep = Set<Int>()
        for i in all.indices.sorted(by: { (all[$0].priority, $0) < (all[$1].priority, $1) }) where used + cost(all[i]) <= width {
            used += cost(all[i])
            keep.insert(i)
        }
        return all.indices.filter { keep.contains($0) }.map { (all[$0].key, all[$0].label) }
    }

    /// Help overlay lines: every binding, then what the columns mean, then the prompt commands.
    package static func helpLines() -> [String] {
        var out = ["Keys"]
        for b in bindings {
            let keys = b.keys.map(\.label).joined(separator: " ")
            var line = "  " + keys.padding(toLength: max(keys.count, 12), withPad: " ", startingAt: 0) + " " + b.help
            if let c = b.command, let spec = CommandTable.commands.first(where: { $0.name == c }), !spec.summary.isEmpty {
                line += " (" + c + ": " + spec.summary + ")"
            }
            out.append(line)
        }
        out.append("")
        out.append("Columns")
        for (name, text) in columnHelp { out.append("  " + name.padding(toLength: 6, withPad: " ", startingAt: 0) + " " + text) }
        let commands = CommandTable.commands
        if !commands.isEmpty {
            out.append("")
            out.append("Prompt commands (:)")
            for c in commands {
                // The usage's first line: the rest explains it in words, which `help cmd` shows.
                let usage = c.usage.split(separator: "\n").first.map(String.init) ?? c.name
                out.append("  " + usage.padding(toLength: max(usage.count, 24), withPad: " ", startingAt: 0) + " " + c.summary)
            }
        }
        return out
    }

    package static let columnHelp: [(String, String)] = [
        ("flat", "cost in the function itself (it was the leaf of the stack)"),
        ("flat%", "flat as a share of the total"),
        ("sum%", "running total of flat% down the list"),
        ("cum", "cost in the function and everything it called"),
        ("cum%", "cum as a share of the total"),
        ("+ / -", "in a diff (-base, live delta, Growth): grew (red) / shrank (blue), stronger for more"),
    ]
}
