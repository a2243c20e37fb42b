/// A small regular-expression engine with submatches, for the fixed patterns of pprof's legacy
/// parsers (`GoRegex` reports only whole matches).
///
/// Patterns use the subset of Go syntax those parsers need: literals, `.`, `\s \S \d \w`,
/// `[...]` with ranges and `[:xdigit:]`/`[:digit:]`, `(...)`, `(?:...)`, `|`, greedy `* + ?`,
/// and `^ $ \A \z` (text anchors). Matching is a backtracker over bytes that marks each
/// (instruction, position) pair once (RE2's "bit state"), so it finds the same leftmost-first
/// submatches as Go's `FindSubmatch` in O(pattern × text) time; callers bound the text length.
package struct LegacyRegex: Sendable {
    enum Inst: Sendable {
        case byte(ByteSet)
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case beginText
        case endText
        case match
    }

    /// A set of bytes as a 256-bit map.
    struct ByteSet: Sendable {
        var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        func contains(_ b: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: return bits.0 & bit != 0
            case 1: return bits.1 & bit != 0
            case 2: return bits.2 & bit != 0
            default: return bits.3 & bit != 0
            }
        }
        mutating func insert(_ b: UInt8) {
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
        mutating func insert(_ lo: UInt8, _ hi: UInt8) {
            guard lo <= hi else { return }
            for b in lo...hi { insert(b) }
        }
        mutating func formUnion(_ o: ByteSet) {
            bits = (bits.0 | o.bits.0, bits.1 | o.bits.1, bits.2 | o.bits.2, bits.3 | o.bits.3)
        }
        func inverted() -> ByteSet {
            var s = ByteSet()
            s.bits = (~bits.0, ~bits.1, ~bits.2, ~bits.3)
            return s
        }
    }

    let insts: [Inst]
    /// Number of capture groups, group 0 (the whole match) included.
    let groups: Int
    let anchored: Bool

    /// Compiles a fixed pattern; nil if it is outside the supported subset (a programming error
    /// that callers report as an error, never a trap).
    package init?(_ pattern: String) {
        var parser = LegacyRegexParser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd else { return nil }
        var c = LegacyRegexCompiler()
        c.emit(.save(0))
        c.compile(node)
        c.emit(.save(1))
        c.emit(.match)
        insts = c.insts
        groups = parser.groupCount + 1
        anchored = node.startsWithBeginText
    }

    /// Go's `FindSubmatchIndex`: byte ranges of each group of the leftmost-first match (nil for a
    /// group that did not participate), or nil when there is no match.
    func match(_ text: [UInt8]) -> [Range<Int>?]? {
        let n = text.count
        let width = n + 1
        let (total, overflow) = insts.count.multipliedReportingOverflow(by: width)
        if overflow { return nil }
        var visited = [UInt64](repeating: 0, count: (total + 63) / 64)
        var caps = [Int](repeating: -1, count: groups * 2)
        // A job either runs (pc, pos) or restores capture slot `pc` to `pos`.
        var jobs: [(pc: Int, pos: Int, restore: Bool)] = []
        let lastStart = anchored ? 0 : n
        for start in 0...lastStart {
            jobs.append((0, start, false))
            while let job = jobs.popLast() {
                if job.restore {
                    caps[job.pc] = job.pos
                    continue
                }
                var pc = job.pc
                var pos = job.pos
                while true {
                    let key = pc * width + pos
                    if visited[key >> 6] & (1 << UInt64(key & 63)) != 0 { break }
                    visited[key >> 6] |= 1 << UInt64(key & 63)
                    switch insts[pc] {
                    case .byte(let set):
                        guard pos < n, set.contains(text[pos]) else { break }
                        pc += 1
                        pos += 1
                        continue
                    case .split(let a, let b):
                        jobs.append((b, pos, false))
                        pc = a
                        continue
                    case .jump(let a):
                        pc = a
                        continue
                    case .save(let slot):
                        jobs.append((slot, caps[slot], true))
                        caps[slot] = pos
                        pc += 1
                        continue
                    case .beginText:
                        guard pos == 0 else { break }
                        pc += 1
                        continue
                    case .endText:
                        guard pos == n else { break }
                        pc += 1
                        continue
                    case .match:
                        return (0..<groups).map { g in
                            let lo = caps[2 * g]
                            let hi = caps[2 * g + 1]
                            return lo >= 0 && hi >= lo ? lo..<hi : nil
                        }
                    }
                    break
                }
            }
        }
        return nil
    }

    /// Go's `FindStringSubmatch` shape: every group as bytes ("" when it did not participate).
    package func submatches(_ text: [UInt8]) -> [[UInt8]]? {
        guard let ranges = match(text) else { return nil }
        return ranges.map { r in r.map { Array(text[$0]) } ?? [] }
    }
}

