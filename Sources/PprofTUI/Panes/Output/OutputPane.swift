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

    static func hint(for action: Action) -> String? {
        switch action {
        case .search: return "find"
        case .enter, .focus, .ignore, .sort: return ""
        default: return nil
        }
    }

    /// Searches the text shown: the next matching line goes to the top of the pane.
    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let re = s.searchRegex else {
            if dir != 0 { s.status = "no search: press / first" }
            return
        }
        let lines = s.output.lines
        if dir == 0 {
            let count = lines.reduce(0) { $0 + (re.matches($1) ? 1 : 0) }
            s.status = "/\(s.search)/: \(count) matching line\(count == 1 ? "" : "s")"
        }
        guard let i = s.nextMatch(count: lines.count, from: s.output.scroll, dir: dir, { re.matches(lines[$0]) }) else {
            s.status = "no match for /\(s.search)/"
            return
        }
        s.output.scroll = i
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
