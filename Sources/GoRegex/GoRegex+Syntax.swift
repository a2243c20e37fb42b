/// Parse tree of a Go regular expression (mirrors the ops of Go's `regexp/syntax`).
final class GoRegexNode {
    enum Op: UInt8 {
        case noMatch, emptyMatch, literal, charClass, anyCharNotNL, anyChar
        case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary
        case capture, star, plus, quest, repeatOp, concat, alternate
        // Pseudo-ops that only live on the parse stack.
        case leftParen, verticalBar

        var isPseudo: Bool { self == .leftParen || self == .verticalBar }
    }

    var op: Op
    var flags: GoRegexFlags
    /// literal: one rune; charClass: clean [lo, hi] pairs.
    var runes: [Int32] = []
    var subs: [GoRegexNode] = []
    var min = 0
    var max = 0
    /// Capture index for leftParen / capture (0 = non-capturing group).
    var cap = 0
    /// Tree height (1 for a leaf), tracked so nesting can be limited like Go (1000).
    var height = 1
    /// Go's pessimistic compiled-size estimate, tracked so huge programs are refused at parse time.
    var size: Int64 = 1
    /// Memoized simplified shape, see `GoRegexCompiler.shape`.
    var shapeCache: (GoRegexNode.Op, Bool)?

    init(_ op: Op, flags: GoRegexFlags) {
        self.op = op
        self.flags = flags
    }

    /// Recomputes height and size from the (complete) subexpressions.
    func measure() {
        var h = 1
        for sub in subs where sub.height + 1 > h { h = sub.height + 1 }
        // Go merges a run of literals with the same case folding into one literal string node,
        // so a concatenation of only such literals is a leaf there (`(((ab)))` is 4 high, not 5).
        if op == .concat, let first = subs.first,
            subs.allSatisfy({ $0.op == .literal && $0.flags.contains(.foldCase) == first.flags.contains(.foldCase) })
        {
            h = 1
        }
        height = h
        var s: Int64
        switch op {
        case .literal: s = Int64(runes.count)
        case .capture, .star: s = 2 + (subs.first?.size ?? 0)
        case .plus, .quest: s = 1 + (subs.first?.size ?? 0)
        case .concat: s = subs.reduce(0) { $0 + $1.size }
        case .alternate: s = subs.reduce(0) { $0 + $1.size } + Int64(Swift.max(subs.count - 1, 0))
        case .repeatOp:
            let sub = subs.first?.size ?? 0
            if max == -1 {
                s = min == 0 ? 2 + sub : 1 + Int64(min) * sub
            } else {
                s = Int64(max) * sub + Int64(max - min)
            }
        default: s = 1
        }
        size = Swift.max(s, 1)
    }
}

/// Parse flags (the subset of Go's `syntax.Flags` that Perl mode can change).
struct GoRegexFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let foldCase = GoRegexFlags(rawValue: 1)
    static let dotNL = GoRegexFlags(rawValue: 2)
    static let oneLine = GoRegexFlags(rawValue: 4)
    static let nonGreedy = GoRegexFlags(rawValue: 8)
    static let wasDollar = GoRegexFlags(rawValue: 16)
}

/// Go's parse error codes, spelled exactly as `regexp/syntax` prints them.
enum GoRegexErrorCode: String {
    case internalError = "regexp/syntax: internal error"
    case invalidCharClass = "invalid character class"
    case invalidCharRange = "invalid character class range"
    case invalidEscape = "invalid escape sequence"
    case invalidNamedCapture = "invalid named capture"
    case invalidPerlOp = "invalid or unsupported Perl syntax"
    case invalidRepeatOp = "invalid nested repetition operator"
    case invalidRepeatSize = "invalid repeat count"
    case missingBracket = "missing closing ]"
    case missingParen = "missing closing )"
    case missingRepeatArgument = "missing argument to repetition operator"
    case trailingBackslash = "trailing backslash at end of expression"
    case unexpectedParen = "unexpected )"
    case nestingDepth = "expression nests too deeply"
}

/// A parse failure: the code and the offending part of the expression.
struct GoRegexSyntaxError: Error {
    var code: GoRegexErrorCode
    var expr: String

    /// The message Go's `regexp.Compile` returns for this error.
    var message: String { "error parsing regexp: \(code.rawValue): `\(expr)`" }
}
