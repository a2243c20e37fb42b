/// The prompt's command history: oldest first, bounded, without consecutive repeats, as
/// pprof's shell history (and readline's `ignoredups`) keeps it.
package struct PromptHistory: Sendable, Equatable {
    /// Lines kept, in memory and in the history file.
    package static let limit = 1000

    package private(set) var entries: [String] = []

    /// The history of `lines` (a file's, oldest first): filtered, repeats dropped, bounded
    /// once at the end so a long file costs one pass.
    package init(_ lines: [String] = []) {
        var out: [String] = []
        for l in lines where Self.accepts(l) && out.last != l { out.append(l) }
        entries = Array(out.suffix(Self.limit))
    }

    /// Whether a line belongs in the history: not blank, one line, no control characters
    /// (a history file written by something else never puts escapes on the prompt line).
    package static func accepts(_ line: String) -> Bool {
        !line.allSatisfy { $0 == " " } && !line.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Appends `line` unless it repeats the last entry or is not acceptable; true when added.
    @discardableResult
    package mutating func add(_ line: String) -> Bool {
        guard Self.accepts(line), entries.last != line else { return false }
        entries.append(line)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        return true
    }

    /// The newest entry before index `before` (exclusive) containing `query`, for Ctrl-R.
    package func search(_ query: String, before: Int) -> Int? {
        var i = min(before, entries.count) - 1
        while i >= 0 {
            if query.isEmpty || entries[i].contains(query) { return i }
            i -= 1
        }
        return nil
    }
}

/// Ctrl-R's reverse incremental search: the query typed so far and the entry it matched.
package struct ReverseSearch: Sendable, Equatable {
    package var query = ""
    /// Index of the matched history entry; nil while nothing matches.
    package var match: Int?
    /// The line being edited when the search began (restored on cancel).
    package var original = ""

    /// What the prompt line shows: bash's `(reverse-i-search)` form.
    package func label(_ history: PromptHistory) -> String {
        let found = match.map { history.entries[$0] } ?? ""
        return (match == nil && !query.isEmpty ? "(failed reverse-i-search)`" : "(reverse-i-search)`") + query + "': " + found
    }
}
