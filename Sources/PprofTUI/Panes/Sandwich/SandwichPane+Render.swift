import PprofModel

extension SandwichPane {
    /// Columns: the path's cum and its share of the total, then (centre and callees) the
    /// samples ending there; names indented by depth, ▸ folded and ▾ unfolded.
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        // The centre the rows are of (the last good count), else the one being counted.
        let centre = s.sandwich.counted?.center ?? s.sandwich.center
        let head = Renderer.pad("cum", 9) + " " + Renderer.pad("cum%", 6) + " " + Renderer.pad("flat", 9) + "  "
        g.writePadded(
            head + "callers ↑  " + (centre ?? "(select a function)") + "  ↓ callees", x: 0, y: layout.header.y, width: g.width,
            style: Renderer.header)
        let rows = s.sandwich.rows
        let v = s.aggregate
        for row in 0..<body.height {
            let i = s.sandwich.list.scroll + row
            let y = body.y + row
            guard let v, i < rows.count else {
                let empty =
                    row == 0 && rows.isEmpty
                    ? (centre == nil
                        ? "  select a function in another pane, then 6" : s.sandwich.counted == nil ? "  counting…" : "  not in this profile") : ""
                g.writePadded(empty, x: 0, y: y, width: g.width, style: CellStyle(attrs: .dim))
                continue
            }
            let r = rows[i]
            let flat = r.kind == .caller ? "" : v.format(r.flat)
            var text = Renderer.pad(v.format(r.cum), 9) + " " + v.percent(r.cum) + " " + Renderer.pad(flat, 9) + "  "
            var style = CellStyle.plain
            var nameAt = 0
            var shown = ""
            switch r.kind {
            case .center:
                text += "● " + (centre ?? "")
                style = CellStyle(attrs: .bold)
            case .caller, .callee:
                let fold = !r.expandable ? " " : (r.expanded ? "▾" : "▸")
                let lead = String(repeating: "  ", count: max(0, r.depth - 1)) + fold + (r.kind == .caller ? "↑ " : "↓ ")
                let room = max(1, g.width - DisplayWidth.of(text) - DisplayWidth.of(lead))
                text += lead
                nameAt = DisplayWidth.of(text)
                shown = shortenName(r.name, room)
                text += shown
            }
            let isSel = i == s.sandwich.list.selection
            if isSel { style = Renderer.selected }
            g.writePadded(text, x: 0, y: y, width: g.width, style: style)
            if !isSel, r.kind != .center { Renderer.markOwn(s, r.name, shown, x: nameAt, y: y, &g) }
        }
    }
}
