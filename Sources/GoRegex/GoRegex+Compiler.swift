/// A compiled regular expression: a Thompson-NFA program with the same shape as Go's
/// `regexp/syntax.Prog`, so a priority-ordered NFA simulation picks the same leftmost-first match.
struct GoRegexProgram: Sendable {
    enum Op: UInt8, Sendable {
        /// Dead end (instruction 0; also the target of "no match").
        case fail
        /// Try `out` first, then `arg`.
        case alt
        /// Zero-width assertion; `arg` holds the required `EmptyFlags`.
        case empty
        case match
        case nop
        /// Rune in the class `runes[start..<start+count]` (clean lo/hi pairs).
        case runeClass
        /// Rune equal to one of `runes[start..<start+count]` (a case-folding orbit).
        case runeAnyOf
        /// Rune equal to `arg`.
        case rune1
        case runeAny
        case runeAnyNotNL
        /// Records the position in capture slot `arg` (2k opens group k, 2k+1 closes it).
        case capture
    }

    struct Inst: Sendable {
        var op: Op
        var out: UInt32 = 0
        var arg: UInt32 = 0
        var start: Int32 = 0
        var count: Int32 = 0
    }

    /// Zero-width conditions that hold between two runes (Go's `EmptyOp` bits).
    enum EmptyFlags {
        static let beginLine: UInt32 = 1
        static let endLine: UInt32 = 2
        static let beginText: UInt32 = 4
        static let endText: UInt32 = 8
        static let wordBoundary: UInt32 = 16
        static let noWordBoundary: UInt32 = 32
    }

    var insts: [Inst]
    var runes: [Int32]
    var start: Int
    /// Capture slots used, group 0 (the whole match) included: 2 × (groups + 1).
    var slotCount = 2
    /// The program can only match at the start of the text (it begins with `\A` or `^`).
    var anchoredStart = false
    /// UTF-8 bytes every match must begin with (lets the search skip ahead to candidates).
    var prefix: [UInt8] = []
    /// Bytes a match can begin with (indexed by byte), when every match must consume a rune
    /// first; lets the search skip positions that cannot start a match. Empty = no filter.
    var firstBytes: [Bool] = []
}

/// Turns a parse tree into a program, applying Go's simplifications (counted repetition expanded
/// into copies, redundant nested `*`/`+`/`?` collapsed) so thread priorities match Go's.
struct GoRegexCompiler {
    typealias Node = GoRegexNode
    typealias Inst = GoRegexProgram.Inst

    private var insts: [Inst] = [Inst(op: .fail)]
    private var runes: [Int32] = []
    private var slotCount = 2
    /// Emit capture instructions (only the submatch program needs them).
    private var captures = false
    private let limit: Int
    private let pattern: String

    /// A partial program: entry point, dangling exits (a patch list), and whether it can match "".
    private struct Frag {
        var i: UInt32 = 0
        var out = PatchList()
        var nullable = false
    }

    /// Dangling exits threaded through the very fields they will fill; an entry is
    /// `instIndex << 1 | (0 for out, 1 for arg)`, and 0 ends the list.
    private struct PatchList {
        var head: UInt32 = 0
        var tail: UInt32 = 0
        init() {}
        init(_ l: UInt32) {
            head = l
            tail = l
        }
    }

    init(pattern: String, limit: Int = Int(GoRegexParser.maxSize)) {
        self.pattern = pattern
        self.limit = limit
    }

    static func compile(_ root: Node, pattern: String, captures: Bool = false) throws(GoRegexSyntaxError)
        -> GoRegexProgram
    {
        var c = GoRegexCompiler(pattern: pattern)
        c.captures = captures
        let f = try c.compile(root)
        let m = try c.inst(.match)
        c.patch(f.out, m.i)
        var prog = GoRegexProgram(insts: c.insts, runes: c.runes, start: Int(f.i))
        prog.slotCount = c.slotCount
        prog.analyze()
        return prog
    }

    // MARK: - Patch lists

    private mutating func patch(_ l: PatchList, _ target: UInt32) {
        var p = l.head
        while p != 0 {
            let idx = Int(p >> 1)
            if p & 1 == 0 {
                p = insts[idx].out
                insts[idx].out = target
            } else {
                p = insts[idx].arg
                insts[idx].arg = target
            }
        }
    }

    private mutating func append(_ l1: PatchList, _ l2: PatchList) -> PatchList {
        if l1.head == 0 { return l2 }
        if l2.head == 0 { return l1 }
        let idx = Int(l1.tail >> 1)
        if l1.tail & 1 == 0 { insts[idx].out = l2.head } else { insts[idx].arg = l2.head }
        var l = PatchList()
        l.head = l1.head
        l.tail = l2.tail
        return l
    }

