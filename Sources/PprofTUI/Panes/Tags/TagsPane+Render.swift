import PprofModel

extension TagsPane {
    /// `-tags` as rows: a key's header with its total (and its unit for numeric labels),
    /// then its values with their amount and share, as `-tags` prints them; [x] marks a pick.
    /// The header names T and L first: a narrow hint bar has room only for picking and applying.
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        g.writePadded(
            "   " + Renderer.pad("amount", 10) + " " + Renderer.pad("share", 7)
                + "  label value (T/L tagroot/tagleaf; Space pick, Enter tagfocus, i tagignore)", x: 0, y: layout.header.y, width: g.width,
            style: Renderer.header)
        let rows = s.tags.rows
        for row in 0..<body.height {
            let i = s.tags.list.scroll + row
            let y = body.y + row
            guard let report = tagsReport(s), i < rows.count else {
                g.writePadded(
                    row == 0 && rows.isEmpty ? (s.tags.counted == nil ? "  counting labels…" : "  no labels in this profile") : "", x: 0, y: y,
                    width: g.width, style: CellStyle(attrs: .dim)
                )
                continue
            }
            let r = rows[i]
            var style = CellStyle.plain
            let text: String
            if let value = r.value {
                let mark = s.tags.picked.contains(TagPick(key: r.key, value: value)) ? "[x]" : "[ ]"
                let (amount, share) = report.tagValueText(r.amount, keyTotal: r.keyTotal)
                text = mark + Renderer.pad(amount, 10) + " " + Renderer.pad(share ?? "", 7) + "    " + value
            } else {
                let unit = r.numeric ? (report.options.numLabelUnits[r.key].map { " (numeric, " + $0 + ")" } ?? " (numeric)") : ""
                let roles = [s.session.config.tagRoot, s.session.config.tagLeaf].enumerated().compactMap { j, list in
                    list.split(separator: ",").contains(Substring(r.key)) ? (j == 0 ? " [tagroot]" : " [tagleaf]") : nil
                }.joined()
                let (amount, share) = report.tagValueText(r.amount, keyTotal: r.keyTotal)
                text = "   " + Renderer.pad(amount, 10) + " " + Renderer.pad(share ?? "", 7) + "    " + r.key + ": Total" + unit + roles
                style = CellStyle(attrs: .bold)
            }
            if i == s.tags.list.selection { style = Renderer.selected }
            g.writePadded(text, x: 0, y: y, width: g.width, style: style)
        }
    }
}
