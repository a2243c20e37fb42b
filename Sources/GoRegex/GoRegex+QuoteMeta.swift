extension GoRegex {
    /// Go's regexp.QuoteMeta: escapes every metacharacter so `s` matches literally. The TUI
    /// builds its focus/list regexes and quotes completed names with it.
    package static func quoteMeta(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\.+*?()|[]{}^$".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
