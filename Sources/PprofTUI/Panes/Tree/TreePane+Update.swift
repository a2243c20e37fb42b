import PprofModel
import PprofReports

extension AppState {
    /// The Tree rows for a new graph, keeping the selected row where it still exists.
    mutating func refreshTreeRows() {
        let keepRow = tree.selection < tree.rows.count ? tree.rows[tree.selection] : nil
        tree.rows = computeTreeRows()
        if let keepRow, let i = tree.rows.firstIndex(where: { $0.kind == keepRow.kind && $0.name == keepRow.name }) {
            tree.selection = i
        } else if keepRow == nil, let i = tree.rows.firstIndex(where: { $0.kind == .center }) {
            tree.selection = i
        }
    }

    package mutating func center(on name: String) {
        tree.center = name
        tree.rows = computeTreeRows()
        tree.selection = view.flatMap { v in v.peekIndex[name].map { v.peek.nodes[$0].inEdges.count } } ?? 0
        tree.scroll = 0
        clampAll()
    }

    package enum TreeRowKind: Sendable { case caller, center, callee }

    /// One Tree row: a caller or callee edge of the centre (pprof's `peek` lines), or the
    /// centre itself (weight = its cum).
    package struct TreeRow: Sendable, Equatable {
        package var kind: TreeRowKind
        package var name: String
        package var weight: Int64
        package var inline: Bool
    }

    /// Tree pane rows (computed when centring and when the view changes).
    package func treeRows() -> [TreeRow] { tree.rows }

    /// Tree pane rows in `peek`'s order: callers, the centre, callees.
    func computeTreeRows() -> [TreeRow] {
        guard let v = view, let c = tree.center, let i = v.peekIndex[c] else { return [] }
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
