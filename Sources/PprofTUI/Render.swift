import PprofModel

/// Draws the whole screen from the state: a pure function, so every pane has golden screens.
package enum Renderer {
    package static let minWidth = 40
    package static let minHeight = 8

    package static func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height)
        draw(s, into: &g)
        return g
    }

    /// Draws into an existing grid of the state's size (tests pre-fill it with a sentinel).
    package static func draw(_ s: AppState, into g: inout Grid) {
        guard g.width > 0, g.height > 0 else { return }
        if g.width < minWidth || g.height < minHeight {
            g.fill(x: 0, y: 0, width: g.width, height: g.height)
            let msg = ["Terminal too small", "need \(minWidth)x\(minHeight), have \(g.width)x\(g.height)", "q quits"]
            for (i, m) in msg.enumerated() where i < g.height { g.write(truncateToWidth(m, g.width), x: 0, y: i) }
            return
        }
        drawTitle(s, &g)
        let body = (y: 2, height: g.height - 4)
        g.fill(x: 0, y: 1, width: g.width, height: body.height + 1)
        if let v = s.view {
            switch s.pane {
            case .top: drawTop(s, v, &g, body)
            case .source: drawSource(s, v, &g, body)
            case .tree: drawTree(s, v, &g, body)
            case .flame: drawFlame(s, v, &g, body)
            case .output: drawOutput(s, &g, body)
            }
        } else if s.pane == .output {
            drawOutput(s, &g, body)
        } else {
            if let lp = s.loadPhase {
                drawProgress(lp.phase, lp.fraction, &g, y: body.y)
            } else {
                g.write(s.loading ? "Aggregating profile…" : "No data", x: 1, y: body.y)
            }
        }
        if s.showHelp { drawHelp(s, &g) }
        drawStatus(s, &g)
        drawHints(s, &g)
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

    static func drawTitle(_ s: AppState, _ g: inout Grid) {
        g.writePadded("", x: 0, y: 0, width: g.width, style: bar)
        var x = g.write(" pprof-tui ", x: 0, y: 0, style: CellStyle(fg: .black, bg: .cyan, attrs: .bold))
        for (i, p) in [Pane.top, .source, .tree, .flame].enumerated() {
            let label = " \(i + 1) \(p.title) "
            x += g.write(label, x: x, y: 0, maxWidth: g.width - x, style: p == s.pane ? CellStyle(fg: .white, bg: .blue, attrs: .bold) : bar)
        }
        if s.pane == .output { x += g.write(" Output ", x: x, y: 0, maxWidth: g.width - x, style: CellStyle(fg: .white, bg: .blue, attrs: .bold)) }
        let crumb = " " + s.breadcrumb
        g.write(truncateToWidth(crumb, g.width - x), x: x, y: 0, maxWidth: g.width - x, style: bar)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    // MARK: Top

    static func drawTop(_ s: AppState, _ v: ProfileView, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        let head = pad("flat", 10) + " " + pad("flat%", 6) + " " + pad("sum%", 6) + " " + pad("cum", 10) + " " + pad("cum%", 6) + "  "
        let sortMark = v.byCum ? "(sorted by cum)" : "(sorted by flat)"
        let labels = v.labels.last.map { "  " + $0 } ?? ""
        g.writePadded(head + "name " + sortMark + labels, x: 0, y: 1, width: g.width, style: header)
        var sum: Int64 = 0
        // sum% accumulates from the first row, including rows scrolled off.
        for i in 0..<min(s.top.scroll, v.nodes.count) { sum &+= v.nodes[i].flat }
        let nameWidth = max(1, g.width - DisplayWidth.of(head))
        for row in 0..<(body.height) {
            let i = s.top.scroll + row
            let y = body.y + row
            guard i < v.nodes.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let n = v.nodes[i]
            sum &+= n.flat
            let isSel = i == s.top.selection
            let match = s.searchRegex?.matches(n.name) ?? false
            let style = isSel ? selected : (match ? CellStyle(fg: .yellow, attrs: .bold) : .plain)
            let cols = pad(n.flatText, 10) + " " + v.percent(n.flat) + " " + v.percent(sum) + " " + pad(n.cumText, 10) + " " + v.percent(n.cum) + "  "
            let label = n.inlineLabel.isEmpty ? "" : " " + n.inlineLabel
            g.writePadded(cols + shortenName(n.name, nameWidth - DisplayWidth.of(label)) + label, x: 0, y: y, width: g.width, style: style)
        }
    }

    // MARK: Source

    static func heat(_ value: Int64, _ maxValue: UInt64) -> TermColor {
        guard maxValue > 0, value != 0 else { return .none }
        let r = Double(value.magnitude) / Double(maxValue)
        let palette: [UInt8] = [58, 94, 130, 166, 196]
        return .indexed(palette[min(palette.count - 1, Int(r * Double(palette.count)))])
    }

    static func drawSource(_ s: AppState, _ v: ProfileView, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        let name = s.source.node ?? ""
        let head = pad("flat", 10) + " " + pad("cum", 10) + " " + pad("line", 6) + "  "
        g.writePadded(head + (name.isEmpty ? "(select a function in Top and press Enter)" : "list " + s.source.function), x: 0, y: 1, width: g.width, style: header)
        guard let rows = s.source.rows else {
            let msg = s.source.missing ?? (name.isEmpty ? "" : "listing \(name)…")
            g.writePadded(msg, x: 1, y: body.y, width: g.width - 1, style: s.source.missing != nil ? CellStyle(fg: .red) : .plain)
            for row in 1..<max(1, body.height) { g.writePadded("", x: 0, y: body.y + row, width: g.width) }
            return
        }
        var maxCum: UInt64 = 0
        for r in rows {
            if case .line(_, _, _, let c, _, _, _) = r { maxCum = max(maxCum, c.magnitude) }
        }
        for row in 0..<body.height {
            let i = s.source.scroll + row
            let y = body.y + row
            guard i < rows.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let isSel = i == s.source.cursor
            switch rows[i] {
            case .routine(let fn, let file, let flat, let cum, let percent):
                let text = pad(flat, 10) + " " + pad(cum, 10) + " " + percent + " of Total  ROUTINE " + fn + " in " + file
                g.writePadded(text, x: 0, y: y, width: g.width, style: isSel ? selected : CellStyle(fg: .cyan, attrs: .bold))
            case .message(let m):
                g.writePadded(" " + m, x: 0, y: y, width: g.width, style: isSel ? selected : CellStyle(fg: .red))
            case .line(_, let lineno, _, let cum, let flatText, let cumText, let text):
                let numStyle = isSel ? selected : CellStyle(fg: .none, bg: heat(cum, maxCum))
                var x = g.write(pad(flatText, 10) + " " + pad(cumText, 10), x: 0, y: y, style: numStyle)
                x += g.write(" " + pad(String(lineno), 6) + "  ", x: x, y: y, style: isSel ? selected : CellStyle(attrs: .dim))
                let costly = rows[i].isCostly
                g.writePadded(expandTabs(text), x: x, y: y, width: g.width - x, style: isSel ? selected : (costly ? CellStyle(attrs: .bold) : .plain))
            }
        }
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

    // MARK: Tree

    /// pprof's `peek` columns: an edge's weight and its share of the centre's cum; the
    /// centre's own flat and cum with their shares of the total.
    static func drawTree(_ s: AppState, _ v: ProfileView, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        let head = pad("weight", 10) + " " + pad("calls%", 6) + "  "
        g.writePadded(head + "callers ↑  " + (s.tree.center ?? "(select a function)") + "  ↓ callees", x: 0, y: 1, width: g.width, style: header)
        guard v.treeReady else {
            // The Top half of a rebuild is shown first; the call graph follows.
            for row in 0..<body.height {
                g.writePadded(row == 0 ? "  building the call graph…" : "", x: 0, y: body.y + row, width: g.width, style: row == 0 ? CellStyle(attrs: .dim) : .plain)
            }
            return
        }
        let rows = s.treeRows()
        let centerCum = rows.first { $0.kind == .center }?.weight ?? 0
        let nameWidth = max(1, g.width - DisplayWidth.of(head) - 4)
        for row in 0..<body.height {
            let i = s.tree.scroll + row
            let y = body.y + row
            guard i < rows.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let r = rows[i]
            let isSel = i == s.tree.selection
            let inl = r.inline ? " (inline)" : ""
            let text: String
            var style: CellStyle
            switch r.kind {
            case .caller:
                text = pad(v.format(r.weight), 10) + " " + Measurement.percentage(r.weight, centerCum) + "  ↑ " + shortenName(r.name, nameWidth - DisplayWidth.of(inl)) + inl
                style = .plain
            case .center:
                let flat = v.peekIndex[r.name].map { v.peek.nodes[$0].flatValue() } ?? 0
                text = pad(v.format(r.weight), 10) + " " + v.percent(r.weight) + "  ● " + shortenName(r.name, nameWidth) + "  (flat " + v.format(flat) + ", " + v.percent(flat).trimmingLeadingSpaces + ")"
                style = CellStyle(attrs: .bold)
            case .callee:
                text = pad(v.format(r.weight), 10) + " " + Measurement.percentage(r.weight, centerCum) + "    ↓ " + shortenName(r.name, nameWidth - 2 - DisplayWidth.of(inl)) + inl
                style = .plain
            }
            if isSel { style = selected }
            g.writePadded(text, x: 0, y: y, width: g.width, style: style)
        }
    }

    // MARK: Flame

    static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The package part of a symbol (up to the first '.' after the last '/').
    static func packageName(_ name: String) -> String {
        let afterSlash = name.split(separator: "/").last.map(String.init) ?? name
        return afterSlash.split(separator: ".").first.map(String.init) ?? afterSlash
    }

    /// Flame colours, picked per package name.
    static let flamePalette: [UInt8] = [166, 172, 178, 208, 214, 220, 130, 136, 173, 179]

    static func drawFlame(_ s: AppState, _ v: ProfileView, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        let zoom = s.flame.root.isEmpty ? "whole profile" : "zoom: " + s.flame.root.joined(separator: " › ")
        g.writePadded("Flame (icicle, width ∝ cum) — " + zoom, x: 0, y: 1, width: g.width, style: header)
        for row in 0..<body.height { g.writePadded("", x: 0, y: body.y + row, width: g.width) }
        if !s.flameCurrent {
            g.writePadded("building flame…", x: 0, y: body.y, width: g.width)
            return
        }
        let sel = s.resolveFrame(s.flame.selected)
        let palette = flamePalette
        let colors = v.flameIndex?.color ?? []
        for b in FlameLayout.layout(s) where b.row < body.height {
            let name = v.frameName(b.frame)
            let id = v.frames[b.frame].name
            let slot = id >= 0 && id < colors.count ? Int(colors[id]) : Int(fnv(packageName(name)) % UInt64(palette.count))
            var style = CellStyle(fg: .black, bg: .indexed(palette[slot]))
            if let re = s.searchRegex, b.frame > 0, re.matches(name) { style = CellStyle(fg: .black, bg: .magenta, attrs: .bold) }
            if b.frame == sel { style = selected }
            let label = b.width >= 3 ? shortenName(name, b.width - 1) : ""
            g.writePadded(label, x: b.x, y: body.y + b.row, width: b.width - (b.width > 1 ? 1 : 0), style: style)
        }
    }

    // MARK: Output and help

    static func drawOutput(_ s: AppState, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        g.writePadded("(pprof) " + s.output.title, x: 0, y: 1, width: g.width, style: header)
        for row in 0..<body.height {
            let i = s.output.scroll + row
            g.writePadded(i < s.output.lines.count ? expandTabs(s.output.lines[i]) : "", x: 0, y: body.y + row, width: g.width)
        }
    }

    static func drawHelp(_ s: AppState, _ g: inout Grid) {
        let lines = HelpOverlay.lines()
        guard let (x, y, w, h) = HelpOverlay.box(width: g.width, height: g.height, lineCount: lines.count) else { return }
        g.fill(x: x, y: y, width: w, height: h, with: Cell(" ", style: CellStyle(fg: .white, bg: .blue)))
        g.write(" Help — any key closes, j/k scroll ", x: x + 1, y: y, maxWidth: w - 2, style: CellStyle(fg: .white, bg: .blue, attrs: .bold))
        let start = min(s.helpScroll, max(0, lines.count - (h - 2)))
        for row in 0..<(h - 2) where start + row < lines.count {
            let line = HelpOverlay.dropCells(lines[start + row], s.helpLeft)
            g.write(line, x: x + 1, y: y + 1 + row, maxWidth: w - 2, style: CellStyle(fg: .white, bg: .blue))
        }
    }

    // MARK: bars

    static func drawStatus(_ s: AppState, _ g: inout Grid) {
        let y = g.height - 2
        var parts = [s.title]
        if let v = s.view {
            parts.append("type: " + (s.session.profile.periodType?.type ?? "-"))
            parts.append("sample: " + v.sampleType + (v.sampleUnit.isEmpty ? "" : "/" + v.sampleUnit))
            parts.append("total: " + v.format(v.total))
            let filters = StatusLine.filters(s.session.config, profile: s.session.profile)
            if !filters.isEmpty { parts.append("filters: " + filters.joined(separator: " ")) }
            parts.append("granularity: " + s.session.config.granularity)
            if s.pane == .flame, let f = s.resolveFrame(s.flame.selected), f > 0 {
                let fr = v.frames[f]
                parts.insert(v.frameName(f) + " cum " + v.format(fr.cum) + " (" + v.percent(fr.cum).trimmingLeadingSpaces + ")", at: 0)
            }
        }
        if s.loading { parts.append("aggregating…") }
        if !s.status.isEmpty { parts.insert(s.status, at: 0) }
        // Live progress is reserved at the right: no message hides the countdown and age.
        let live = s.live != nil ? s.liveStatus(now: s.now) + " " : ""
        let row = StatusLine.compose(left: " " + parts.joined(separator: " │ "), right: live, width: g.width)
        g.writePadded(row, x: 0, y: y, width: g.width, style: bar)
    }

    static func drawHints(_ s: AppState, _ g: inout Grid) {
        let y = g.height - 1
        if s.prompt.active {
            drawPrompt(s.prompt, &g, y: y)
            return
        }
        if let input = s.searchInput {
            let w = g.write("/" + input, x: 0, y: y, maxWidth: g.width - 1)
            g.writePadded("", x: w, y: y, width: g.width - w)
            g[w, y] = Cell(" ", style: selected)
            return
        }
        g.writePadded("", x: 0, y: y, width: g.width)
        var x = 0
        for h in KeyMap.hints {
            let keyW = DisplayWidth.of(h.key), labW = DisplayWidth.of(h.label)
            if x + keyW + labW + 2 > g.width { break }
            x += g.write(h.key, x: x, y: y, style: CellStyle(attrs: [.bold, .reverse]))
            x += g.write(" " + h.label + " ", x: x, y: y)
        }
    }
}
