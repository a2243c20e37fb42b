/// A rectangle of cells.
package struct Rect: Sendable, Equatable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    /// The row below the last.
    package var maxY: Int { y + height }

    package func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where each part of the screen is. Rendering draws into these rectangles and mouse
/// hit-testing reads them back, so a click always lands on what was drawn under it.
package struct ScreenLayout: Sendable, Equatable {
    package static let minWidth = 40
    package static let minHeight = 8

    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Below the minimum size only a notice is drawn.
    package var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }
    /// Title bar: the tabs and the breadcrumb.
    package var title: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    /// The pane's column header.
    package var header: Rect { Rect(x: 0, y: 1, width: width, height: 1) }
    /// The pane's rows under its header.
    package var body: Rect { Rect(x: 0, y: 2, width: width, height: max(0, height - 4)) }
    package var status: Rect { Rect(x: 0, y: height - 2, width: width, height: 1) }
    /// The key hints, or the prompt/search line being typed.
    package var hints: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }
    /// Rows a list shows at once (at least one, so a selection stays defined on any size).
    package var visibleRows: Int { max(1, body.height) }

    /// The title bar's left end before the tabs.
    package static let brand = " pprof-tui "

    /// The title bar's tabs, left to right: the numbered panes, then the current pane when it
    /// has no tab of its own. Clipped at the right edge.
    /// `extra`: panes with a tab only while they apply (Growth, with several profiles).
    package func tabs(current: Pane, extra: [Pane] = []) -> [(pane: Pane, label: String, rect: Rect)] {
        var out: [(Pane, String, Rect)] = []
        var x = DisplayWidth.of(Self.brand)
        var shown = Pane.tabs + extra
        if !shown.contains(current) { shown.append(current) }
        func label(_ p: Pane, compact: Bool) -> String {
            let key = p.model.inTabs || extra.contains(p) ? KeyMap.showKey(p).map { $0.label } : nil
            if compact, p != current, let key { return " " + key + " " }
            return " " + (key.map { $0 + " " } ?? "") + p.title + " "
        }
        // On a narrow screen the other tabs show only their keys, so every tab stays.
        let full = shown.reduce(x) { $0 + DisplayWidth.of(label($1, compact: false)) }
        let compact = full > width
        for p in shown {
            let label = label(p, compact: compact)
            let w = min(DisplayWidth.of(label), max(0, width - x))
            out.append((p, label, Rect(x: x, y: 0, width: w, height: 1)))
            x += w
        }
        return out
    }

    /// The pane whose tab is at (x, y), if any.
    package func tab(at x: Int, _ y: Int, current: Pane, extra: [Pane] = []) -> Pane? {
        tabs(current: current, extra: extra).first { $0.rect.width > 0 && $0.rect.contains(x: x, y: y) }?.pane
    }
}
