import PprofModel
import PprofReports

/// One row of the annotated assembly view (as `perf annotate`): a routine header, a source
/// line, an instruction under it with its flat/cum, or a note.
package enum AssemblyViewRow: Sendable, Equatable {
    case routine(name: String, flat: String, cum: String, percent: String)
    case source(file: String, line: Int, text: String)
    case instruction(address: UInt64, text: String, flat: Int64, cum: Int64, flatText: String, cumText: String)
    case note(String)

    var isCostly: Bool {
        if case .instruction(_, _, let f, let c, _, _) = self { return f != 0 || c != 0 }
        return false
    }
}

/// The Source pane's assembly view: rows (nil until loaded), why there are none, the cursor.
package struct SourceAssemblyState: Sendable, Equatable {
    package var shown = false
    package var rows: [AssemblyViewRow]?
    package var missing: String?
    package var list = ListScroll()
}

extension SourcePane {
    /// `a`: here, toggles the view; from another pane, opens the selection's assembly.
    static func toggleAssembly(_ s: inout AppState) -> [Effect] {
        if s.pane != .source {
            guard let node = s.selectedNodeName else {
                s.status = "nothing selected"
                return []
            }
            s.navigate(to: .source)
            s.source.assembly.shown = true
            if node != s.source.node { return open(&s, node) }
            return s.source.assembly.rows == nil ? reloadAssembly(&s) : []
        }
        s.source.assembly.shown.toggle()
        if s.source.assembly.shown && s.source.assembly.rows == nil && s.source.assembly.missing == nil { return reloadAssembly(&s) }
        return []
    }

    static func reloadAssembly(_ s: inout AppState) -> [Effect] {
        guard let node = s.source.node, !s.source.function.isEmpty else {
            s.source.assembly.missing = s.source.missing ?? "select a function first"
            return []
        }
        return [.loadAssembly(node: node, function: s.source.function, session: s.session)]
    }

    static func assemblyLoaded(_ s: inout AppState, node: String, rows: [AssemblyViewRow]?, error: String?) -> [Effect] {
        guard node == s.source.node else { return [] }
        s.source.assembly.rows = rows
        s.source.assembly.missing = error
        if let hot = hottestInstruction(s.source.assembly) {
            s.source.assembly.list.select(hot, count: rows?.count ?? 0, visible: s.layout.visibleRows, center: true)
        }
        return []
    }

    /// The instruction with the most flat (then cum) cost, first of equals.
    static func hottestInstruction(_ a: SourceAssemblyState) -> Int? {
        var best: (row: Int, flat: UInt64, cum: UInt64)?
        for (i, r) in (a.rows ?? []).enumerated() {
            guard case .instruction(_, _, let f, let c, _, _) = r, f != 0 || c != 0 else { continue }
            if let b = best, (f.magnitude, c.magnitude) <= (b.flat, b.cum) { continue }
            best = (i, f.magnitude, c.magnitude)
        }
        return best?.row
    }

    static func moveAssembly(_ s: inout AppState, by delta: Int) {
        s.source.assembly.list.move(by: delta, count: s.source.assembly.rows?.count ?? 0)
    }

    static func clampAssembly(_ s: inout AppState) {
        s.source.assembly.list.clamp(count: s.source.assembly.rows?.count ?? 0, visible: s.layout.visibleRows)
    }

    /// `n`/`N`: the next/previous instruction by cost, hottest first (wrapping).
    static func assemblySearchStep(_ s: inout AppState, _ dir: Int) {
        guard let rows = s.source.assembly.rows else { return }
        let ranked = rows.indices.filter { rows[$0].isCostly }.sorted { a, b in
            guard case .instruction(_, _, let fa, let ca, _, _) = rows[a], case .instruction(_, _, let fb, let cb, _, _) = rows[b]
            else { return a < b }
            if fa.magnitude != fb.magnitude { return fa.magnitude > fb.magnitude }
            if ca.magnitude != cb.magnitude { return ca.magnitude > cb.magnitude }
            return a < b
        }
        guard !ranked.isEmpty else { return }
        let cur = ranked.firstIndex(of: s.source.assembly.list.selection)
        let next: Int
        if let cur { next = (cur + (dir >= 0 ? 1 : ranked.count - 1)) % ranked.count } else { next = dir >= 0 ? 0 : ranked.count - 1 }
        s.source.assembly.list.select(ranked[next], count: rows.count, visible: s.layout.visibleRows, center: false)
        s.status = "instruction \(next + 1) of \(ranked.count) by cost"
    }

    static func drawAssembly(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        let a = s.source.assembly
        let head = Renderer.pad("flat", 10) + " " + Renderer.pad("cum", 10) + " " + Renderer.pad("address", 12) + "  "
        g.writePadded(head + "disasm " + s.source.function + "  (a: source)", x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        guard let rows = a.rows else {
            let msg = a.missing ?? "disassembling \(s.source.function)…"
            var lines = msg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines += Array(repeating: "", count: max(0, body.height - lines.count))
            for (row, line) in lines.prefix(body.height).enumerated() {
                g.writePadded(" " + line, x: 0, y: body.y + row, width: g.width, style: a.missing != nil && row == 0 ? CellStyle(fg: .red) : .plain)
            }
            return
        }
        var maxCum: UInt64 = 0
        for r in rows {
            if case .instruction(_, _, _, let c, _, _) = r { maxCum = max(maxCum, c.magnitude) }
        }
        for row in 0..<body.height {
            let i = a.list.scroll + row
            let y = body.y + row
            guard i < rows.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let isSel = i == a.list.selection
            switch rows[i] {
            case .routine(let name, let flat, let cum, let percent):
                g.writePadded(Renderer.pad(flat, 10) + " " + Renderer.pad(cum, 10) + " " + percent + " of Total  ROUTINE " + name, x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(fg: .cyan, attrs: .bold))
            case .source(let file, let line, let text):
                let label = goBaseName(file) + ":" + String(line)
                g.writePadded(String(repeating: " ", count: 22) + label + "  " + Renderer.expandTabs(text), x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(fg: .green))
            case .note(let m):
                g.writePadded(" " + m, x: 0, y: y, width: g.width, style: isSel ? Renderer.selected : CellStyle(attrs: .dim))
            case .instruction(let address, let text, _, let cum, let flatText, let cumText):
                var x = g.write(Renderer.pad(flatText, 10) + " " + Renderer.pad(cumText, 10), x: 0, y: y, style: isSel ? Renderer.selected : CellStyle(fg: .none, bg: heat(cum, maxCum)))
                x += g.write(" " + Renderer.pad(String(address, radix: 16), 12) + "  ", x: x, y: y, style: isSel ? Renderer.selected : CellStyle(attrs: .dim))
                g.writePadded(text, x: x, y: y, width: g.width - x, style: isSel ? Renderer.selected : (rows[i].isCostly ? CellStyle(attrs: .bold) : .plain))
            }
        }
    }
}
