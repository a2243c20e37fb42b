import PprofModel
import PprofReports

package enum TreeRowKind: Sendable { case caller, center, callee }

/// One Tree row: a caller or callee edge of the centre (pprof's `peek` lines), or the
/// centre itself (weight = its cum).
package struct TreeRow: Sendable, Equatable {
    package var kind: TreeRowKind
    package var name: String
    package var weight: Int64
    package var inline: Bool
}

package struct TreeState: Sendable, Equatable {
    package var center: String?
    package var rows: [TreeRow] = []
    /// Row index over callers, centre, callees.
    package var list = ListScroll()
}

/// Callers above, callees below one function: pprof's `peek`.
enum TreePane: PaneModel {
    static let pane = Pane.tree
    static let title = "Tree"
    static func emptyState() -> TreeState { TreeState() }

    /// What Enter, Backspace, Space and the others do here.
    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "centre"
        case .sort: return ""
        case .right: return "unfold"
        default: return nil
        }
    }

    /// → unfolds a caller or callee (in the Sandwich).
    static func hintPriority(for action: Action) -> Int? { action == .right ? 2 : nil }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: s.tree.center) }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        if let n = e.node { center(&s, on: n) }
        return []
    }

    static func selectedNode(_ s: AppState) -> String? {
        let rows = s.tree.rows
        let i = s.tree.list.selection
        guard i >= 0, i < rows.count else { return s.tree.center }
        return rows[i].name
    }

    static func show(_ s: inout AppState, target: String?) -> [Effect] {
        if let target, target != s.tree.center { center(&s, on: target) }
        return []
    }

    static func enter(_ s: inout AppState) -> [Effect] {
        guard let n = selectedNode(s), n != s.tree.center else { return [] }
        s.navigate(to: .tree)
        center(&s, on: n)
        return []
    }

    static func move(_ s: inout AppState, by delta: Int) { s.tree.list.move(by: delta, count: s.tree.rows.count) }

    /// Right unfolds the selected caller or callee a level deeper: the Sandwich of the same
    /// centre with that row unfolded (one copy of the multi-level counting); Backspace returns.
    static func sideways(_ s: inout AppState, by delta: Int) {
        let rows = s.tree.rows
        let i = s.tree.list.selection
        guard delta > 0, let c = s.tree.center, i >= 0, i < rows.count, rows[i].kind != .center else { return }
        let r = rows[i]
        s.navigate(to: .sandwich)
        SandwichPane.center(&s, on: c, unfolding: r.name, kind: r.kind == .caller ? .caller : .callee)
    }

    static func clamp(_ s: inout AppState) { s.tree.list.clamp(count: s.tree.rows.count, visible: s.layout.visibleRows) }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (_, re) = s.activeSearch(dir) else { return }
        let rows = s.tree.rows
        guard let i = s.nextMatch(count: rows.count, from: s.tree.list.selection, dir: dir, { re.matches(rows[$0].name) }) else { return }
        s.tree.list.selection = i
    }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.tree.list.selection = s.tree.list.row(at: row) }

    /// The call graph is the aggregate's second half: rows are (re)computed once it is in.
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect] {
        if s.aggregate?.treeReady == true { refreshRows(&s) }
        return []
    }

    /// Keys wait while the call graph is being built.
    static func ready(_ s: AppState) -> Bool { s.aggregate?.treeReady ?? false }

    // MARK: rows

    /// The Tree rows for a new graph, keeping the selected row where it still exists.
    static func refreshRows(_ s: inout AppState) {
        let old = s.tree
        let keepRow = old.list.selection < old.rows.count ? old.rows[old.list.selection] : nil
        s.tree.rows = rows(s)
        if let keepRow, let i = s.tree.rows.firstIndex(where: { $0.kind == keepRow.kind && $0.name == keepRow.name }) {
            s.tree.list.selection = i
        } else if keepRow == nil, let i = s.tree.rows.firstIndex(where: { $0.kind == .center }) {
            s.tree.list.selection = i
        }
    }

    static func center(_ s: inout AppState, on name: String) {
        s.tree.center = name
        s.tree.rows = rows(s)
        s.tree.list = ListScroll(selection: s.aggregate.flatMap { v in v.peekIndex[name].map { v.peek.nodes[$0].inEdges.count } } ?? 0)
        s.clampAll()
    }

    /// Tree pane rows in `peek`'s order: callers, the centre, callees.
    static func rows(_ s: AppState) -> [TreeRow] {
        guard let v = s.aggregate, let c = s.tree.center, let i = v.peekIndex[c] else { return [] }
        let g = v.peek
        var rows = g.sortedInEdges(of: i).map { e in
            TreeRow(kind: .caller, name: v.peekNames[g.edges[e].src], weight: g.edges[e].weight, inline: g.edges[e].inline)
        }
        rows.append(TreeRow(kind: .center, name: c, weight: g.nodes[i].cumValue(), inline: false))
        rows += g.sortedOutEdges(of: i).map { e in
            TreeRow(kind: .callee, name: v.peekNames[g.edges[e].dest], weight: g.edges[e].weight, inline: g.edges[e].inline)
        }
        return rows
    }
}

extension AppState {
    package var tree: TreeState {
        get { panes[TreePane.self] }
        set { panes[TreePane.self] = newValue }
    }

    /// Tree pane rows (computed when centring and when the aggregate changes).
    package func treeRows() -> [TreeRow] { tree.rows }

    package mutating func center(on name: String) { TreePane.center(&self, on: name) }
}
