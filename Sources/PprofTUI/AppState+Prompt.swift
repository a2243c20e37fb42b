import PprofModel
import PprofReports

extension AppState {
    mutating func handlePromptKey(_ k: Key) -> [Effect] {
        switch k {
        case .escape:
            mode = .normal
        case .backspace:
            if prompt.buffer.isEmpty { mode = .normal } else { prompt.buffer.removeLast() }
        case .enter:
            let line = prompt.buffer
            mode = .normal
            prompt.buffer = ""
            prompt.historyIndex = nil
            if !line.trimmingLeadingSpaces.isEmpty, prompt.history.last != line { prompt.history.append(line) }
            if line.trimmingLeadingSpaces.isEmpty { return [] }
            status = "running: " + line
            return [.runCommand(line: line, session: session)]
        case .up:
            guard !prompt.history.isEmpty else { return [] }
            let i = max(0, (prompt.historyIndex ?? prompt.history.count) - 1)
            prompt.historyIndex = i
            prompt.buffer = prompt.history[i]
        case .down:
            guard let i = prompt.historyIndex else { return [] }
            if i + 1 < prompt.history.count {
                prompt.historyIndex = i + 1
                prompt.buffer = prompt.history[i + 1]
            } else {
                prompt.historyIndex = nil
                prompt.buffer = ""
            }
        case .tab:
            complete()
        case .char(let c):
            prompt.buffer.append(c)
        default: break
        }
        return []
    }

    /// Tab completion: the first word from the command table, later words from function names.
    mutating func complete() {
        let parts = prompt.buffer.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let word = parts.last ?? ""
        var candidates: [String]
        if parts.count <= 1 {
            candidates = CommandTable.completions(prefix: word, sampleTypes: session.profile.sampleTypes.map(\.type))
        } else {
            candidates = (aggregate?.nodes.map(\.name) ?? []).filter { $0.hasPrefix(word) }.sorted()
        }
        guard !candidates.isEmpty else {
            status = "no completion"
            return
        }
        var common = candidates[0]
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        let head = parts.dropLast().joined(separator: " ")
        if common.count > word.count {
            prompt.buffer = (head.isEmpty ? "" : head + " ") + common
        }
        status = candidates.count == 1 ? "" : candidates.prefix(8).joined(separator: "  ") + (candidates.count > 8 ? "  …" : "")
    }
}
