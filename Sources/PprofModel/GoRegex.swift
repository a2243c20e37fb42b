/// A regular expression with Go's RE2 syntax and semantics, as pprof's `-focus`, `-list`, `-peek`
/// and the TUI search use it.
///
/// Matching is linear in input length × pattern size (a Pike VM over an NFA, no backtracking),
/// so no pattern can hang the UI. Syntax, errors and match positions follow Go's `regexp`
/// package (verified against real Go by `Fixtures/regex/cases.tsv`).
package struct GoRegex: Sendable {
    package let pattern: String
    let program: GoRegexProgram

    /// Compiles `pattern` as Go's `regexp.Compile` does.
    /// - Throws: `PprofError` with Go's message, e.g. ``error parsing regexp: missing closing ): `(abc` ``.
    package init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            var parser = GoRegexParser(pattern)
            let tree = try parser.parse()
            program = try GoRegexCompiler.compile(tree, pattern: pattern)
        } catch {
            throw PprofError(error.message)
        }
    }

    /// True if the pattern matches anywhere in `s` (Go's `MatchString`).
    package func matches(_ s: String) -> Bool {
        withUTF8(s) { program.run($0, wantRange: false) } != nil
    }

    /// The leftmost-first match in `s` (Go's `FindStringIndex`), for highlighting search hits.
    package func firstMatch(in s: String) -> Range<String.Index>? {
        guard let (lo, hi) = withUTF8(s, { program.run($0, wantRange: true) }) else { return nil }
        let u = s.utf8
        let a = u.index(u.startIndex, offsetBy: lo)
        let b = u.index(a, offsetBy: hi - lo)
        return a..<b
    }

    /// The leftmost-first match as UTF-8 byte offsets into `s`.
    package func firstMatchOffsets(in s: String) -> Range<Int>? {
        guard let (lo, hi) = withUTF8(s, { program.run($0, wantRange: true) }) else { return nil }
        return lo..<hi
    }

    private func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }
}
