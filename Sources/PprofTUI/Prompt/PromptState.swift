/// The `:` prompt: the line being edited, the history and a Ctrl-R search in progress.
package struct PromptState: Sendable, Equatable {
    package var editor = LineEditor()
    package var history = PromptHistory()
    /// Index into history while browsing with Up/Down; nil = editing a new line.
    package var historyIndex: Int?
    /// The line typed before browsing began: Down past the newest entry brings it back.
    package var draft = ""
    /// Non-nil during Ctrl-R.
    package var search: ReverseSearch?

    /// The line's text (setting it puts the cursor at the end).
    package var buffer: String {
        get { editor.text }
        set { editor.set(newValue) }
    }

    /// An empty line to type on (the app's mode says the prompt is open).
    package mutating func open() {
        editor = LineEditor()
        historyIndex = nil
        search = nil
    }

    /// Up (-1) and Down (+1) through the history, the draft kept below the newest entry.
    package mutating func recall(_ step: Int) {
        let n = history.entries.count
        guard n > 0 else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            draft = buffer
        }
        let i = (historyIndex ?? n) + step
        if i >= n {
            historyIndex = nil
            buffer = draft
        } else {
            historyIndex = max(0, i)
            buffer = history.entries[max(0, i)]
        }
    }
}
