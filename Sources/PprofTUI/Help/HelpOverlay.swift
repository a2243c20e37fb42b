/// The `?` overlay: the key table's help lines in a box that scrolls both ways, so nothing is
/// out of reach on a small terminal. Drawing and key handling share `box` (one geometry).
package enum HelpOverlay {
    /// The pane keys, columns and prompt commands (`KeyMap.helpLines`), then how to leave
    /// things and the prompt's own keys (`PromptKeys`).
    package static func lines() -> [String] {
        var out = KeyMap.helpLines()
        out.append("")
        out.append("Leaving things")
        out.append("  Esc          cancels: the prompt, a search being typed or shown, a history search, keys waiting for a pane, this help")
        let back = KeyMap.bindings.filter { $0.action == .back }.flatMap(\.keys).map(\.label).joined(separator: " ")
        out.append("  " + back.padding(toLength: max(back.count, 12), withPad: " ", startingAt: 0) + " goes back to the previous view")
        out.append("")
        out.append("Prompt keys (:)")
        for b in PromptKeys.bindings {
            let keys = b.keys.map(\.label).joined(separator: " ")
            out.append("  " + keys.padding(toLength: max(keys.count, 12), withPad: " ", startingAt: 0) + " " + b.help)
        }
        out.append("")
        out.append("This help")
        out.append("  j k ↑ ↓      scroll a line; PgUp PgDn Space a page; g G Home End to the ends")
        out.append("  h l ← →      scroll sideways, for lines wider than the box")
        out.append("  Esc q ?      close (any other key closes too)")
        return out
    }

    /// The overlay's rectangle, from the top of the pane body; nil when too small to draw.
    /// Text fills it inside a one-cell margin left and right and one row top (title) and bottom.
    package static func box(_ layout: ScreenLayout, lineCount: Int) -> (x: Int, y: Int, w: Int, h: Int)? {
        let w = min(layout.width - 4, 100), h = min(layout.height - 4, lineCount + 2)
        guard w > 10, h > 2 else { return nil }
        return ((layout.width - w) / 2, layout.body.y, w, h)
    }

    /// The widest line, in cells (how far sideways scrolling goes).
    static func maxWidth(_ lines: [String]) -> Int { lines.map { DisplayWidth.of($0) }.max() ?? 0 }

    /// The scroll position after `action` (a key table action), clamped to the text; nil
    /// when the action closes the overlay.
    package static func scroll(_ action: Action?, top: Int, left: Int, layout: ScreenLayout) -> (top: Int, left: Int)? {
        let all = lines()
        guard let b = box(layout, lineCount: all.count) else { return nil }
        let rows = b.h - 2, cols = b.w - 2
        var t = top, l = left
        switch action {
        case .down?: t += 1
        case .up?: t -= 1
        case .pageDown?: t += rows
        case .pageUp?: t -= rows
        case .halfDown?: t += max(1, rows / 2)
        case .halfUp?: t -= max(1, rows / 2)
        case .first?: t = 0
        case .last?: t = all.count
        case .right?: l += 8
        case .left?: l -= 8
        default: return nil
        }
        return (max(0, min(t, all.count - rows)), max(0, min(l, maxWidth(all) - cols)))
    }

    /// `text` without its first `cells` display cells (a wide character cut in half goes).
    static func dropCells(_ text: String, _ cells: Int) -> String {
        guard cells > 0 else { return text }
        var w = 0
        var rest = Substring(text)
        while let c = rest.first, w < cells {
            w += DisplayWidth.of(String(c))
            rest = rest.dropFirst()
        }
        return String(rest)
    }
}
