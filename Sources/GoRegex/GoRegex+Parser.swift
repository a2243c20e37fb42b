/// Parser for Go's regexp syntax with Perl flags (what `regexp.Compile` accepts).
///
/// Like Go's parser it works on an explicit operand stack (with `(` and `|` markers) instead of
/// recursion, so deeply nested patterns cannot overflow the call stack; the same height, size and
/// repeat-count limits apply, and errors carry Go's codes and offending text.
struct GoRegexParser {
    static let maxHeight = 1000
    /// Go's limit on the estimated program size (128 MB of 40-byte instructions).
    static let maxSize: Int64 = (128 << 20) / 40
    /// Go's limit on the total number of runes held by classes and literals.
    static let maxRunes = (128 << 20) / 4

    typealias Node = GoRegexNode
    private let src: [UInt8]
    private let whole: String
    private var flags: GoRegexFlags = [.oneLine]
    private var stack: [Node] = []
    private var numCap = 0
    /// Capturing groups seen (Go's `NumSubexp` of the result).
    var groupCount: Int { numCap }
    private var numRunes = 0

    init(_ pattern: String) {
        src = Array(pattern.utf8)
        whole = pattern
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: src[from..<Swift.min(to, src.count)], as: UTF8.self)
    }

    private func fail(_ code: GoRegexErrorCode, _ from: Int, _ to: Int) -> GoRegexSyntaxError {
        GoRegexSyntaxError(code: code, expr: text(from, to))
    }

    /// Decodes the rune at `i` (the pattern is valid UTF-8: it came from a Swift String).
    private func nextRune(_ i: Int) -> (Int32, Int) {
        let b0 = src[i]
        if b0 < 0x80 { return (Int32(b0), i + 1) }
        let len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var r = Int32(b0) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        var j = i + 1
        while j < i + len && j < src.count {
            r = (r << 6) | (Int32(src[j]) & 0x3F)
            j += 1
        }
        return (r, j)
    }

    private func byte(_ i: Int) -> UInt8? { i < src.count ? src[i] : nil }

    // MARK: - Stack

    private mutating func push(_ re: Node) throws(GoRegexSyntaxError) {
        numRunes += re.runes.count
        re.measure()
        stack.append(re)
        try checkLimits(re)
    }

    private func checkLimits(_ re: Node) throws(GoRegexSyntaxError) {
        if numRunes > Self.maxRunes || re.size > Self.maxSize {
            throw GoRegexSyntaxError(code: .internalError, expr: whole)
        }
        if re.height > Self.maxHeight {
            throw GoRegexSyntaxError(code: .nestingDepth, expr: whole)
        }
    }

    @discardableResult
    private mutating func op(_ op: Node.Op) throws(GoRegexSyntaxError) -> Node {
        let re = Node(op, flags: flags)
        try push(re)
        return re
    }

    private mutating func literal(_ r: Int32) throws(GoRegexSyntaxError) {
        let re = Node(.literal, flags: flags)
        re.runes = [flags.contains(.foldCase) ? GoRegexClass.minFoldRune(r) : r]
        try push(re)
    }

    /// Index of the first stack entry above the topmost `(` or `|` marker.
    private func operandStart() -> Int {
        var i = stack.count
        while i > 0 && !stack[i - 1].op.isPseudo { i -= 1 }
        return i
    }

    private func collapse(_ subs: [Node], _ op: Node.Op) -> Node {
        if subs.count == 1 { return subs[0] }
        let re = Node(op, flags: flags)
        for sub in subs {
            if sub.op == op { re.subs.append(contentsOf: sub.subs) } else { re.subs.append(sub) }
        }
        return re
    }

    /// Replaces the operands above the topmost marker by their concatenation.
    private mutating func concat() throws(GoRegexSyntaxError) {
        let i = operandStart()
        let subs = Array(stack[i...])
        stack.removeSubrange(i...)
        try push(subs.isEmpty ? Node(.emptyMatch, flags: flags) : collapse(subs, .concat))
    }

    /// Replaces the alternatives above the topmost `(` by their alternation.
    private mutating func alternate() throws(GoRegexSyntaxError) {
        let i = operandStart()
        let subs = Array(stack[i...])
        stack.removeSubrange(i...)
        try push(subs.isEmpty ? Node(.noMatch, flags: flags) : collapse(subs, .alternate))
    }

    /// If an operand sits on a `|` marker, moves it below the marker (collecting alternatives).
    private mutating func swapVerticalBar() -> Bool {
        let n = stack.count
        if n >= 2 && stack[n - 2].op == .verticalBar {
            stack.swapAt(n - 1, n - 2)
            return true
        }
        return false
    }

    // MARK: - Main loop

    mutating func parse() throws(GoRegexSyntaxError) -> Node {
        var t = 0
        let n = src.count
        var lastRepeat: Int?
        while t < n {
            var repeatStart: Int?
            switch src[t] {
            case UInt8(ascii: "("):
                if byte(t + 1) == UInt8(ascii: "?") {
                    t = try parsePerlFlags(t)
                } else {
                    numCap += 1
                    try op(.leftParen).cap = numCap
                    t += 1
                }
            case UInt8(ascii: "|"):
                try concat()
                if !swapVerticalBar() { try op(.verticalBar) }
                t += 1
            case UInt8(ascii: ")"):
                try parseRightParen()
                t += 1
            case UInt8(ascii: "^"):
                try op(flags.contains(.oneLine) ? .beginText : .beginLine)
                t += 1
            case UInt8(ascii: "$"):
                if flags.contains(.oneLine) {
                    try op(.endText).flags.insert(.wasDollar)
                } else {
                    try op(.endLine)
                }
                t += 1
            case UInt8(ascii: "."):
                try op(flags.contains(.dotNL) ? .anyChar : .anyCharNotNL)
                t += 1
            case UInt8(ascii: "["):
                t = try parseClass(t)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let kind: Node.Op = src[t] == UInt8(ascii: "*") ? .star : src[t] == UInt8(ascii: "+") ? .plus : .quest
                repeatStart = t
                t = try repeatTop(kind, 0, 0, before: t, after: t + 1, lastRepeat: lastRepeat)
            case UInt8(ascii: "{"):
                if let (lo, hi, after) = parseRepeat(t) {
                    if lo < 0 || lo > 1000 || hi > 1000 || (hi >= 0 && lo > hi) {
                        throw fail(.invalidRepeatSize, t, after)
                    }
                    repeatStart = t
                    t = try repeatTop(.repeatOp, lo, hi, before: t, after: after, lastRepeat: lastRepeat)
                } else {
                    try literal(Int32(UInt8(ascii: "{")))
                    t += 1
                }
            case UInt8(ascii: "\\"):
                t = try parseBackslash(t)
            default:
                let (r, next) = nextRune(t)
                try literal(r)
                t = next
            }
            lastRepeat = repeatStart
        }
        try concat()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        if stack.count != 1 { throw GoRegexSyntaxError(code: .missingParen, expr: whole) }
        return stack[0]
    }

    private mutating func parseBackslash(_ t: Int) throws(GoRegexSyntaxError) -> Int {
        switch byte(t + 1) {
        case UInt8(ascii: "A"):
            try op(.beginText)
            return t + 2
        case UInt8(ascii: "b"):
            try op(.wordBoundary)
            return t + 2
        case UInt8(ascii: "B"):
            try op(.noWordBoundary)
            return t + 2
        case UInt8(ascii: "C"):
            throw fail(.invalidEscape, t, t + 2)
        case UInt8(ascii: "Q"):
            var end = src.count
            var rest = src.count
            var j = t + 2
            while j + 1 < src.count {
                if src[j] == UInt8(ascii: "\\") && src[j + 1] == UInt8(ascii: "E") {
                    end = j
                    rest = j + 2
                    break
                }
                j += 1
            }
            var k = t + 2
            while k < end {
                let (r, next) = nextRune(k)
                try literal(r)
                k = next
            }
            return rest
        case UInt8(ascii: "z"):
            try op(.endText)
            return t + 2
        default:
            break
        }
        var cls: [Int32] = []
        var classEnd = try parseUnicodeClass(t, into: &cls)
        if classEnd == nil { classEnd = parsePerlClassEscape(t, into: &cls) }
        if let classEnd {
            let re = Node(.charClass, flags: flags)
            re.runes = cls
            try push(re)
            return classEnd
        }
        let (r, rest) = try parseEscape(t)
        try literal(r)
        return rest
    }

    // MARK: - Repetition

    /// Applies a repetition operator to the top of the stack; returns the position after it.
    private mutating func repeatTop(
        _ kind: Node.Op, _ lo: Int, _ hi: Int, before: Int, after: Int, lastRepeat: Int?
    ) throws(GoRegexSyntaxError) -> Int {
        var after = after
        var fl = flags
        if byte(after) == UInt8(ascii: "?") {
            after += 1
            fl.formSymmetricDifference(.nonGreedy)
        }
        if let lastRepeat {
            // Perl rejects stacked repetitions such as a** (a++ would mean something else).
            throw fail(.invalidRepeatOp, lastRepeat, after)
        }
        guard let sub = stack.last, !sub.op.isPseudo else {
            throw fail(.missingRepeatArgument, before, after)
        }
        let re = Node(kind, flags: fl)
        re.min = lo
        re.max = hi
        re.subs = [sub]
        re.measure()
        stack[stack.count - 1] = re
        try checkLimits(re)
        if kind == .repeatOp && (lo >= 2 || hi >= 2) && !Self.repeatIsValid(re, 1000) {
            throw fail(.invalidRepeatSize, before, after)
        }
        return after
    }

    /// Whether nested counted repetitions stay within `limit` copies of the innermost operand.
    private static func repeatIsValid(_ root: Node, _ limit: Int) -> Bool {
        var work: [(Node, Int)] = [(root, limit)]
        while let (re, budget) = work.popLast() {
            var n = budget
            if re.op == .repeatOp {
                var m = re.max
                if m == 0 { continue }
                if m < 0 { m = re.min }
                if m > n { return false }
                if m > 0 { n /= m }
            }
            for sub in re.subs { work.append((sub, n)) }
        }
        return true
    }

    /// Parses `{min}`, `{min,}` or `{min,max}` at `t`; nil if it is not of that form (then `{`
    /// is a literal). Numbers too large to represent come back as min = -1.
    private func parseRepeat(_ t: Int) -> (Int, Int, Int)? {
        var i = t + 1
        guard let (lo, afterLo) = parseInt(i) else { return nil }
        i = afterLo
        var lo2 = lo
        var hi = lo
        guard let c = byte(i) else { return nil }
        if c == UInt8(ascii: ",") {
            i += 1
            guard let c2 = byte(i) else { return nil }
            if c2 == UInt8(ascii: "}") {
                hi = -1
            } else {
                guard let (h, afterHi) = parseInt(i) else { return nil }
                hi = h
                i = afterHi
                if h < 0 { lo2 = -1 }
            }
        }
        guard byte(i) == UInt8(ascii: "}") else { return nil }
        return (lo2, hi, i + 1)
    }

    /// A decimal integer without leading zeros; -1 if it is too large.
    private func parseInt(_ start: Int) -> (Int, Int)? {
        guard let c = byte(start), isDigit(c) else { return nil }
        if c == UInt8(ascii: "0"), let d = byte(start + 1), isDigit(d) { return nil }
        var i = start
        var value = 0
        while let d = byte(i), isDigit(d) {
            if value >= 100_000_000 {
                value = -1
            } else if value >= 0 {
                value = value * 10 + Int(d - UInt8(ascii: "0"))
            }
            i += 1
        }
        return (value, i)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private func isAlnum(_ c: Int32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    // MARK: - Groups and flags

    /// Handles `(?P<name>`, `(?flags)`, `(?flags:` at `t`; returns the position after it.
    private mutating func parsePerlFlags(_ t: Int) throws(GoRegexSyntaxError) -> Int {
        let n = src.count
        if n - t > 4 && src[t + 2] == UInt8(ascii: "P") && src[t + 3] == UInt8(ascii: "<") {
            guard let end = src[t...].firstIndex(of: UInt8(ascii: ">")) else {
                throw fail(.invalidNamedCapture, t, n)
            }
            let name = src[(t + 4)..<end]
            let valid = !name.isEmpty && name.allSatisfy { isAlnum(Int32($0)) || $0 == UInt8(ascii: "_") }
            if !valid { throw fail(.invalidNamedCapture, t, end + 1) }
            numCap += 1
            try op(.leftParen).cap = numCap
            return end + 1
        }
        var i = t + 2
        var fl = flags
        var negate = false
        var sawFlag = false
        loop: while i < n {
            let (c, next) = nextRune(i)
            i = next
            switch c {
            case 0x69:  // i
                if negate { fl.remove(.foldCase) } else { fl.insert(.foldCase) }
                sawFlag = true
            case 0x6D:  // m
                if negate { fl.insert(.oneLine) } else { fl.remove(.oneLine) }
                sawFlag = true
            case 0x73:  // s
                if negate { fl.remove(.dotNL) } else { fl.insert(.dotNL) }
                sawFlag = true
            case 0x55:  // U
                if negate { fl.remove(.nonGreedy) } else { fl.insert(.nonGreedy) }
                sawFlag = true
            case 0x2D:  // -
                if negate { break loop }
                negate = true
                sawFlag = false
            case 0x3A, 0x29:  // : )
                if negate && !sawFlag { break loop }
                if c == 0x3A { try op(.leftParen) }
                flags = fl
                return i
            default:
                break loop
            }
        }
        throw fail(.invalidPerlOp, t, i)
    }

    private mutating func parseRightParen() throws(GoRegexSyntaxError) {
        try concat()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        let n = stack.count
        if n < 2 { throw GoRegexSyntaxError(code: .unexpectedParen, expr: whole) }
        let re1 = stack[n - 1]
        let re2 = stack[n - 2]
        stack.removeLast(2)
        if re2.op != .leftParen { throw GoRegexSyntaxError(code: .unexpectedParen, expr: whole) }
        flags = re2.flags
        if re2.cap == 0 {
            try push(re1)
        } else {
            re2.op = .capture
            re2.subs = [re1]
            try push(re2)
        }
    }

    // MARK: - Escapes and classes

    /// A single-rune escape at `t` (which holds a backslash).
    private func parseEscape(_ t: Int) throws(GoRegexSyntaxError) -> (Int32, Int) {
        var i = t + 1
        if i >= src.count { throw GoRegexSyntaxError(code: .trailingBackslash, expr: "") }
        let (c, afterC) = nextRune(i)
        i = afterC
        switch c {
        case 0x31...0x37, 0x30:  // octal; a lone non-zero digit would be a backreference
            if c != 0x30 {
                guard let d = byte(i), d >= 0x30, d <= 0x37 else { break }
            }
            var r = c - 0x30
            for _ in 1..<3 {
                guard let d = byte(i), d >= 0x30, d <= 0x37 else { break }
                r = r * 8 + Int32(d) - 0x30
                i += 1
            }
            return (r, i)
        case 0x78:  // x
            guard i < src.count else { break }
            let (c1, after1) = nextRune(i)
            i = after1
            if c1 == 0x7B {  // {
                var digits = 0
                var r: Int32 = 0
                while true {
                    guard i < src.count else { throw fail(.invalidEscape, t, i) }
                    let (h, afterH) = nextRune(i)
                    i = afterH
                    if h == 0x7D { break }
                    let v = h < 0x80 ? GoRegexClass.hexValue(UInt8(h)) : -1
                    if v < 0 { throw fail(.invalidEscape, t, i) }
                    r = r * 16 + Int32(v)
                    if r > GoRegexClass.maxRune { throw fail(.invalidEscape, t, i) }
                    digits += 1
                }
                if digits == 0 { break }
                return (r, i)
            }
            let x = c1 < 0x80 ? GoRegexClass.hexValue(UInt8(c1)) : -1
            guard i < src.count else { break }
            let (c2, after2) = nextRune(i)
            i = after2
            let y = c2 < 0x80 ? GoRegexClass.hexValue(UInt8(c2)) : -1
            if x < 0 || y < 0 { break }
            return (Int32(x * 16 + y), i)
        case 0x61: return (7, i)  // \a
        case 0x66: return (12, i)  // \f
        case 0x6E: return (10, i)  // \n
        case 0x72: return (13, i)  // \r
        case 0x74: return (9, i)  // \t
        case 0x76: return (11, i)  // \v
        default:
            // Escaped ASCII punctuation stands for itself; letters and digits are reserved.
            if c < 0x80 && !isAlnum(c) { return (c, i) }
        }
        throw fail(.invalidEscape, t, i)
    }

    /// `\d`-style classes at `t`; appends them to `r` and returns the position after them.
    private func parsePerlClassEscape(_ t: Int, into r: inout [Int32]) -> Int? {
        guard byte(t) == UInt8(ascii: "\\"), let letter = byte(t + 1),
            let (cls, negated) = GoRegexClass.perlGroup(letter)
        else { return nil }
        appendGroup(&r, cls, negated)
        return t + 2
    }

    private func appendGroup(_ r: inout [Int32], _ cls: [Int32], _ negated: Bool) {
        var x = cls
        if flags.contains(.foldCase) {
            var tmp: [Int32] = []
            GoRegexClass.appendFoldedClass(&tmp, cls)
            x = GoRegexClass.cleanClass(tmp)
        }
        if negated { GoRegexClass.appendNegatedClass(&r, x) } else { GoRegexClass.appendClass(&r, x) }
    }

    /// `\pL`, `\p{Greek}`, `\PN`, `\p{^Lu}` at `t`; nil if `t` does not start such an escape.
    private func parseUnicodeClass(_ t: Int, into r: inout [Int32]) throws(GoRegexSyntaxError) -> Int? {
        guard byte(t) == UInt8(ascii: "\\"), let letter = byte(t + 1),
            letter == UInt8(ascii: "p") || letter == UInt8(ascii: "P")
        else { return nil }
        var negated = letter == UInt8(ascii: "P")
        var seqEnd = t + 2
        var name = ""
        if t + 2 < src.count {
            let (c, afterC) = nextRune(t + 2)
            if c != 0x7B {
                seqEnd = afterC
                name = text(t + 2, afterC)
            } else {
                guard let close = src[t...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw fail(.invalidCharRange, t, src.count)
                }
                seqEnd = close + 1
                name = text(t + 3, close)
            }
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let (table, fold) = GoRegexClass.unicodeTable(name) else {
            throw fail(.invalidCharRange, t, seqEnd)
        }
        if flags.contains(.foldCase), let fold {
            var tmp: [Int32] = []
            GoRegexClass.appendClass(&tmp, table)
            GoRegexClass.appendClass(&tmp, fold)
            let merged = GoRegexClass.cleanClass(tmp)
            if negated { GoRegexClass.appendNegatedClass(&r, merged) } else { GoRegexClass.appendClass(&r, merged) }
        } else if negated {
            GoRegexClass.appendNegatedClass(&r, table)
        } else {
            GoRegexClass.appendClass(&r, table)
        }
        return seqEnd
    }

    /// `[:alpha:]`-style names inside a class at `t`; nil if it is not of that form.
    private func parseNamedClass(_ t: Int, into r: inout [Int32]) throws(GoRegexSyntaxError) -> Int? {
        guard byte(t) == UInt8(ascii: "["), byte(t + 1) == UInt8(ascii: ":") else { return nil }
        var j = t + 2
        while j + 1 < src.count && !(src[j] == UInt8(ascii: ":") && src[j + 1] == UInt8(ascii: "]")) { j += 1 }
        guard j + 1 < src.count else { return nil }
        var inner = text(t + 2, j)
        var negated = false
        if inner.hasPrefix("^") {
            negated = true
            inner.removeFirst()
        }
        guard let cls = GoRegexClass.posixGroups[inner] else {
            throw fail(.invalidCharRange, t, j + 2)
        }
        appendGroup(&r, cls, negated)
        return j + 2
    }

    private func parseClassChar(_ t: Int, classStart: Int) throws(GoRegexSyntaxError) -> (Int32, Int) {
        guard let c = byte(t) else { throw fail(.missingBracket, classStart, src.count) }
        if c == UInt8(ascii: "\\") { return try parseEscape(t) }
        return nextRune(t)
    }

    /// A bracketed class at `t`; pushes it and returns the position after `]`.
    private mutating func parseClass(_ t: Int) throws(GoRegexSyntaxError) -> Int {
        var i = t + 1
        var negated = false
        if byte(i) == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        var cls: [Int32] = []
        var first = true
        while first || byte(i) != UInt8(ascii: "]") {
            first = false
            if src.count - i > 2, let next = try parseNamedClass(i, into: &cls) {
                i = next
                continue
            }
            if let next = try parseUnicodeClass(i, into: &cls) {
                i = next
                continue
            }
            if let next = parsePerlClassEscape(i, into: &cls) {
                i = next
                continue
            }
            let rangeStart = i
            let (lo, afterLo) = try parseClassChar(i, classStart: t)
            i = afterLo
            var hi = lo
            if src.count - i >= 2 && src[i] == UInt8(ascii: "-") && src[i + 1] != UInt8(ascii: "]") {
                let (h, afterHi) = try parseClassChar(i + 1, classStart: t)
                hi = h
                i = afterHi
                if hi < lo { throw fail(.invalidCharRange, rangeStart, i) }
            }
            if flags.contains(.foldCase) {
                GoRegexClass.appendFoldedRange(&cls, lo, hi)
            } else {
                GoRegexClass.appendRange(&cls, lo, hi)
            }
        }
        i += 1
        cls = GoRegexClass.cleanClass(cls)
        if negated { cls = GoRegexClass.negate(cls) }
        let re = Node(.charClass, flags: flags)
        re.runes = cls
        try push(re)
        return i
    }
}
