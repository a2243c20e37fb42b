import PprofModel
import PprofReports

/// The frame names the Sandwich counts with, for one aggregate: built once per aggregate.
struct SandwichNames: Sendable, Equatable {
    var generation: Int
    var index: FlameIndex
    static func == (a: SandwichNames, b: SandwichNames) -> Bool { a.generation == b.generation }
}

package struct SandwichState: Sendable, Equatable {
    package var center: String?
    /// Caller and callee paths (names from the centre out) unfolded by the user.
    package var expandedCallers: Set<[String]> = []
    package var expandedCallees: Set<[String]> = []
    package var rows: [SandwichRow] = []
    package var list = ListScroll()
    var names: SandwichNames?
    /// The aggregate changed while another pane was shown: recount when shown again.
    var stale = false
}

/// Callers above and callees below one function, each an unfoldable tree over every stack
/// the function is on (the Tree pane's `peek`, as many levels deep as wanted).
enum SandwichPane: PaneModel {
    static let pane = Pane.sandwich
    static let title = "Sandwich"
    static func emptyState() -> SandwichState { SandwichState() }

    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "centre"
        case .sort: return ""
        default: return nil
        }
    }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: s.sandwich.center) }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        if let n = e.node, n != s.sandwich.center {
            center(&s, on: n)
        } else if s.sandwich.stale {
            refreshRows(&s)
        }
        return []
    }

    static func selectedNode(_ s: AppState) -> String? {
        let rows = s.sandwich.rows
        let i = s.sandwich.list.selection
        guard i >= 0, i < rows.count, rows[i].kind != .center else { return s.sandwich.center }
        return rows[i].name
    }

    static func show(_ s: inout AppState, target: String?) -> [Effect] {
        if let target, target != s.sandwich.center {
            center(&s, on: target)
        } else if s.sandwich.stale {
            refreshRows(&s)
        }
        return []
    }

    /// Enter: the selected row's function becomes the centre (a step of back/forward).
    static func enter(_ s: inout AppState) -> [Effect] {
        guard let n = selectedNode(s), n != s.sandwich.center else { return [] }
        s.navigate(to: .sandwich)
        center(&s, on: n)
        return []
    }

    static func move(_ s: inout AppState, by delta: Int) { s.sandwich.list.move(by: delta, count: s.sandwich.rows.count) }

    /// Right unfolds the selected row one level (or steps onto its first child); Left folds
    /// it (or steps to its parent).
    static func sideways(_ s: inout AppState, by delta: Int) {
        let rows = s.sandwich.rows
        let i = s.sandwich.list.selection
        guard i >= 0, i < rows.count, rows[i].kind != .center else { return }
        let r = rows[i]
        if delta > 0 {
            if !r.expanded, r.expandable {
                setExpanded(&s, r, true)
            } else if i + 1 < rows.count, rows[i + 1].kind == r.kind, rows[i + 1].depth == r.depth + 1 {
                s.sandwich.list.selection = i + 1
            }
        } else if r.expanded {
            setExpanded(&s, r, false)
        } else if r.depth > 1, let p = rows[..<i].lastIndex(where: { $0.kind == r.kind && $0.path == Array(r.path.dropLast()) }) {
            s.sandwich.list.selection = p
        }
        s.clampAll()
    }

    static func setExpanded(_ s: inout AppState, _ r: SandwichRow, _ on: Bool) {
        if r.kind == .caller {
            if on {
                s.sandwich.expandedCallers.insert(r.path)
            } else {
                s.sandwich.expandedCallers = s.sandwich.expandedCallers.filter { !$0.starts(with: r.path) }
            }
        } else {
            if on {
                s.sandwich.expandedCallees.insert(r.path)
            } else {
                s.sandwich.expandedCallees = s.sandwich.expandedCallees.filter { !$0.starts(with: r.path) }
            }
        }
        refreshRows(&s)
    }

    static func clamp(_ s: inout AppState) { s.sandwich.list.clamp(count: s.sandwich.rows.count, visible: s.layout.visibleRows) }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (_, re) = s.activeSearch(dir) else { return }
        let rows = s.sandwich.rows
        let c = s.sandwich.center ?? ""
        guard
            let i = s.nextMatch(
                count: rows.count, from: s.sandwich.list.selection, dir: dir, { re.matches(rows[$0].kind == .center ? c : rows[$0].name) })
        else { return }
        s.sandwich.list.selection = i
    }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.sandwich.list.selection = s.sandwich.list.row(at: row) }

    /// A new aggregate is counted at once when shown, else when the pane is next shown (a
    /// pass over every sample is not paid by rebuilds the Sandwich never shows).
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect] {
        guard case .replaced = change, s.sandwich.center != nil else { return [] }
        if s.pane == .sandwich { refreshRows(&s) } else { s.sandwich.stale = true }
        return []
    }

    // MARK: rows

    /// Makes `name` the centre, folded to its first level, with the centre selected.
    static func center(_ s: inout AppState, on name: String) {
        s.sandwich.center = name
        s.sandwich.expandedCallers = []
        s.sandwich.expandedCallees = []
        refreshRows(&s)
        s.sandwich.list = ListScroll(selection: s.sandwich.rows.firstIndex { $0.kind == .center } ?? 0)
        s.clampAll()
    }

    /// Recounts the rows (new aggregate or a fold changed), keeping the selected row.
    static func refreshRows(_ s: inout AppState) {
        let old = s.sandwich
        let keep = old.list.selection < old.rows.count ? old.rows[old.list.selection] : nil
        s.sandwich.stale = false
        s.sandwich.rows = rows(&s)
        if let keep, let i = s.sandwich.rows.firstIndex(where: { $0.kind == keep.kind && $0.path == keep.path }) {
            s.sandwich.list.selection = i
        }
    }

    static func rows(_ s: inout AppState) -> [SandwichRow] {
        guard let v = s.aggregate, let c = s.sandwich.center else { return [] }
        if s.sandwich.names?.generation != s.aggregateGeneration {
            s.sandwich.names = SandwichNames(generation: s.aggregateGeneration, index: v.flameIndex ?? FlameBuilder.index(v.report))
        }
        guard let x = s.sandwich.names?.index else { return [] }
        return SandwichBuilder.rows(
            v.report, x, center: c, expandedCallers: s.sandwich.expandedCallers, expandedCallees: s.sandwich.expandedCallees)
    }
}

extension AppState {
    package var sandwich: SandwichState {
        get { panes[SandwichPane.self] }
        set { panes[SandwichPane.self] = newValue }
    }

    package mutating func centerSandwich(on name: String) { SandwichPane.center(&self, on: name) }

    package mutating func setSandwichExpanded(_ r: SandwichRow, _ on: Bool) { SandwichPane.setExpanded(&self, r, on) }
}