indirect enum LegacyRegexNode {
    case set(LegacyRegex.ByteSet)
    case concat([LegacyRegexNode])
    case alternate([LegacyRegexNode])
    case capture(Int, LegacyRegexNode)
    case star(LegacyRegexNode)
    case plus(LegacyRegexNode)
    case quest(LegacyRegexNode)
    case beginText
    case endText

    var startsWithBeginText: Bool {
        switch self {
        case .beginText: return true
        case .concat(let parts): return parts.first?.startsWithBeginText ?? false
        case .capture(_, let sub): return sub.startsWithBeginText
        default: return false
        }
    }
}

struct LegacyRegexParser {
    let p: [UInt8]
    var i = 0
    var groupCount = 0
    init(_ p: [UInt8]) { self.p = p }
    var atEnd: Bool { i >= p.count }

    static let space: LegacyRegex.ByteSet = {
        var s = LegacyRegex.ByteSet()
        for b in [UInt8(9), 10, 12, 13, 32] { s.insert(b) }
        return s
    }()
    static let digit: LegacyRegex.ByteSet = {
        var s = LegacyRegex.ByteSet()
        s.insert(UInt8(ascii: "0"), UInt8(ascii: "9"))
        return s
    }()
    static let word: LegacyRegex.ByteSet = {
        var s = digit
        s.insert(UInt8(ascii: "a"), UInt8(ascii: "z"))
        s.insert(UInt8(ascii: "A"), UInt8(ascii: "Z"))
        s.insert(UInt8(ascii: "_"))
        return s
    }()
    static let xdigit: LegacyRegex.ByteSet = {
        var s = digit
        s.insert(UInt8(ascii: "a"), UInt8(ascii: "f"))
        s.insert(UInt8(ascii: "A"), UInt8(ascii: "F"))
        return s
    }()

    mutating func parseAlternation() -> LegacyRegexNode? {
        var alts: [LegacyRegexNode] = []
        while true {
            guard let c = parseConcat() else { return nil }
            alts.append(c)
            if i < p.count && p[i] == UInt8(ascii: "|") {
                i += 1
                continue
            }
            break
        }
        return alts.count == 1 ? alts[0] : .alternate(alts)
    }

