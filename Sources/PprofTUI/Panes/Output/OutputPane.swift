package struct OutputState: Sendable, Equatable {
    package var title = ""
    package var lines: [String] = []
    package var scroll = 0
}

/// A prompt command's text output, exactly as the batch report prints it.
enum OutputPane: PaneModel {
    static let pane = Pane.output
    static let title = "Output"
    /// Shown while current only: it is reached through the prompt, not Tab.
    static let inTabs = false
    static let needsAggregate = false
    static func emptyState() -> OutputState { OutputState() }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: nil) }

    static func selectedNode(_ s: AppState) -> String? { s.selectedTopName }

    static func move(_ s: inout AppState, by delta: Int) {
        var l = ListScroll(selection: s.output.scroll)
        l.move(by: delta, count: max(1, s.output.lines.count - s.layout.visibleRows + 1))
        s.output.scroll = l.selection
    }

    static func clamp(_ s: inout AppState) { s.output.scroll = max(0, min(s.output.scroll, max(0, s.output.lines.count - 1))) }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        s.pane = .top
        TopPane.searchStep(&s, dir)
    }

    /// Shows a command's output from its first line.
    static func show(_ s: inout AppState, title: String, text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        s.output = OutputState(title: title, lines: lines, scroll: 0)
    }
}

extension AppState {
    package var output: OutputState {
        get { panes[OutputPane.self] }
        set { panes[OutputPane.self] = newValue }
    }
}
