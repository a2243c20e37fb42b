import PprofModel

/// The panes, in tab order. A pane's behaviour lives in its folder (`Panes/<Pane>/`) as a
/// `PaneModel`; this enum only names it, so adding a pane adds one case and its model here.
package enum Pane: Int, Sendable, CaseIterable {
    case top, source, tree, flame, output
    case sandwich, tags
    case growth

    /// The pane's state, update, render and hints.
    var model: any PaneModel.Type {
        switch self {
        case .top: return TopPane.self
        case .source: return SourcePane.self
        case .tree: return TreePane.self
        case .flame: return FlamePane.self
        case .output: return OutputPane.self
        case .sandwich: return SandwichPane.self
        case .tags: return TagsPane.self
        case .growth: return GrowthPane.self
        }
    }

    package var title: String { model.title }

    /// The panes with a numbered tab, in the order Tab cycles through them.
    package static var tabs: [Pane] { allCases.filter { $0.model.inTabs } }
}

/// One pane: its state type (kept in `AppState.panes`) and what it does with the shared
/// state. Every requirement but the first few has a default, so a simple pane is short.
protocol PaneModel {
    associatedtype State: Sendable, Equatable
    static var pane: Pane { get }
    static var title: String { get }
    /// A numbered tab in the title bar and a stop of the Tab cycle (else shown only while current).
    static var inTabs: Bool { get }
    /// Draws nothing but a placeholder until the first aggregate arrives.
    static var needsAggregate: Bool { get }
    static func emptyState() -> State

    /// Where the user is, for back/forward and the breadcrumb.
    static func navEntry(_ s: AppState) -> NavEntry
    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect]
    /// The node (Top row name) the selection points at.
    static func selectedNode(_ s: AppState) -> String?
    /// The pane becomes current through a pane switch; `target` was selected in the one left.
    static func show(_ s: inout AppState, target: String?) -> [Effect]
    static func enter(_ s: inout AppState) -> [Effect]
    /// A key the pane handles its own way (nil: the common handling of `action`).
    static func perform(_ s: inout AppState, _ action: Action) -> [Effect]?
    static func move(_ s: inout AppState, by delta: Int)
    static func sideways(_ s: inout AppState, by delta: Int)
    /// Keeps the selection inside the rows and on screen.
    static func clamp(_ s: inout AppState)
    /// `n`/`N` (dir ±1) and a new search (dir 0).
    static func searchStep(_ s: inout AppState, _ dir: Int)
    /// A click on the pane's body: `row` counts from its first body row.
    static func click(_ s: inout AppState, x: Int, row: Int)
    /// A new aggregate came in (or the Tree's half of it).
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect]
    /// After every event while the pane is current: work it needs to show anything.
    static func whileShown(_ s: inout AppState) -> [Effect]
    /// False while what the pane shows is still being built: keys wait until it is.
    static func ready(_ s: AppState) -> Bool
    /// The hint-bar label of `action` in this pane; nil keeps the key table's.
    static func hint(for action: Action) -> String?
    /// The hint-bar priority of `action` in this pane (its own keys, such as the Sandwich's
    /// ← and →, which no other pane shows); nil keeps the key table's.
    static func hintPriority(for action: Action) -> Int?
    /// What the pane adds in front of the status line (the Flame: the selected frame's cost).
    static func status(_ s: AppState) -> String?
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout)
}

extension PaneModel {
    static var inTabs: Bool { true }
    static var needsAggregate: Bool { true }
    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: selectedNode(s)) }
    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] { [] }
    static func selectedNode(_ s: AppState) -> String? { nil }
    static func show(_ s: inout AppState, target: String?) -> [Effect] { [] }
    static func enter(_ s: inout AppState) -> [Effect] { [] }
    static func perform(_ s: inout AppState, _ action: Action) -> [Effect]? { nil }
    static func move(_ s: inout AppState, by delta: Int) {}
    static func sideways(_ s: inout AppState, by delta: Int) {}
    static func clamp(_ s: inout AppState) {}
    static func searchStep(_ s: inout AppState, _ dir: Int) {}
    static func click(_ s: inout AppState, x: Int, row: Int) {}
    static func aggregateChanged(_ s: inout AppState, _ change: AggregateChange) -> [Effect] { [] }
    static func whileShown(_ s: inout AppState) -> [Effect] { [] }
    static func ready(_ s: AppState) -> Bool { true }
    static func hint(for action: Action) -> String? { nil }
    static func hintPriority(for action: Action) -> Int? { nil }
    static func status(_ s: AppState) -> String? { nil }
}

/// Each pane's own state, by pane: AppState holds only what panes share, and a new pane
/// brings its state type along in its folder.
package struct PaneStates: Sendable {
    private var slots: [(any Sendable)?] = Array(repeating: nil, count: Pane.allCases.count)

    subscript<P: PaneModel>(_ model: P.Type) -> P.State {
        get { slots[P.pane.rawValue] as? P.State ?? P.emptyState() }
        set { slots[P.pane.rawValue] = newValue }
    }
}
