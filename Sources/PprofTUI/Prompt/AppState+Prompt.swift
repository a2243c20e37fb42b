import PprofReports

/// The prompt's keys: readline editing, history, Ctrl-R and completion (see `PromptKeys`).
extension AppState {
    mutating func handlePromptKey(_ k: Key) -> [Effect] {
        if prompt.search != nil, let fx = handleReverseSearchKey(k) { return fx }
        guard let action = PromptKeys.action(for: k) else {
            if case .char(let c) = k { prompt.editor.insert(c) }
            return []
        }
        switch action {
        case .cancel: mode = .normal
        case .deleteBack where prompt.buffer.isEmpty: mode = .normal
        case .accept: return acceptPrompt()
        case .historyPrev: prompt.recall(-1)
        case .historyNext: prompt.recall(1)
        case .reverseSearch: prompt.search = ReverseSearch(original: prompt.buffer)
        case .complete: complete()
        default: prompt.editor.apply(action)
        }
        return []
    }

    /// Runs the line: it joins the history (and the history store), the status says it runs.
    mutating func acceptPrompt() -> [Effect] {
        let line = prompt.buffer
        mode = .normal
        prompt.buffer = ""
        prompt.historyIndex = nil
        prompt.search = nil
        if line.trimmingLeadingSpaces.isEmpty { return [] }
        // The TUI's own option (not one of pprof's, so not the session's).
        if line.trimmingLeadingSpaces.hasPrefix("mine=") {
            var fx = setMine(String(line.trimmingLeadingSpaces.dropFirst("mine=".count)))
            if prompt.history.add(line) { fx.append(.saveHistory(line: line)) }
            return fx
        }
        var fx: [Effect] = [.runCommand(line: line, session: session)]
        if prompt.history.add(line) { fx.append(.saveHistory(line: line)) }
        status = "running: " + line
        return fx
    }

    /// Ctrl-R's keys: typing narrows, Ctrl-R again finds an older match, Esc/Ctrl-G cancel,
    /// Enter runs the match; any other prompt key takes the match into the line and then acts
    /// (readline's behaviour). nil: handled as a prompt key after the search ended.
    mutating func handleReverseSearchKey(_ k: Key) -> [Effect]? {
        guard var rs = prompt.search else { return nil }
        let history = prompt.history
        switch (k, PromptKeys.action(for: k)) {
        case (.char(let c), _):
            rs.query.append(c)
            rs.match = history.search(rs.query, before: rs.match.map { $0 + 1 } ?? history.entries.count)
        case (_, .deleteBack?):
            if !rs.query.isEmpty { rs.query.removeLast() }
            rs.match = rs.query.isEmpty ? nil : history.search(rs.query, before: history.entries.count)
        case (_, .reverseSearch?):
            if let m = rs.match {
                if let older = history.search(rs.query, before: m) { rs.match = older }
            } else if !rs.query.isEmpty {
                rs.match = history.search(rs.query, before: history.entries.count)
            }
        case (_, .cancel?):
            prompt.search = nil
            prompt.buffer = rs.original
            return []
        default:
            prompt.search = nil
            prompt.buffer = rs.match.map { history.entries[$0] } ?? rs.original
            prompt.historyIndex = rs.match
            return nil
        }
        prompt.search = rs
        return []
    }

    /// Tab: completes the word before the cursor (see `Completion`); several candidates are
    /// listed in the status bar.
    mutating func complete() {
        let before = prompt.editor.beforeCursor
        let after = String(prompt.editor.text.dropFirst(before.count))
        let context = Completion.Context(
            functionNames: session.profile.functions.map(\.name), sampleTypes: session.profile.sampleTypes.map(\.type))
        guard let r = Completion.complete(before, context) else {
            status = "no completion"
            return
        }
        prompt.editor.set(r.text + after)
        for _ in 0..<after.count { prompt.editor.apply(.charBack) }
        status = r.candidates.count == 1 ? "" : r.candidates.prefix(8).joined(separator: "  ") + (r.candidates.count > 8 ? "  …" : "")
    }
}
