import PprofModel

extension Renderer {
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
}
