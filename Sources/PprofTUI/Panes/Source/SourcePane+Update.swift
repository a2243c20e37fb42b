import PprofModel
import PprofReports

extension AppState {
    mutating func openSource(_ name: String) -> [Effect] {
        source = SourceState(node: name)
        return reloadSource(name)
    }

    /// Asks for `list` of the node's function; keeps the rows shown until the new ones arrive.
    mutating func reloadSource(_ name: String) -> [Effect] {
        guard let v = view, let function = v.peekIndex[name].map({ v.peek.nodes[$0].info.name }) ?? v.functionNames[name]
        else {
            source.missing = "\(name) is not in the current view"
            return []
        }
        if function.isEmpty {
            source.missing = "no function name for \(name) at granularity \(session.config.granularity)"
            return []
        }
        source.function = function
        return [.loadSource(node: name, function: function, session: session)]
    }

    /// The Source row with the most flat (then cum) cost, first of equals.
    func hottestRow() -> Int? {
        guard let rows = source.rows else { return nil }
        var best: (row: Int, flat: UInt64, cum: UInt64)?
        for (i, r) in rows.enumerated() {
            guard case .line(_, _, let f, let c, _, _, _) = r, f != 0 || c != 0 else { continue }
            if let b = best, (f.magnitude, c.magnitude) <= (b.flat, b.cum) { continue }
            best = (i, f.magnitude, c.magnitude)
        }
        return best?.row
    }

    /// File and line number of a Source row, if it is a source line.
    func sourceLine(at i: Int) -> (String, Int)? {
        guard let rows = source.rows, i >= 0, i < rows.count else { return nil }
        return Self.lineKey(rows[i])
    }

    static func lineKey(_ r: SourceRow) -> (String, Int)? {
        if case .line(let file, let lineno, _, _, _, _, _) = r { return (file, lineno) }
        return nil
    }

    mutating func setSourceCursor(_ i: Int, center: Bool) {
        let count = source.rows?.count ?? 0
        source.cursor = max(0, min(i, count - 1))
        if center { source.scroll = max(0, source.cursor - (bodyHeight - 1) / 2) }
        clampAll()
    }

    /// Source pane n/N: next/previous line with any cost.
    mutating func costlyLineStep(_ dir: Int) {
        guard let rows = source.rows else { return }
        let costly = rows.indices.filter { rows[$0].isCostly }
        let cur = source.cursor
        let target = dir > 0 ? costly.first { $0 > cur } ?? costly.first : costly.last { $0 < cur } ?? costly.last
        if let t = target { setSourceCursor(t, center: false) }
    }
}
