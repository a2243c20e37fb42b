import PprofModel

extension SourcePane {
    static func heat(_ value: Int64, _ maxValue: UInt64) -> TermColor {
        guard maxValue > 0, value != 0 else { return .none }
        let r = Double(value.magnitude) / Double(maxValue)
        let palette: [UInt8] = [58, 94, 130, 166, 196]
        return .indexed(palette[min(palette.count - 1, Int(r * Double(palette.count)))])
    }

    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        if s.source.assembly.shown { return drawAssembly(s, &g, layout) }
        guard let v = s.aggregate else { return }
        let body = layout.body
        let name = s.source.node ?? ""
        let sidesHead = (s.isDiff || s.source.diff) && !s.source.sides.isEmpty ? Renderer.pad("new", 9) + " " + Renderer.pad("base", 9) + "  " : ""
        let head = Renderer.pad("flat", 10) + " " + Renderer.pad("cum", 10) + " " + Renderer.pad("line", 6) + "  " + sidesHead
        g.writePadded(head + (name.isEmpty ? "(select a function in Top and press Enter)" : "list " + s.source.function), x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        guard let rows = s.source.rows else {
            let msg = s.source.missing ?? (name.isEmpty ? "" : "listing \(name)…")
            g.writePadded(msg, x: 1, y: body.y, width: g.width - 1, style: s.source.missing != nil ? CellStyle(fg: .red) : .plain)
            for row in 1..<max(1, body.height) { g.writePadded("", x: 0, y: body.y + row, width: g.width) }
            return
        }
        var maxCum: UInt64 = 0
        let diff = s.isDiff || s.source.diff
        let showSides = diff && !s.source.sides.isEmpty
        for r in rows {
            if case .line(_, _, _, let c, _, _, _) = r { maxCum = max(maxCum, c.magnitude) }
        }
        for row in 0..<body.height {
            let i = s.source.list.scroll + row
            let y = body.y + row
            guard i < rows.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let isSel = i == s.source.list.selection
            switch rows[i] {
            case .routine(let fn, let file, let flat, let cum, let percent):
                let text = Renderer.pad(flat, 10) + " " + Renderer.pad(cum, 10) + " " + percent + " of Total  ROUTINE " + fn + " in " + file
                g.writePadded(text, x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(fg: .cyan, attrs: .bold))
            case .hint(let m):
                g.writePadded(" " + m, x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(attrs: .dim))
            case .message(let m):
                g.writePadded(" " + m, x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(fg: .red))
            case .line(let file, let lineno, _, let cum, let flatText, let cumText, let text):
                // In a diff the sign picks the colour (heat alone would paint -130ms like +120ms)
                // and a mark after the line number carries it without colour.
                let heatStyle = diff ? Renderer.diffText(cum, scale: maxCum) : CellStyle(fg: .none, bg: heat(cum, maxCum))
                let numStyle = isSel ? Renderer.selected : heatStyle
                var x = g.write(Renderer.pad(flatText, 10) + " " + Renderer.pad(cumText, 10), x: 0, y: y, style: numStyle)
                let mark = diff ? " " + Renderer.diffMark(cum) : "  "
                x += g.write(" " + Renderer.pad(String(lineno), 6) + mark, x: x, y: y, style: isSel ? Renderer.selected : (diff && cum != 0 ? heatStyle : CellStyle(attrs: .dim)))
                if showSides {
                    // Both sides of the change: the line's cum in the new profile and in the base.
                    // Each value in its own best unit ("." for none, as `list` prints zero).
                    func side(_ x: Int64) -> String { x == 0 ? "." : Measurement.scaledLabel(x, from: v.sampleUnit, to: "minimum") }
                    let text = s.source.sides[file + ":" + String(lineno)].map { Renderer.pad(side($0.new), 9) + " " + Renderer.pad(side($0.base), 9) } ?? String(repeating: " ", count: 19)
                    x += g.write(text + "  ", x: x, y: y, style: isSel ? Renderer.selected : CellStyle(attrs: .dim))
                }
                let costly = rows[i].isCostly
                g.writePadded(dropCells(Renderer.expandTabs(text), s.source.column), x: x, y: y, width: g.width - x, style: isSel ? Renderer.selected : (costly ? CellStyle(attrs: .bold) : .plain))
            }
        }
    }

    /// `text` without its first `n` cells (a wide character cut in two becomes a space).
    static func dropCells(_ text: String, _ n: Int) -> String {
        guard n > 0 else { return text }
        var skipped = 0
        var out = ""
        for ch in text {
            if skipped >= n {
                out.append(ch)
                continue
            }
            skipped += DisplayWidth.of(String(ch))
            if skipped > n { out.append(" ") }
        }
        return out
    }
}