    mutating func parseConcat() -> LegacyRegexNode? {
        var parts: [LegacyRegexNode] = []
        while i < p.count && p[i] != UInt8(ascii: "|") && p[i] != UInt8(ascii: ")") {
            guard var atom = parseAtom() else { return nil }
            while i < p.count {
                switch p[i] {
                case UInt8(ascii: "*"): atom = .star(atom)
                case UInt8(ascii: "+"): atom = .plus(atom)
                case UInt8(ascii: "?"): atom = .quest(atom)
                default: break
                }
                if p[i] == UInt8(ascii: "*") || p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "?") {
                    i += 1
                } else {
                    break
                }
            }
            parts.append(atom)
        }
        return .concat(parts)
    }

    mutating func parseAtom() -> LegacyRegexNode? {
        let c = p[i]
        i += 1
        switch c {
        case UInt8(ascii: "("):
            var index = -1
            if i + 1 < p.count && p[i] == UInt8(ascii: "?") && p[i + 1] == UInt8(ascii: ":") {
                i += 2
            } else {
                groupCount += 1
                index = groupCount
            }
            guard let sub = parseAlternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
            i += 1
            return index < 0 ? sub : .capture(index, sub)
        case UInt8(ascii: "["):
            return parseClass().map { .set($0) }
        case UInt8(ascii: "."):
            var nl = LegacyRegex.ByteSet()
            nl.insert(10)
            return .set(nl.inverted())
        case UInt8(ascii: "^"):
            return .beginText
        case UInt8(ascii: "$"):
            return .endText
        case UInt8(ascii: "\\"):
            guard i < p.count else { return nil }
            let e = p[i]
            i += 1
            if e == UInt8(ascii: "A") { return .beginText }
            if e == UInt8(ascii: "z") { return .endText }
            return Self.escapeSet(e).map { .set($0) }
        default:
            var s = LegacyRegex.ByteSet()
            s.insert(c)
            return .set(s)
        }
    }

    static func escapeSet(_ e: UInt8) -> LegacyRegex.ByteSet? {
        switch e {
        case UInt8(ascii: "s"): return space
        case UInt8(ascii: "S"): return space.inverted()
        case UInt8(ascii: "d"): return digit
        case UInt8(ascii: "w"): return word
        default:
            // Only punctuation may be escaped to stand for itself.
            let isAlnum = word.contains(e)
            if isAlnum { return nil }
            var s = LegacyRegex.ByteSet()
            s.insert(e)
            return s
        }
    }

    mutating func parseClass() -> LegacyRegex.ByteSet? {
        var set = LegacyRegex.ByteSet()
        var negate = false
        if i < p.count && p[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var first = true
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "]") && !first {
                i += 1
                return negate ? set.inverted() : set
            }
            first = false
            if c == UInt8(ascii: "[") && i + 1 < p.count && p[i + 1] == UInt8(ascii: ":") {
                let rest = p[(i + 2)...]
                if rest.starts(with: Array("xdigit:]".utf8)) {
                    set.formUnion(Self.xdigit)
                    i += 2 + 8
                    continue
                }
                if rest.starts(with: Array("digit:]".utf8)) {
                    set.formUnion(Self.digit)
                    i += 2 + 7
                    continue
                }
                return nil
            }
            var lo = c
            i += 1
            if c == UInt8(ascii: "\\") {
                guard i < p.count, let esc = Self.escapeSet(p[i]) else { return nil }
                let e = p[i]
                i += 1
                if Self.word.contains(e) {
                    set.formUnion(esc)
                    continue
                }
                lo = e
            }
            if i + 1 < p.count && p[i] == UInt8(ascii: "-") && p[i + 1] != UInt8(ascii: "]") {
                let hi = p[i + 1]
                i += 2
                set.insert(lo, hi)
            } else {
                set.insert(lo)
            }
        }
        return nil
    }
}

struct LegacyRegexCompiler {
    var insts: [LegacyRegex.Inst] = []

    mutating func emit(_ inst: LegacyRegex.Inst) { insts.append(inst) }

    mutating func compile(_ node: LegacyRegexNode) {
        switch node {
        case .set(let s):
            emit(.byte(s))
        case .concat(let parts):
            for part in parts { compile(part) }
        case .capture(let index, let sub):
            emit(.save(2 * index))
            compile(sub)
            emit(.save(2 * index + 1))
        case .beginText:
            emit(.beginText)
        case .endText:
            emit(.endText)
        case .star(let sub):
            let loop = insts.count
            emit(.split(0, 0))
            compile(sub)
            emit(.jump(loop))
            insts[loop] = .split(loop + 1, insts.count)
        case .plus(let sub):
            let top = insts.count
            compile(sub)
            emit(.split(top, insts.count + 1))
        case .quest(let sub):
            let at = insts.count
            emit(.split(0, 0))
            compile(sub)
            insts[at] = .split(at + 1, insts.count)
        case .alternate(let alts):
            var jumps: [Int] = []
            for (k, alt) in alts.enumerated() {
                if k == alts.count - 1 {
                    compile(alt)
                } else {
                    let at = insts.count
                    emit(.split(0, 0))
                    compile(alt)
                    jumps.append(insts.count)
                    emit(.jump(0))
                    insts[at] = .split(at + 1, insts.count)
                }
            }
            for j in jumps { insts[j] = .jump(insts.count) }
        }
    }
}
