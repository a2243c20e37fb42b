import PprofModel
import PprofReports

/// What one Sandwich count is of: the aggregate (by generation), the centre and its folds.
package struct SandwichRequest: Sendable, Equatable {
    var generation: Int
    var center: String
    var expandedCallers: Set<[String]>
    var expandedCallees: Set<[String]>
}

/// A row's identity across counts.
struct SandwichRowKey: Sendable, Equatable {
    var kind: SandwichRow.Kind
    var path: [String]
}

/// A count done off the main loop (`Effect.buildSandwich`), handed back by `sandwichReady`.
package struct SandwichCount: Sendable {
    var request: SandwichRequest
    /// The frame names it counted with, kept for the next count of the same aggregate.
    var index: FlameIndex
    var rows: [SandwichRow]

    /// Counts `request` on `view` (the view of `request.generation`); `index` when known.
    package static func compute(_ request: SandwichRequest, view: ProfileView, index: FlameIndex?) -> SandwichCount {
        let x = index ?? view.flameIndex ?? FlameBuilder.index(view.report)
        let rows = SandwichBuilder.rows(
            view.report, x, center: request.center, expandedCallers: request.expandedCallers,
            expandedCallees: request.expandedCallees)
        return SandwichCount(request: request, index: x, rows: rows)
    }
}

package struct SandwichState: Sendable, Equatable {
    package var center: String?
    /// Caller and callee paths (names from the centre out) unfolded by the user.
    package var expandedCallers: Set<[String]> = []
    package var expandedCallees: Set<[String]> = []
    /// The last good count's rows, kept on screen until the next count is in.
    package var rows: [SandwichRow] = []
    package var list = ListScroll()
    /// What `rows` are the count of, and the count under way.
    var counted: SandwichRequest?
    var pending: SandwichRequest?
    /// The row (kind and path) to select when the next count is in: the centre after a
    /// re-centre, a Tree row unfolded here; nil keeps the selected row.
    var selectAfter: SandwichRowKey?
    /// The frame names of the aggregate of `namesGeneration`, reused by its next counts.
    var names: FlameIndex?
    var namesGeneration = -1

    package static func == (a: SandwichState, b: SandwichState) -> Bool {
        a.center == b.center && a.expandedCallers == b.expandedCallers && a.expandedCallees == b.expandedCallees && a.rows == b.rows
            && a.list == b.list && a.counted == b.counted && a.pending == b.pending && a.selectAfter == b.selectAfter
            && a.namesGeneration == b.namesGeneration
    }
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
        case .left: return "fold"
        case .right: return "unfold"
        default: return nil
        }
    }

    static func hintPriority(for action: Action) -> Int? {
        switch action {
        case .left, .right: return 2
        default: return nil
        }
    }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: s.sandwich.center) }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        if let n = e.node, n != s.sandwich.center { center(&s, on: n) }
        return []
    }

    static func selectedNode(_ s: AppState) -> String? {
        let rows = s.sandwich.rows
        let i = s.sandwich.list.selection
        guard i >= 0, i < rows.count, rows[i].kind != .center else { return s.sandwich.center }
        return rows[i].name
    }

    static func show(_ s: inout AppState, target: String?) -> [Effect] {
        if let target, target != s.sandwich.center { center(&s, on: target) }
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

    // MARK: counting

    /// The count the screen should show: the current aggregate, centre and folds.
    static func wanted(_ s: AppState) -> SandwichRequest? {
        guard s.aggregate != nil, let c = s.sandwich.center else { return nil }
        return SandwichRequest(
            generation: s.aggregateGeneration, center: c, expandedCallers: s.sandwich.expandedCallers,
            expandedCallees: s.sandwich.expandedCallees)
    }

    /// A count of what should be shown when the rows are of something else and that count is
    /// not already under way: a pass over every sample, so it runs off the main loop, and
    /// only while the pane is shown (rebuilds the Sandwich never shows cost nothing).
    static func whileShown(_ s: inout AppState) -> [Effect] { count(&s) }

    static func count(_ s: inout AppState) -> [Effect] {
        guard let want = wanted(s), want != s.sandwich.counted, want != s.sandwich.pending, let v = s.aggregate else { return [] }
        s.sandwich.pending = want
        let names = s.sandwich.namesGeneration == want.generation ? s.sandwich.names : nil
        return [.buildSandwich(want, view: v, index: names)]
    }

    /// Keys wait while a new centre or fold is counted (they mean its rows); a recount of the
    /// same rows on a new aggregate (a rebuild, a live snapshot) keeps the last good rows live.
    static func ready(_ s: AppState) -> Bool {
        guard let want = wanted(s) else { return true }
        guard let c = s.sandwich.counted else { return false }
        return c.center == want.center && c.expandedCallers == want.expandedCallers && c.expandedCallees == want.expandedCallees
    }

    /// A finished count: shown when it is still what is wanted (else dropped: the last good
    /// rows stay and `whileShown` asks again), selecting `selectAfter` or else the row that
    /// was selected.
    static func take(_ s: inout AppState, _ c: SandwichCount) {
        if s.sandwich.pending == c.request { s.sandwich.pending = nil }
        if c.request.generation == s.aggregateGeneration {
            s.sandwich.names = c.index
            s.sandwich.namesGeneration = c.request.generation
        }
        guard c.request == wanted(s) else { return }
        let old = s.sandwich
        let key =
            old.selectAfter
            ?? (old.list.selection < old.rows.count ? SandwichRowKey(kind: old.rows[old.list.selection].kind, path: old.rows[old.list.selection].path) : nil)
        s.sandwich.rows = c.rows
        s.sandwich.counted = c.request
        s.sandwich.selectAfter = nil
        if let key, let i = c.rows.firstIndex(where: { $0.kind == key.kind && $0.path == key.path }) {
            s.sandwich.list.selection = i
        } else if old.selectAfter != nil {
            s.sandwich.list = ListScroll(selection: c.rows.firstIndex { $0.kind == .center } ?? 0)
        }
        s.clampAll()
    }

    static func status(_ s: AppState) -> String? { s.sandwich.pending != nil ? "counting…" : nil }

    /// Makes `name` the centre, folded to its first level, the centre row selected when its
    /// rows are counted.
    static func center(_ s: inout AppState, on name: String) {
        s.sandwich.center = name
        s.sandwich.expandedCallers = []
        s.sandwich.expandedCallees = []
        s.sandwich.selectAfter = SandwichRowKey(kind: .center, path: [])
    }

    /// The centre `name` with its first-level caller (or callee) `first` unfolded and selected
    /// (the Tree's → on one of its rows).
    static func center(_ s: inout AppState, on name: String, unfolding first: String, kind: SandwichRow.Kind) {
        center(&s, on: name)
        if kind == .caller { s.sandwich.expandedCallers = [[first]] } else { s.sandwich.expandedCallees = [[first]] }
        s.sandwich.selectAfter = SandwichRowKey(kind: kind, path: [first])
    }
}

extension AppState {
    package var sandwich: SandwichState {
        get { panes[SandwichPane.self] }
        set { panes[SandwichPane.self] = newValue }
    }

    /// Makes `name` the centre; the effects count its rows (whichever pane is shown).
    package mutating func centerSandwich(on name: String) -> [Effect] {
        SandwichPane.center(&self, on: name)
        return SandwichPane.count(&self)
    }

    package mutating func setSandwichExpanded(_ r: SandwichRow, _ on: Bool) -> [Effect] {
        SandwichPane.setExpanded(&self, r, on)
        return SandwichPane.count(&self)
    }
}