    // MARK: - Fragments

    private mutating func inst(_ op: GoRegexProgram.Op) throws(GoRegexSyntaxError) -> Frag {
        if insts.count >= limit {
            // Same refusal as Go's parser when a program would be unreasonably large.
            throw GoRegexSyntaxError(code: .internalError, expr: pattern)
        }
        insts.append(Inst(op: op))
        var f = Frag()
        f.i = UInt32(insts.count - 1)
        f.nullable = true
        return f
    }

    private mutating func nop() throws(GoRegexSyntaxError) -> Frag {
        var f = try inst(.nop)
        f.out = PatchList(f.i << 1)
        return f
    }

    private mutating func capture(_ slot: Int) throws(GoRegexSyntaxError) -> Frag {
        var f = try inst(.capture)
        insts[Int(f.i)].arg = UInt32(slot)
        slotCount = Swift.max(slotCount, slot + 1)
        f.out = PatchList(f.i << 1)
        return f
    }

    private mutating func empty(_ flag: UInt32) throws(GoRegexSyntaxError) -> Frag {
        var f = try inst(.empty)
        insts[Int(f.i)].arg = flag
        f.out = PatchList(f.i << 1)
        return f
    }

    private mutating func runeInst(_ op: GoRegexProgram.Op, _ set: [Int32], arg: UInt32 = 0) throws(GoRegexSyntaxError)
        -> Frag
    {
        var f = try inst(op)
        f.nullable = false
        let idx = Int(f.i)
        insts[idx].arg = arg
        if !set.isEmpty {
            insts[idx].start = Int32(runes.count)
            insts[idx].count = Int32(set.count)
            runes.append(contentsOf: set)
        }
        f.out = PatchList(f.i << 1)
        return f
    }

    private mutating func cat(_ f1: Frag, _ f2: Frag) -> Frag {
        if f1.i == 0 || f2.i == 0 { return Frag() }
        patch(f1.out, f2.i)
        var f = Frag()
        f.i = f1.i
        f.out = f2.out
        f.nullable = f1.nullable && f2.nullable
        return f
    }

    private mutating func alt(_ f1: Frag, _ f2: Frag) throws(GoRegexSyntaxError) -> Frag {
        if f1.i == 0 { return f2 }
        if f2.i == 0 { return f1 }
        var f = try inst(.alt)
        insts[Int(f.i)].out = f1.i
        insts[Int(f.i)].arg = f2.i
        f.out = append(f1.out, f2.out)
        f.nullable = f1.nullable || f2.nullable
        return f
    }

    private mutating func quest(_ f1: Frag, _ nonGreedy: Bool) throws(GoRegexSyntaxError) -> Frag {
        var f = try inst(.alt)
        if nonGreedy {
            insts[Int(f.i)].arg = f1.i
            f.out = PatchList(f.i << 1)
        } else {
            insts[Int(f.i)].out = f1.i
            f.out = PatchList(f.i << 1 | 1)
        }
        f.out = append(f.out, f1.out)
        return f
    }

    /// The loop of `x+` / `x*`: an alt after `x` that jumps back to it.
    private mutating func loop(_ f1: Frag, _ nonGreedy: Bool) throws(GoRegexSyntaxError) -> Frag {
        var f = try inst(.alt)
        if nonGreedy {
            insts[Int(f.i)].arg = f1.i
            f.out = PatchList(f.i << 1)
        } else {
            insts[Int(f.i)].out = f1.i
            f.out = PatchList(f.i << 1 | 1)
        }
        patch(f1.out, f.i)
        return f
    }

    private mutating func star(_ f1: Frag, _ nonGreedy: Bool) throws(GoRegexSyntaxError) -> Frag {
        if f1.nullable {
            // x* where x can match "" is compiled as (x+)? so priorities come out right (Go #46123).
            return try quest(plus(f1, nonGreedy), nonGreedy)
        }
        return try loop(f1, nonGreedy)
    }

    private mutating func plus(_ f1: Frag, _ nonGreedy: Bool) throws(GoRegexSyntaxError) -> Frag {
        var f = Frag()
        f.i = f1.i
        f.out = try loop(f1, nonGreedy).out
        f.nullable = f1.nullable
        return f
    }

    // MARK: - Simplification

