import PprofModel

extension TreePane {
    /// pprof's `peek` columns: an edge's weight and its share of the centre's cum; the
    /// centre's own flat and cum with their shares of the total.
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        guard let v = s.aggregate else { return }
        let body = layout.body
        let head = Renderer.pad("weight", 10) + " " + Renderer.pad("calls%", 6) + "  "
        g.writePadded(head + "callers ↑  " + (s.tree.center ?? "(select a function)") + "  ↓ callees", x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
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
        let scale = rows.reduce(UInt64(0)) { max($0, $1.weight.magnitude) }
        for row in 0..<body.height {
            let i = s.tree.list.scroll + row
            let y = body.y + row
            guard i < rows.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let r = rows[i]
            let isSel = i == s.tree.list.selection
            let inl = r.inline ? " (inline)" : ""
            // In a diff, the weight's sign as a mark before the arrow (readable without colour).
            let gap = s.isDiff ? " " + Renderer.diffMark(r.weight) : "  "
            let text: String
            var style: CellStyle
            switch r.kind {
            case .caller:
                text = Renderer.pad(v.format(r.weight), 10) + " " + Measurement.percentage(r.weight, centerCum) + gap + "↑ " + shortenName(r.name, nameWidth - DisplayWidth.of(inl)) + inl
                style = .plain
            case .center:
                let flat = v.peekIndex[r.name].map { v.peek.nodes[$0].flatValue() } ?? 0
                text = Renderer.pad(v.format(r.weight), 10) + " " + v.percent(r.weight) + gap + "● " + shortenName(r.name, nameWidth) + "  (flat " + v.format(flat) + ", " + v.percent(flat).trimmingLeadingSpaces + ")"
                style = CellStyle(attrs: .bold)
            case .callee:
                text = Renderer.pad(v.format(r.weight), 10) + " " + Measurement.percentage(r.weight, centerCum) + gap + "  ↓ " + shortenName(r.name, nameWidth - 2 - DisplayWidth.of(inl)) + inl
                style = .plain
            }
            if s.isDiff { style = CellStyle(fg: Renderer.diffText(r.weight, scale: scale).fg, attrs: style.attrs.union(Renderer.diffText(r.weight, scale: scale).attrs)) }
            if isSel { style = Renderer.selected }
            g.writePadded(text, x: 0, y: y, width: g.width, style: style)
            if !isSel, !s.isDiff, r.kind != .center {
                let nameX = DisplayWidth.of(Renderer.pad(v.format(r.weight), 10) + " " + Measurement.percentage(r.weight, centerCum) + gap) + (r.kind == .caller ? 2 : 4)
                let shown = shortenName(r.name, nameWidth - (r.kind == .caller ? 0 : 2) - DisplayWidth.of(inl))
                Renderer.markOwn(s, r.name, shown, x: nameX, y: y, &g)
            }
        }
    }
}
