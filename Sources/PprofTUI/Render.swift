import PprofModel

/// Draws the whole screen from the state: a pure function, so every pane has golden screens.
package enum Renderer {
    package static func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height)
        draw(s, into: &g)
        return g
    }

    /// Draws into an existing grid of the state's size (tests pre-fill it with a sentinel).
    package static func draw(_ s: AppState, into g: inout Grid) {
        guard g.width > 0, g.height > 0 else { return }
        let layout = ScreenLayout(width: g.width, height: g.height)
        if layout.tooSmall {
            g.fill(x: 0, y: 0, width: g.width, height: g.height)
            let need = "need \(ScreenLayout.minWidth)x\(ScreenLayout.minHeight), have \(g.width)x\(g.height)"
            for (i, m) in ["Terminal too small", need, "q quits"].enumerated() where i < g.height { g.write(truncateToWidth(m, g.width), x: 0, y: i) }
            return
        }
        drawTitle(s, &g, layout)
        let body = layout.body
        g.fill(x: 0, y: layout.header.y, width: g.width, height: body.maxY - layout.header.y)
        let model = s.pane.model
        if s.aggregate != nil || !model.needsAggregate {
            model.draw(s, &g, layout)
        } else if let lp = s.loadPhase {
            drawProgress(lp.phase, lp.fraction, &g, y: body.y)
        } else {
            g.write(s.loading ? "Aggregating profile…" : "No data", x: 1, y: body.y)
        }
        if s.mode == .help { drawHelp(s, &g, layout) }
        drawStatus(s, &g, layout)
        drawHints(s, &g, layout)
    }

    /// "Decoding  [██████······]  52%": a bar as wide as the screen allows.
    static func drawProgress(_ phase: String, _ fraction: Double, _ g: inout Grid, y: Int) {
        let pct = String(Int((fraction * 100).rounded(.down))) + "%"
        let head = " " + phase + "  ["
        let barWidth = max(1, min(60, g.width - DisplayWidth.of(head) - pct.count - 4))
        let filled = Int(Double(barWidth) * fraction)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
        g.write(truncateToWidth(head + bar + "]  " + pct, g.width), x: 0, y: y)
    }

    static let selected = CellStyle(attrs: .reverse)
    static let header = CellStyle(attrs: .bold)
    static let bar = CellStyle(fg: .black, bg: .cyan)
    static let currentTab = CellStyle(fg: .white, bg: .blue, attrs: .bold)

    /// The brand, one tab per pane (from the pane list, where the layout put them), the breadcrumb.
    static func drawTitle(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let y = layout.title.y
        g.writePadded("", x: 0, y: y, width: g.width, style: bar)
        var x = g.write(ScreenLayout.brand, x: 0, y: y, style: CellStyle(fg: .black, bg: .cyan, attrs: .bold))
        for tab in layout.tabs(current: s.pane, extra: s.extraTabs) {
            x += g.write(tab.label, x: tab.rect.x, y: y, maxWidth: tab.rect.width, style: tab.pane == s.pane ? currentTab : bar)
        }
        g.write(" " + s.breadcrumb(width: max(0, g.width - x - 1)), x: x, y: y, maxWidth: g.width - x, style: bar)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var col = 0
        for ch in line {
            if ch == "\t" {
                let n = 4 - col % 4
                out += String(repeating: " ", count: n)
                col += n
            } else {
                out.append(ch)
                col += 1
            }
        }
        return out
    }

    // MARK: help

    static func drawHelp(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let lines = HelpOverlay.lines()
        guard let (x, y, w, h) = HelpOverlay.box(layout, lineCount: lines.count) else { return }
        g.fill(x: x, y: y, width: w, height: h, with: Cell(" ", style: CellStyle(fg: .white, bg: .blue)))
        g.write(" Help — any key closes, j/k scroll ", x: x + 1, y: y, maxWidth: w - 2, style: CellStyle(fg: .white, bg: .blue, attrs: .bold))
        let start = min(s.helpScroll, max(0, lines.count - (h - 2)))
        for row in 0..<(h - 2) where start + row < lines.count {
            let line = HelpOverlay.dropCells(lines[start + row], s.helpLeft)
            g.write(line, x: x + 1, y: y + 1 + row, maxWidth: w - 2, style: CellStyle(fg: .white, bg: .blue))
        }
    }

    // MARK: bars

    static func drawStatus(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let y = layout.status.y
        var parts = [s.title]
        if let v = s.aggregate {
            parts.append("type: " + (s.session.profile.periodType?.type ?? "-"))
            parts.append("sample: " + v.sampleType + (v.sampleUnit.isEmpty ? "" : "/" + v.sampleUnit))
            parts.append("total: " + v.format(v.total))
            let filters = StatusLine.filters(s.session.config, profile: s.session.profile)
            if !filters.isEmpty { parts.append("filters: " + filters.joined(separator: " ")) }
            parts.append("granularity: " + s.session.config.granularity)
            if let own = s.pane.model.status(s) { parts.insert(own, at: 0) }
        }
        if s.loading { parts.append("aggregating…") }
        if !s.status.isEmpty { parts.insert(s.status, at: 0) }
        // Live progress is reserved at the right: no message hides the countdown and age.
        let live = s.live != nil ? s.liveStatus(now: s.now) + " " : ""
        let row = StatusLine.compose(left: " " + parts.joined(separator: " │ "), right: live, width: g.width)
        g.writePadded(row, x: 0, y: y, width: g.width, style: bar)
    }

    static func drawHints(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let y = layout.hints.y
        if s.mode == .prompt {
            drawPrompt(s.prompt, &g, y: y)
            return
        }
        if s.mode == .search {
            let w = g.write("/" + s.searchInput, x: 0, y: y, maxWidth: g.width - 1)
            g.writePadded("", x: w, y: y, width: g.width - w)
            g[w, y] = Cell(" ", style: selected)
            return
        }
        g.writePadded("", x: 0, y: y, width: g.width)
        var x = 0
        for h in KeyMap.fittingHints(for: s.pane, width: g.width) {
            x += g.write(h.key, x: x, y: y, style: CellStyle(attrs: [.bold, .reverse]))
            x += g.write(" " + h.label + " ", x: x, y: y)
        }
    }
}