    /// The op (and greediness) of `re` after Go's `Simplify`, which decides whether a
    /// repetition of it collapses (`(?:a+)+` is `a+`, a repeated empty match stays empty).
    private func shape(_ re: Node) -> (Node.Op, Bool) {
        if let cached = re.shapeCache { return cached }
        let ng = re.flags.contains(.nonGreedy)
        var result: (Node.Op, Bool)
        switch re.op {
        case .star, .plus, .quest:
            result = simplifiedShape(re.op, ng, re.subs[0])
        case .repeatOp:
            if re.min == 0 && re.max == 0 {
                result = (.emptyMatch, false)
            } else if re.max == -1 {
                result = re.min == 0 ? simplifiedShape(.star, ng, re.subs[0])
                    : re.min == 1 ? simplifiedShape(.plus, ng, re.subs[0]) : (.concat, false)
            } else if re.min == 1 && re.max == 1 {
                result = shape(re.subs[0])
            } else if re.min > 0 {
                result = (.concat, false)
            } else if re.max == 1 {
                result = simplifiedShape(.quest, ng, re.subs[0])
            } else {
                result = (.quest, ng)
            }
        default:
            result = (re.op, false)
        }
        re.shapeCache = result
        return result
    }

    private func simplifiedShape(_ op: Node.Op, _ ng: Bool, _ sub: Node) -> (Node.Op, Bool) {
        let (sop, sng) = shape(sub)
        if sop == .emptyMatch { return (.emptyMatch, false) }
        if sop == op && sng == ng { return (sop, sng) }
        return (op, ng)
    }

    /// Compiles `op` applied to `sub` as simplified: collapsed when `sub` already is that op.
    private mutating func repetition(_ op: Node.Op, _ ng: Bool, _ sub: Node) throws(GoRegexSyntaxError) -> Frag {
        let (sop, sng) = shape(sub)
        if sop == .emptyMatch || (sop == op && sng == ng) { return try compile(sub) }
        let f = try compile(sub)
        switch op {
        case .star: return try star(f, ng)
        case .plus: return try plus(f, ng)
        default: return try quest(f, ng)
        }
    }

    // MARK: - Compilation

    private mutating func compile(_ re: Node) throws(GoRegexSyntaxError) -> Frag {
        let ng = re.flags.contains(.nonGreedy)
        switch re.op {
        case .noMatch, .leftParen, .verticalBar:
            return Frag()
        case .emptyMatch:
            return try nop()
        case .literal:
            let r = re.runes.first ?? 0
            if re.flags.contains(.foldCase) && GoRegexClass.simpleFold(r) != r {
                var orbit: [Int32] = [r]
                var f = GoRegexClass.simpleFold(r)
                while f != r {
                    orbit.append(f)
                    f = GoRegexClass.simpleFold(f)
                }
                return try runeInst(.runeAnyOf, orbit)
            }
            return try runeInst(.rune1, [], arg: UInt32(bitPattern: r))
        case .charClass:
            if re.runes.count == 2 && re.runes[0] == re.runes[1] {
                return try runeInst(.rune1, [], arg: UInt32(bitPattern: re.runes[0]))
            }
            if re.runes.count == 2 && re.runes[0] == 0 && re.runes[1] == GoRegexClass.maxRune {
                return try runeInst(.runeAny, [])
            }
            if re.runes == [0, 9, 11, GoRegexClass.maxRune] { return try runeInst(.runeAnyNotNL, []) }
            if re.runes.isEmpty { return try runeInst(.runeClass, []) }
            return try runeInst(.runeClass, re.runes)
        case .anyCharNotNL:
            return try runeInst(.runeAnyNotNL, [])
        case .anyChar:
            return try runeInst(.runeAny, [])
        case .beginLine: return try empty(GoRegexProgram.EmptyFlags.beginLine)
        case .endLine: return try empty(GoRegexProgram.EmptyFlags.endLine)
        case .beginText: return try empty(GoRegexProgram.EmptyFlags.beginText)
        case .endText: return try empty(GoRegexProgram.EmptyFlags.endText)
        case .wordBoundary: return try empty(GoRegexProgram.EmptyFlags.wordBoundary)
        case .noWordBoundary: return try empty(GoRegexProgram.EmptyFlags.noWordBoundary)
        case .capture:
            // Go's bracket of capture instructions, left out where only the whole match counts.
            if !captures { return try compile(re.subs[0]) }
            let bra = try capture(re.cap << 1)
            let sub = try compile(re.subs[0])
            let ket = try capture(re.cap << 1 | 1)
            return cat(cat(bra, sub), ket)
        case .star, .plus, .quest:
            return try repetition(re.op, ng, re.subs[0])
        case .repeatOp:
            return try compileRepeat(re, ng)
        case .concat:
            guard let first = re.subs.first else { return try nop() }
            var f = try compile(first)
            for sub in re.subs.dropFirst() { f = try cat(f, compile(sub)) }
            return f
        case .alternate:
            var f = Frag()
            for sub in re.subs { f = try alt(f, compile(sub)) }
            return f
        }
    }

