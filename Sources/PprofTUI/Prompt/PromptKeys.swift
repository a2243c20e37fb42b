/// What a key does on the prompt line (`:`), readline's bindings.
package enum PromptAction: Sendable, Equatable, CaseIterable {
    case lineStart, lineEnd, charBack, charForward, wordBack, wordForward
    case deleteBack, deleteForward, killToEnd, killToStart, killWordBack, yank
    case historyPrev, historyNext, reverseSearch, complete, accept, cancel
}

/// One row of the prompt's key table: the line editor dispatches on it, and the help overlay
/// and docs/KEYS.md list it.
package struct PromptBinding: Sendable {
    package var keys: [Key]
    package var action: PromptAction
    package var help: String
}

package enum PromptKeys {
    package static let bindings: [PromptBinding] = [
        PromptBinding(keys: [.enter], action: .accept, help: "Run the command (or accept the history match)"),
        PromptBinding(keys: [.escape, .ctrl("g")], action: .cancel, help: "Cancel the prompt (or the history search)"),
        PromptBinding(keys: [.tab], action: .complete, help: "Complete a command, option, value or function name"),
        PromptBinding(keys: [.up, .ctrl("p")], action: .historyPrev, help: "Previous command in the history"),
        PromptBinding(keys: [.down, .ctrl("n")], action: .historyNext, help: "Next command in the history"),
        PromptBinding(keys: [.ctrl("r")], action: .reverseSearch, help: "Search the history backwards (again: older match)"),
        PromptBinding(keys: [.ctrl("a"), .home], action: .lineStart, help: "Go to the start of the line"),
        PromptBinding(keys: [.ctrl("e"), .end], action: .lineEnd, help: "Go to the end of the line"),
        PromptBinding(keys: [.ctrl("b"), .left], action: .charBack, help: "Go back one character"),
        PromptBinding(keys: [.ctrl("f"), .right], action: .charForward, help: "Go forward one character"),
        PromptBinding(keys: [.alt("b")], action: .wordBack, help: "Go back one word"),
        PromptBinding(keys: [.alt("f")], action: .wordForward, help: "Go forward one word"),
        PromptBinding(keys: [.backspace], action: .deleteBack, help: "Delete the character before the cursor (on an empty line: close)"),
        PromptBinding(keys: [.delete, .ctrl("d")], action: .deleteForward, help: "Delete the character under the cursor"),
        PromptBinding(keys: [.ctrl("k")], action: .killToEnd, help: "Cut to the end of the line"),
        PromptBinding(keys: [.ctrl("u")], action: .killToStart, help: "Cut to the start of the line"),
        PromptBinding(keys: [.ctrl("w")], action: .killWordBack, help: "Cut the word before the cursor"),
        PromptBinding(keys: [.ctrl("y")], action: .yank, help: "Paste the last cut text"),
    ]

    package static func action(for key: Key) -> PromptAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }
}
