/// A regular expression with Go's RE2 syntax and semantics, as pprof's `-focus`, `-list`, `-peek`
/// and the TUI search use it.
///
/// Matching is linear in input length × pattern size (a Pike VM over an NFA, no backtracking),
/// so no pattern can hang the UI. Syntax, errors and match positions follow Go's `regexp`
/// package (verified against real Go by `Fixtures/regex/cases.tsv`).
package struct GoRegex: Sendable {
    package let pattern: String
    let program: GoRegexProgram
    /// The program with capture instructions, when the pattern has groups.
    let captureProgram: GoRegexProgram?
    /// Set when the whole pattern is one literal string: matched by byte comparison.
    package let literal: GoRegexLiteral?
    /// Number of parenthesized groups (Go's `NumSubexp`).
    package let groupCount: Int
    /// Match state, made once and reused (shared by copies of this value).
    let states: GoRegexStatePool
    let captureStates: GoRegexStatePool?

    /// Compiles `pattern` as Go's `regexp.Compile` does.
    /// - Throws: `GoRegexError` with Go's message, e.g. ``error parsing regexp: missing closing ): `(abc` ``.
    package init(_ pattern: String) throws(GoRegexError) {
        self.pattern = pattern
        do {
            var parser = GoRegexParser(pattern)
            let tree = try parser.parse()
            program = try GoRegexCompiler.compile(tree, pattern: pattern)
            literal = GoRegexLiteral(tree)
            groupCount = parser.groupCount
            captureProgram = groupCount > 0 ? try GoRegexCompiler.compile(tree, pattern: pattern, captures: true) : nil
        } catch {
            throw GoRegexError(error.message)
        }
        states = GoRegexStatePool(n: program.insts.count)
        captureStates = captureProgram.map { GoRegexStatePool(n: $0.insts.count) }
    }

    /// True if the pattern matches anywhere in `s` (Go's `MatchString`).
    package func matches(_ s: String) -> Bool {
        if let literal { return withUTF8(s) { literal.matches($0) } }
        return withUTF8(s) { run($0, wantRange: false) } != nil
    }

    /// The leftmost-first match in `s` (Go's `FindStringIndex`), for highlighting search hits.
    package func firstMatch(in s: String) -> Range<String.Index>? {
        guard let (lo, hi) = withUTF8(s, { run($0, wantRange: true) }) else { return nil }
        let u = s.utf8
        let a = u.index(u.startIndex, offsetBy: lo)
        let b = u.index(a, offsetBy: hi - lo)
        return a..<b
    }

    /// The leftmost-first match as UTF-8 byte offsets into `s`.
    package func firstMatchOffsets(in s: String) -> Range<Int>? {
        guard let (lo, hi) = withUTF8(s, { run($0, wantRange: true) }) else { return nil }
        return lo..<hi
    }

    /// Go's `FindSubmatchIndex` on bytes: the range of the whole match and of each group
    /// (nil for a group that did not take part), or nil when there is no match.
    package func submatchOffsets(_ bytes: [UInt8]) -> [Range<Int>?]? {
        let prog = captureProgram ?? program
        let pool = captureStates ?? states
        let stride = Swift.max(2 * (groupCount + 1), prog.slotCount)
        return bytes.withUnsafeBufferPointer { text in
            pool.withMachine(stride: stride) { m -> [Range<Int>?]? in
                guard prog.run(text, m, stride: stride, wantRange: true) != nil else { return nil }
                return (0...groupCount).map { g in
                    let lo = m.matchCaps[2 * g]
                    let hi = m.matchCaps[2 * g + 1]
                    return lo >= 0 && hi >= lo ? lo..<hi : nil
                }
            }
        }
    }

    /// Go's `FindSubmatch` shape: the bytes of the whole match and of each group (empty for a
    /// group that did not take part), or nil when there is no match.
    package func submatches(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard let ranges = submatchOffsets(bytes) else { return nil }
        return ranges.map { r in r.map { Array(bytes[$0]) } ?? [] }
    }

    /// How many match-state machines this regex has allocated (a test hook: sequential matches
    /// reuse one).
    package var machinesAllocated: Int { states.created }

    /// Bytes of one machine's match state for this program.
    package var matchStateBytes: Int { GoRegexMachine(n: program.insts.count, stride: 1).byteCount }

    /// Instructions in the compiled program.
    package var instructionCount: Int { program.insts.count }

    /// Runs the VM (never the literal shortcut) for the leftmost match in `s` and counts the
    /// threads it entered: a test hook, since a Pike VM's cost is bounded by
    /// (bytes + 1) x instructions per queue whatever the pattern (a backtracker's is not).
    package func threadsEntered(matching s: String) -> (matched: Bool, threads: Int) {
        withUTF8(s) { text in
            states.withMachine(stride: 1) { m in (program.run(text, m, stride: 1, wantRange: true) != nil, m.threadsEntered) }
        }
    }

    private func run(_ text: UnsafeBufferPointer<UInt8>, wantRange: Bool) -> (Int, Int)? {
        states.withMachine(stride: 1) { program.run(text, $0, stride: 1, wantRange: wantRange) }
    }

    private func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }
}

/// A pattern Go's `regexp.Compile` refuses, with Go's message (callers prefix their context).
package struct GoRegexError: Error, CustomStringConvertible, Equatable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// A pattern that is a literal string, optionally anchored with `^` and `$` (the TUI's
/// `^name$` focus, most `-focus=word` options). Filters test every function name, so these
/// skip the VM. Strings are valid UTF-8, where a byte search finds exactly the rune matches;
/// case folding and U+FFFD (which also matches invalid bytes in Go) are left to the VM.
package struct GoRegexLiteral: Sendable {
    var bytes: [UInt8]
    var atStart: Bool
    var atEnd: Bool

    init?(_ root: GoRegexNode) {
        let parts = root.op == .concat ? root.subs : [root]
        var runes: [Int32] = []
        atStart = false
        atEnd = false
        for (i, n) in parts.enumerated() {
            switch n.op {
            case .beginText where i == 0: atStart = true
            case .endText where i == parts.count - 1: atEnd = true
            case .literal where !n.flags.contains(.foldCase) && n.runes.count == 1 && n.runes[0] != 0xFFFD:
                runes.append(n.runes[0])
            default: return nil
            }
        }
        guard !runes.isEmpty else { return nil }
        var text = ""
        for r in runes {
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: r)) else { return nil }
            text.unicodeScalars.append(scalar)
        }
        bytes = Array(text.utf8)
    }

    func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard s.count >= n else { return false }
        return bytes.withUnsafeBufferPointer { b in
            func at(_ i: Int) -> Bool {
                for k in 0..<n where s[i + k] != b[k] { return false }
                return true
            }
            if atStart { return (!atEnd || s.count == n) && at(0) }
            if atEnd { return at(s.count - n) }
            for i in 0...(s.count - n) where s[i] == b[0] && at(i) { return true }
            return false
        }
    }
}
