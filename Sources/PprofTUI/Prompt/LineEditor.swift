/// A one-line text editor with readline's movement and kill/yank keys. Pure: the prompt
/// feeds it actions and characters; the cursor is a character index (0...count).
package struct LineEditor: Sendable, Equatable {
    package private(set) var chars: [Character] = []
    package private(set) var cursor = 0
    /// The last cut text (Ctrl-K/U/W), pasted by Ctrl-Y.
    package private(set) var killed = ""

    package init(_ text: String = "") { set(text) }

    package var text: String { String(chars) }
    /// The text before the cursor (the renderer measures it to place the cursor).
    package var beforeCursor: String { String(chars[..<cursor]) }

    /// Replaces the text, cursor at the end (history recall, completion).
    package mutating func set(_ text: String) {
        chars = Array(text)
        cursor = chars.count
    }

    package mutating func insert(_ c: Character) {
        chars.insert(c, at: cursor)
        cursor += 1
    }

    /// Applies an editing action; false when `action` is not an editing one.
    @discardableResult
    package mutating func apply(_ action: PromptAction) -> Bool {
        switch action {
        case .lineStart: cursor = 0
        case .lineEnd: cursor = chars.count
        case .charBack: cursor = max(0, cursor - 1)
        case .charForward: cursor = min(chars.count, cursor + 1)
        case .wordBack: cursor = wordStart(before: cursor)
        case .wordForward: cursor = wordEnd(after: cursor)
        case .deleteBack:
            if cursor > 0 {
                chars.remove(at: cursor - 1)
                cursor -= 1
            }
        case .deleteForward:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .killToEnd: kill(cursor..<chars.count)
        case .killToStart: kill(0..<cursor)
        case .killWordBack: kill(whitespaceWordStart(before: cursor)..<cursor)
        case .yank:
            chars.insert(contentsOf: killed, at: cursor)
            cursor += killed.count
        case .historyPrev, .historyNext, .reverseSearch, .complete, .accept, .cancel:
            return false
        }
        return true
    }

    /// Cuts `range` into the kill buffer (an empty range keeps the buffer, as readline does).
    mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killed = String(chars[range])
        chars.removeSubrange(range)
        cursor = range.lowerBound
    }

    /// Alt-B/Alt-F words are runs of letters and digits (readline's default).
    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0, !Self.isWord(chars[j - 1]) { j -= 1 }
        while j > 0, Self.isWord(chars[j - 1]) { j -= 1 }
        return j
    }

    func wordEnd(after i: Int) -> Int {
        var j = i
        while j < chars.count, !Self.isWord(chars[j]) { j += 1 }
        while j < chars.count, Self.isWord(chars[j]) { j += 1 }
        return j
    }

    /// Ctrl-W cuts back to the previous whitespace (readline's unix-word-rubout).
    func whitespaceWordStart(before i: Int) -> Int {
        var j = i
        while j > 0, chars[j - 1] == " " { j -= 1 }
        while j > 0, chars[j - 1] != " " { j -= 1 }
        return j
    }
}
