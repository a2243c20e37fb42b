import GoRegex
import PprofReports

/// Tab completion on the prompt line, from the command table: command names, `name=` options,
/// option values (sample types, choices, booleans) and function names. Function names are
/// inserted quoted as a regex, since every place that takes them (`list`, `peek`, `focus=`, ...)
/// parses a regex: `main.(*T).M` unquoted is `missing argument to repetition operator`.
package enum Completion {
    /// What the completer knows of the profile.
    package struct Context: Sendable {
        package var functionNames: [String]
        package var sampleTypes: [String]
        package init(functionNames: [String], sampleTypes: [String]) {
            self.functionNames = functionNames
            self.sampleTypes = sampleTypes
        }
    }

    /// The outcome: the text before the cursor rewritten, and every candidate (as shown).
    package struct Result: Sendable, Equatable {
        package var text: String
        package var candidates: [String]
    }

    /// Options whose value is a regex over function (or file) names: completed as names.
    /// The others are listed in the command table with their kinds.
    package static let symbolOptions: Set<String> = ["focus", "ignore", "hide", "show", "show_from", "prune_from"]

    /// Completes the last word of `text` (the line up to the cursor); nil when nothing matches.
    package static func complete(_ text: String, _ context: Context) -> Result? {
        let space = text.lastIndex(of: " ")
        let head = space.map { String(text[...$0]) } ?? ""
        let word = space.map { String(text[text.index(after: $0)...]) } ?? text
        let first = text.split(separator: " ").first.map(String.init) ?? ""
        let isFirst = space.map { text[..<$0].allSatisfy { $0 == " " } } ?? true

        // `name=value`: the value, by the option's kind.
        if let eq = word.firstIndex(of: "="), isFirst {
            let name = String(word[..<eq]), value = String(word[word.index(after: eq)...])
            guard let spec = CommandTable.option(named: name) else { return nil }
            let prefix = head + name + "="
            if symbolOptions.contains(name) { return names(value, context, prefix: prefix) }
            return words(value, values(of: spec, context), prefix: prefix)
        }
        if isFirst {
            return words(word, CommandTable.completions(prefix: word, sampleTypes: context.sampleTypes), prefix: head)
        }
        if first == "help" {
            return words(word, CommandTable.commands.map(\.name) + CommandTable.options.map(\.name), prefix: head)
        }
        // A report's arguments: `-re` ignores, `>file` is a file name, other words are regexes.
        guard CommandTable.command(named: first) != nil || CommandTable.command(named: String(first.prefix { !$0.isNumber })) != nil
        else { return nil }
        if word.hasPrefix(">") { return nil }
        if word.hasPrefix("-") { return names(String(word.dropFirst()), context, prefix: head + "-") }
        return names(word, context, prefix: head)
    }

    /// The values an option takes: sample types for sample_index, the choices, or booleans.
    static func values(of spec: OptionSpec, _ context: Context) -> [String] {
        if spec.name == "sample_index" { return context.sampleTypes }
        switch spec.kind {
        case .bool: return ["false", "true"]
        case .choice(let cs): return cs
        case .int, .float, .string: return []
        }
    }

    /// Plain words starting with `word`; a single full match is followed by a space, except
    /// `name=`, whose value comes next.
    static func words(_ word: String, _ all: [String], prefix: String) -> Result? {
        let matches = Array(Set(all.filter { $0.hasPrefix(word) })).sorted()
        guard let common = commonPrefix(matches) else { return nil }
        let done = matches.count == 1 && !common.hasSuffix("=")
        return Result(text: prefix + common + (done ? " " : ""), candidates: matches)
    }

    /// Function names the word begins, typed plainly or already quoted; inserted quoted.
    static func names(_ word: String, _ context: Context, prefix: String) -> Result? {
        let matches = Array(Set(context.functionNames.filter { $0.hasPrefix(word) || GoRegex.quoteMeta($0).hasPrefix(word) })).sorted()
        guard let common = commonPrefix(matches) else { return nil }
        let quoted = GoRegex.quoteMeta(common)
        // Quoting never shortens what was typed: keep the typed word when it is longer.
        let text = quoted.count >= word.count ? quoted : word
        return Result(text: prefix + text + (matches.count == 1 ? " " : ""), candidates: matches)
    }

    /// The longest prefix (in characters) of every string; nil for none.
    static func commonPrefix(_ all: [String]) -> String? {
        guard var common = all.first.map(Array.init) else { return nil }
        for s in all.dropFirst() {
            let c = Array(s)
            var n = 0
            while n < common.count, n < c.count, common[n] == c[n] { n += 1 }
            common.removeLast(common.count - n)
        }
        return String(common)
    }
}