    /// `x{n}`, `x{n,}`, `x{n,m}` expanded as Go does: `x{2,5}` is `xx(x(x(x)?)?)?`.
    private mutating func compileRepeat(_ re: Node, _ ng: Bool) throws(GoRegexSyntaxError) -> Frag {
        let sub = re.subs[0]
        if re.min == 0 && re.max == 0 { return try nop() }
        if re.max == -1 {
            if re.min == 0 { return try repetition(.star, ng, sub) }
            if re.min == 1 { return try repetition(.plus, ng, sub) }
            var f = try compile(sub)
            for _ in 0..<(re.min - 2) { f = try cat(f, compile(sub)) }
            return try cat(f, repetition(.plus, ng, sub))
        }
        if re.min == 1 && re.max == 1 { return try compile(sub) }
        var prefix: Frag?
        if re.min > 0 {
            var f = try compile(sub)
            for _ in 1..<re.min { f = try cat(f, compile(sub)) }
            prefix = f
        }
        if re.max > re.min {
            var suffix = try repetition(.quest, ng, sub)
            if re.max - re.min >= 2 {
                for _ in (re.min + 1)..<re.max {
                    // Built inside out; instruction order does not affect matching.
                    suffix = try quest(cat(compile(sub), suffix), ng)
                }
            }
            guard let prefix else { return suffix }
            return cat(prefix, suffix)
        }
        return prefix ?? Frag()
    }
}

extension GoRegexProgram {
    /// Follows no-ops and capture instructions from `pc` (Go's `skipNop`).
    func skipNop(_ pc: Int) -> Int {
        var pc = pc
        var guardCount = 0
        while insts[pc].op == .nop || insts[pc].op == .capture, guardCount < insts.count {
            pc = Int(insts[pc].out)
            guardCount += 1
        }
        return pc
    }

    /// Finds the start anchor and the literal prefix that every match must begin with.
    mutating func analyze() {
        var pc = skipNop(start)
        var flags: UInt32 = 0
        while insts[pc].op == .empty {
            flags |= insts[pc].arg
            pc = skipNop(Int(insts[pc].out))
        }
        anchoredStart = flags & EmptyFlags.beginText != 0
        if flags != 0 { return }
        firstBytes = startBytes()
        var bytes: [UInt8] = []
        while insts[pc].op == .rune1, let scalar = Unicode.Scalar(insts[pc].arg) {
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            pc = skipNop(Int(insts[pc].out))
        }
        prefix = bytes
    }

    /// The possible first bytes of a match, or [] if the start can match without consuming a rune
    /// (an assertion or an empty match) or any byte can start one.
    private func startBytes() -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        var seen = Set<Int>()
        var work = [start]
        func lead(_ r: Int32) -> Int {
            guard let scalar = Unicode.Scalar(UInt32(r)) else { return 0xED }  // surrogates: never in input
            return Int(UTF8.encode(scalar)?.first ?? 0)
        }
        while let pc = work.popLast() {
            if !seen.insert(pc).inserted { continue }
            let inst = insts[pc]
            switch inst.op {
            case .fail: break
            case .alt:
                work.append(Int(inst.out))
                work.append(Int(inst.arg))
            case .nop, .capture: work.append(Int(inst.out))
            case .empty, .match, .runeAny, .runeAnyNotNL: return []
            case .rune1: table[lead(Int32(bitPattern: inst.arg))] = true
            case .runeAnyOf:
                for k in Int(inst.start)..<Int(inst.start + inst.count) { table[lead(runes[k])] = true }
            case .runeClass:
                var k = Int(inst.start)
                while k + 1 < Int(inst.start + inst.count) {
                    // UTF-8 preserves code point order, so lead bytes of a range form a range.
                    let lo = lead(runes[k])
                    let hi = lead(Swift.min(runes[k + 1], GoRegexClass.maxRune))
                    if lo <= hi { for b in lo...hi { table[b] = true } }
                    k += 2
                }
            }
        }
        // Continuation bytes never start a rune: the byte scan must not stop inside one.
        for b in 0x80...0xBF { table[b] = false }
        return table.enumerated().allSatisfy { $0.element || (0x80...0xBF).contains($0.offset) } ? [] : table
    }
}
