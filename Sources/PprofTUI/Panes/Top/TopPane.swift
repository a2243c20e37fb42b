import PprofModel

package struct TopState: Sendable, Equatable {
    package var list = ListScroll()
}

/// Functions by flat or cum cost: `-top`'s rows.
enum TopPane: PaneModel {
    static let pane = Pane.top
    static let title = "Top"
    static func emptyState() -> TopState { TopState() }

    /// What Enter, Backspace, Space and the others do here.
    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "source"
        case .searchNext: return "next match"
        case .mineOnly: return "mine"
        default: return nil
        }
    }

    /// The Top is where "my code" shows first (m), beside its sort; at 80 columns they take
    /// the place of Tab (the tab bar numbers the panes).
    static func hintPriority(for action: Action) -> Int? { action == .mineOnly || action == .sort ? 3 : nil }

    static func selectedNode(_ s: AppState) -> String? { s.selectedTopName }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        if let n = e.node, let i = s.aggregate?.nodeIndex(named: n) { s.top.list.selection = i }
        return []
    }

    static func enter(_ s: inout AppState) -> [Effect] {
        guard let n = s.selectedTopName else { return [] }
        s.navigate(to: .source)
        return SourcePane.open(&s, n)
    }

    static func move(_ s: inout AppState, by delta: Int) {
        s.top.list.move(by: delta, count: s.aggregate?.nodes.count ?? 0)
    }

    static func clamp(_ s: inout AppState) {
        s.top.list.clamp(count: s.aggregate?.nodes.count ?? 0, visible: s.layout.visibleRows)
    }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (v, re) = s.activeSearch(dir) else { return }
        guard let i = s.nextMatch(count: v.nodes.count, from: s.top.list.selection, dir: dir, { re.matches(v.nodes[$0].name) }) else {
            s.status = "no match for /\(s.search)/"
            return
        }
        s.top.list.selection = i
    }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.top.list.selection = s.top.list.row(at: row) }

    /// The selected function stays selected across a rebuild when it is still listed.
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect] {
        guard case .replaced(let previous?) = change, let v = s.aggregate else { return [] }
        let sel = s.top.list.selection
        if sel >= 0, sel < previous.nodes.count, let i = v.nodeIndex(named: previous.nodes[sel].name) { s.top.list.selection = i }
        return []
    }
}

extension AppState {
    package var top: TopState {
        get { panes[TopPane.self] }
        set { panes[TopPane.self] = newValue }
    }
}
