import PprofModel
import PprofReports

package struct SourceState: Sendable, Equatable {
    /// The Top/Tree name of the node shown.
    package var node: String?
    /// Its function name (what `list` matches).
    package var function: String = ""
    /// `list`'s rows; nil until loaded (or when the listing failed, then `missing` says why).
    package var rows: [SourceRow]?
    package var missing: String?
    /// The cursor row and the first row shown.
    package var list = ListScroll()
    /// Cells of source text scrolled off to the left (h/l, arrows).
    package var column = 0
    /// `o` from another pane: open the editor at the hottest line once the listing is in.
    package var editWhenLoaded = false
    /// The listing is a change (the Growth pane's last − first): coloured and stepped as a diff.
    package var diff = false
    /// In a diff with a side profile: each line's new and base cum (`file:line`).
    package var sides: [String: LineSides] = [:]
    /// The annotated assembly view (`a`): shown instead of the listing when on.
    package var assembly = SourceAssemblyState()
}

/// Per-line cost of one function: pprof's `list` of it.
enum SourcePane: PaneModel {
    static let pane = Pane.source
    static let title = "Source"
    static func emptyState() -> SourceState { SourceState() }

    /// What Enter, Backspace, Space and the others do here.
    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "tree"
        case .searchNext: return "hot line"
        case .sort: return ""
        default: return nil
        }
    }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: s.source.node) }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        if let n = e.node, n != s.source.node { return open(&s, n) }
        return []
    }

    static func selectedNode(_ s: AppState) -> String? { s.source.node }

    static func show(_ s: inout AppState, target: String?) -> [Effect] {
        if let target, target != s.source.node { return open(&s, target) }
        return []
    }

    static func enter(_ s: inout AppState) -> [Effect] {
        guard let n = s.source.node else { return [] }
        s.navigate(to: .tree)
        TreePane.center(&s, on: n)
        return []
    }

    static func move(_ s: inout AppState, by delta: Int) {
        if s.source.assembly.shown { return moveAssembly(&s, by: delta) }
        s.source.list.move(by: delta, count: s.source.rows?.count ?? 0)
    }

    /// Scrolls the source text sideways, a few cells at a time, no further than the longest line.
    static func sideways(_ s: inout AppState, by delta: Int) {
        let longest = (s.source.rows ?? []).reduce(0) { m, r in
            if case .line(_, _, _, _, _, _, let text) = r { return max(m, DisplayWidth.of(Renderer.expandTabs(text))) }
            return m
        }
        s.source.column = max(0, min(s.source.column + delta * columnStep, max(0, longest - columnStep)))
    }

    static let columnStep = 8

    static func clamp(_ s: inout AppState) {
        if s.source.assembly.shown { clampAssembly(&s) }
        s.source.list.clamp(count: s.source.rows?.count ?? 0, visible: s.layout.visibleRows)
    }

    /// `n`/`N` move between lines with cost (no search needed); in a diff, from the largest
    /// change to the smallest (|flat|, then |cum|, then line order).
    static func searchStep(_ s: inout AppState, _ dir: Int) {
        if s.source.assembly.shown { return assemblySearchStep(&s, dir) }
        guard let rows = s.source.rows else { return }
        if s.isDiff || s.source.diff {
            let order = byChange(rows)
            let cur = order.firstIndex(of: s.source.list.selection)
            let k: Int? = dir >= 0 ? cur.map { $0 + 1 < order.count ? $0 + 1 : 0 } ?? (order.isEmpty ? nil : 0) : cur.map { $0 > 0 ? $0 - 1 : order.count - 1 } ?? order.indices.last
            if let k { setCursor(&s, order[k], center: false) }
            return
        }
        let costly = rows.indices.filter { rows[$0].isCostly }
        let cur = s.source.list.selection
        let target = dir >= 0 ? costly.first { $0 > cur } ?? costly.first : costly.last { $0 < cur } ?? costly.last
        if let t = target { setCursor(&s, t, center: false) }
    }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.source.list.selection = s.source.list.row(at: row) }

    /// The rows with a change, largest first (|flat|, then |cum|, then row order).
    static func byChange(_ rows: [SourceRow]) -> [Int] {
        var keyed: [(row: Int, flat: UInt64, cum: UInt64)] = []
        for (i, r) in rows.enumerated() {
            if case .line(_, _, let f, let c, _, _, _) = r, f != 0 || c != 0 { keyed.append((i, f.magnitude, c.magnitude)) }
        }
        keyed.sort { ($1.flat, $1.cum, $0.row) < ($0.flat, $0.cum, $1.row) }
        return keyed.map(\.row)
    }

    /// The listing depends on the options too: a new aggregate refreshes it in place.
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect] {
        guard case .replaced = change, let n = s.source.node else { return [] }
        return reload(&s, n) + (s.source.assembly.shown ? reloadAssembly(&s) : [])
    }

    /// Keys wait while the listing is being read.
    static func ready(_ s: AppState) -> Bool { s.source.node == nil || s.source.rows != nil || s.source.missing != nil }

    // MARK: listing

    static func open(_ s: inout AppState, _ name: String) -> [Effect] {
        let shown = s.source.assembly.shown
        s.source = SourceState(node: name)
        s.source.assembly.shown = shown
        return reload(&s, name) + (shown ? reloadAssembly(&s) : [])
    }

    /// Asks for `list` of the node's function; keeps the rows shown until the new ones arrive.
    static func reload(_ s: inout AppState, _ name: String) -> [Effect] {
        // The Growth pane's listing of a change stays one under new options.
        if s.source.diff, let change = s.growth.table?.change, !s.source.function.isEmpty {
            return [.loadSource(node: name, function: s.source.function, session: Session(profile: change, config: s.session.config, environment: s.session.environment))]
                + sidesEffect(s, name, s.source.function)
        }
        guard let v = s.aggregate, let function = v.peekIndex[name].map({ v.peek.nodes[$0].info.name }) ?? v.functionNames[name]
        else {
            s.source.missing = "\(name) is not in the current view"
            return []
        }
        if function.isEmpty {
            s.source.missing = "no function name for \(name) at granularity \(s.session.config.granularity)"
            return []
        }
        s.source.function = function
        return [.loadSource(node: name, function: function, session: s.session)] + sidesEffect(s, name, function)
    }

    /// `o`: the editor at the cursor's line here; from another pane at the hottest line of
    /// the selected function (its listing is read first when it is not the one loaded).
    static func edit(_ s: inout AppState) -> [Effect] {
        if s.pane == .source {
            guard let (file, line) = line(s, at: s.source.list.selection) else {
                s.status = "no source line here to open"
                return []
            }
            return [.openEditor(file: file, line: line)]
        }
        guard let node = s.selectedNodeName else {
            s.status = "nothing selected"
            return []
        }
        if node == s.source.node, s.source.rows != nil { return hottestLineEditor(&s) }
        let fx = open(&s, node)
        if fx.isEmpty { s.status = s.source.missing ?? "no listing for \(node)" } else { s.source.editWhenLoaded = true }
        return fx
    }

    static func hottestLineEditor(_ s: inout AppState) -> [Effect] {
        guard let i = hottestRow(s), let (file, line) = line(s, at: i) else {
            let why = s.source.rows?.lazy.compactMap { r -> String? in if case .message(let m) = r { m } else { nil } }.first
            s.status = why ?? s.source.missing ?? "no source line with cost to open"
            return []
        }
        return [.openEditor(file: file, line: line)]
    }

    /// The listing arrived: a reload keeps the cursor on its line, a new one starts at the
    /// hottest line (and opens the editor there when `o` asked for it).
    static func loaded(_ s: inout AppState, node: String, rows: [SourceRow]?, error: String?) -> [Effect] {
        guard node == s.source.node else { return [] }
        defer { s.source.editWhenLoaded = false }
        let reload = s.source.rows != nil
        let keepLine = line(s, at: s.source.list.selection)
        s.source.rows = rows
        s.source.missing = error
        if reload, let keepLine, let i = rows?.firstIndex(where: { lineKey($0).map { $0.0 == keepLine.0 && $0.1 == keepLine.1 } ?? false }) {
            s.source.list.selection = i
            s.clampAll()
        } else if let hot = hottestRow(s) {
            setCursor(&s, hot, center: true)
        }
        if s.source.editWhenLoaded { return hottestLineEditor(&s) }
        return []
    }

    /// The Source row with the most flat (then cum) cost, first of equals.
    static func hottestRow(_ s: AppState) -> Int? {
        guard let rows = s.source.rows else { return nil }
        var best: (row: Int, flat: UInt64, cum: UInt64)?
        for (i, r) in rows.enumerated() {
            guard case .line(_, _, let f, let c, _, _, _) = r, f != 0 || c != 0 else { continue }
            if let b = best, (f.magnitude, c.magnitude) <= (b.flat, b.cum) { continue }
            best = (i, f.magnitude, c.magnitude)
        }
        return best?.row
    }

    /// File and line number of a Source row, if it is a source line.
    static func line(_ s: AppState, at i: Int) -> (String, Int)? {
        guard let rows = s.source.rows, i >= 0, i < rows.count else { return nil }
        return lineKey(rows[i])
    }

    static func lineKey(_ r: SourceRow) -> (String, Int)? {
        if case .line(let file, let lineno, _, _, _, _, _) = r { return (file, lineno) }
        return nil
    }

    static func setCursor(_ s: inout AppState, _ i: Int, center: Bool) {
        s.source.list.select(i, count: s.source.rows?.count ?? 0, visible: s.layout.visibleRows, center: center)
        s.clampAll()
    }
}

extension AppState {
    package var source: SourceState {
        get { panes[SourcePane.self] }
        set { panes[SourcePane.self] = newValue }
    }
}
