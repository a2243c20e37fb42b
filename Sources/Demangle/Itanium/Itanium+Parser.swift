/// The Itanium C++ ABI name parser, following the grammar and the quirks of
/// github.com/ianlancetaylor/demangle (the package pprof's symbolizer calls), so that the tree
/// it builds prints the same text. Errors are thrown; recursion is bounded so hostile names
/// cannot exhaust the stack.
struct DemangleFailure: Error {}

final class ItaniumParser {
    let s: [UInt8]
    var pos: Int
    let verbose: Bool
    var subs: [ItaniumNode] = []
    var templates: [ItaniumNode?] = []
    /// Templates created while parsing lambdas are only referenced weakly from their
    /// parameters; this keeps every such target alive until printing is done.
    var keep: [ItaniumNode] = []
    /// Number of entries in `templates` when a lambda started, plus 1 (0: not in a lambda).
    var lambdaTemplateLevel = 0
    var typeTemplateParamCount = 0
    var nonTypeTemplateParamCount = 0
    var templateTemplateParamCount = 0
    var depth = 0
    /// Standard substitutions, per parse so that identity comparisons work (`St`, `Sa`...).
    lazy var subAST: [UInt8: ItaniumNode] = Self.makeSubAST(verbose: false)
    lazy var verboseAST: [UInt8: ItaniumNode] = Self.makeSubAST(verbose: true)

    /// Grammar nesting allowed: generous on a demangling stack, small anywhere else.
    let maxDepth = DemangleStack.depthLimit(inline: 96)

    init(_ bytes: [UInt8], start: Int, verbose: Bool) {
        s = bytes
        pos = start
        self.verbose = verbose
    }

    // MARK: - Cursor

    @inline(__always) func at(_ i: Int) -> UInt8 {
        let p = pos + i
        return p < s.count ? s[p] : 0
    }
    var rem: Int { s.count - pos }
    var atEnd: Bool { pos >= s.count }
    func advance(_ n: Int) throws {
        if rem < n { throw DemangleFailure() }
        pos += n
    }
    func checkChar(_ c: UInt8) throws {
        if at(0) != c || atEnd { throw DemangleFailure() }
        pos += 1
    }
    func fail() -> DemangleFailure { DemangleFailure() }
    func string(_ from: Int, _ to: Int) -> String { String(decoding: s[from..<to], as: UTF8.self) }
    func hasPrefix(_ p: String) -> Bool {
        var i = 0
        for c in p.utf8 {
            if at(i) != c || pos + i >= s.count { return false }
            i += 1
        }
        return true
    }

    func enter() throws {
        depth += 1
        if depth > maxDepth { throw DemangleFailure() }
    }
    func leave() { depth -= 1 }

    struct Snapshot {
        var pos: Int
        var subs: [ItaniumNode]
        var templates: [ItaniumNode?]
        var lambdaTemplateLevel: Int
        var counts: (Int, Int, Int)
        var depth: Int
    }
    func snapshot() -> Snapshot {
        Snapshot(
            pos: pos, subs: subs, templates: templates, lambdaTemplateLevel: lambdaTemplateLevel,
            counts: (typeTemplateParamCount, nonTypeTemplateParamCount, templateTemplateParamCount), depth: depth)
    }
    func restore(_ x: Snapshot) {
        pos = x.pos
        subs = x.subs
        templates = x.templates
        lambdaTemplateLevel = x.lambdaTemplateLevel
        (typeTemplateParamCount, nonTypeTemplateParamCount, templateTemplateParamCount) = x.counts
        depth = x.depth
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }

    // MARK: - Encoding

    enum LocalKind { case forLocalName, notForLocalName }

    func encoding(params: Bool, _ local: LocalKind) throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if atEnd { throw fail() }
        if at(0) == UInt8(ascii: "G") || at(0) == UInt8(ascii: "T") { return try specialName() }

        var a = try name()
        a = simplify(a)

        if !params {
            if a.kind == .methodWithQualifiers, let m = a.kid(0) { a = m }
            if a.kind == .qualified && a.flag {
                var holder = a
                var idx = 1
                if let da = a.kid(1), da.kind == .defaultArg {
                    holder = da
                    idx = 0
                }
                if let mwq = holder.kid(idx), mwq.kind == .methodWithQualifiers {
                    holder.kids[idx] = mwq.kid(0)
                }
            }
            return a
        }

        if atEnd || at(0) == UInt8(ascii: "E") { return a }

        let mwq = a.kind == .methodWithQualifiers ? a : nil

        func findTemplate(_ check: ItaniumNode?) -> ItaniumNode? {
            guard let check else { return nil }
            switch check.kind {
            case .template:
                return check
            case .qualified:
                if check.flag { return findTemplate(check.kid(1)) }
                if check.kid(1)?.kind == .constructor { return findTemplate(check.kid(1)) }
            case .methodWithQualifiers:
                return findTemplate(check.kid(0))
            case .constructor:
                if let b = check.kid(1) { return findTemplate(b) }
            default:
                break
            }
            return nil
        }
        let template = findTemplate(a)
        var oldLambdaTemplateLevel = 0
        if let template {
            templates.append(template)
            oldLambdaTemplateLevel = lambdaTemplateLevel
            lambdaTemplateLevel = 0
        }

        var enableIfArgs: [ItaniumNode] = []
        if hasPrefix("Ua9enable_ifI") {
            try advance("Ua9enable_ifI".utf8.count - 1)
            enableIfArgs = try templateArgs()
        }

        var ft = try bareFunctionType(hasReturnType: hasReturnType(a))

        if template != nil {
            templates.removeLast()
            lambdaTemplateLevel = oldLambdaTemplateLevel
        }

        ft = simplify(ft)

        if local == .forLocalName && ft.kind == .functionType { ft.flag = true }

        if let mwq {
            if let m = mwq.kid(0) { a = m }
            mwq.kids[0] = ft
            ft = mwq
        }
        if a.kind == .qualified && a.flag {
            var holder = a
            var idx = 1
            if let da = a.kid(1), da.kind == .defaultArg {
                holder = da
                idx = 0
            }
            if let m = holder.kid(idx), m.kind == .methodWithQualifiers {
                holder.kids[idx] = m.kid(0)
                m.kids[0] = ft
                ft = m
            }
        }

        var r = ItaniumNode(.typed, [a, ft])
        if !enableIfArgs.isEmpty { r = ItaniumNode(.enableIf, [r] + enableIfArgs) }
        return r
    }

    func hasReturnType(_ a: ItaniumNode?) -> Bool {
        guard let a else { return false }
        switch a.kind {
        case .qualified:
            return a.flag ? hasReturnType(a.kid(1)) : false
        case .template:
            return !isCDtorConversion(a.kid(0))
        case .typeWithQualifiers, .methodWithQualifiers:
            return hasReturnType(a.kid(0))
        default:
            return false
        }
    }

    func isCDtorConversion(_ a: ItaniumNode?) -> Bool {
        guard let a else { return false }
        switch a.kind {
        case .qualified: return isCDtorConversion(a.kid(1))
        case .constructor, .destructor, .cast: return true
        default: return false
        }
    }

    func taggedName(_ a0: ItaniumNode) throws -> ItaniumNode {
        var a = a0
        while at(0) == UInt8(ascii: "B") && !atEnd {
            try advance(1)
            let tag = try sourceName()
            a = ItaniumNode(.taggedName, [a, tag])
        }
        return a
    }

    // MARK: - Names

    func name() throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if atEnd { throw fail() }
        switch at(0) {
        case UInt8(ascii: "N"):
            return try nestedName()
        case UInt8(ascii: "Z"):
            return try localName()
        case UInt8(ascii: "U"):
            let (a, isCast) = try unqualifiedName()
            if isCast { try setTemplate(a, nil) }
            return a
        case UInt8(ascii: "S"):
            if rem < 2 { throw fail() }
            var a: ItaniumNode
            var isCast = false
            var subst = false
            if at(1) == UInt8(ascii: "t") {
                try advance(2)
                let (u, c) = try unqualifiedName()
                isCast = c
                a = .qualified(.name("std"), u, local: false)
            } else {
                a = try substitution(forPrefix: false)
                subst = true
            }
            if at(0) == UInt8(ascii: "I") && !atEnd {
                if !subst { subs.append(a) }
                let args = try templateArgs()
                let tmpl = ItaniumNode.template(a, args)
                if isCast {
                    try setTemplate(a, tmpl)
                    try clearTemplateArgs(args)
                    isCast = false
                }
                a = tmpl
            }
            if isCast { try setTemplate(a, nil) }
            return a
        default:
            var (a, isCast) = try unqualifiedName()
            if at(0) == UInt8(ascii: "I") && !atEnd {
                subs.append(a)
                let args = try templateArgs()
                let tmpl = ItaniumNode.template(a, args)
                if isCast {
                    try setTemplate(a, tmpl)
                    try clearTemplateArgs(args)
                    isCast = false
                }
                a = tmpl
            }
            if isCast { try setTemplate(a, nil) }
            return a
        }
    }

    func nestedName() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "N"))
        let q = try cvQualifiers()
        let r = refQualifier()
        var a = try prefix()
        if q != nil || !r.isEmpty { a = .methodWithQualifiers(a, q, r) }
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        return a
    }

    func prefix() throws -> ItaniumNode {
        var a: ItaniumNode?
        var last: ItaniumNode?
        func getLast(_ x: ItaniumNode) -> ItaniumNode {
            var x = x
            while true {
                switch x.kind {
                case .template, .taggedName:
                    guard let n = x.kid(0) else { return x }
                    x = n
                case .qualified:
                    guard let n = x.kid(1) else { return x }
                    x = n
                default:
                    return x
                }
            }
        }
        var isCast = false
        while true {
            if atEnd { throw fail() }
            var next: ItaniumNode
            let c = at(0)
            if Self.isDigit(c) || Self.isLower(c) || c == UInt8(ascii: "U") || c == UInt8(ascii: "L")
                || (c == UInt8(ascii: "D") && at(1) == UInt8(ascii: "C"))
            {
                let (un, isUnCast) = try unqualifiedName()
                next = un
                if isUnCast { isCast = true }
            } else {
                switch c {
                case UInt8(ascii: "C"):
                    var inheriting = false
                    try advance(1)
                    if at(0) == UInt8(ascii: "I") && !atEnd {
                        inheriting = true
                        try advance(1)
                    }
                    if atEnd { throw fail() }
                    guard let last else { throw fail() }
                    try advance(1)
                    var base: ItaniumNode?
                    if inheriting { base = try demangleType(isCast: false) }
                    next = ItaniumNode(.constructor, [getLast(last), base])
                    if at(0) == UInt8(ascii: "B") && !atEnd { next = try taggedName(next) }
                case UInt8(ascii: "D"):
                    if at(1) == UInt8(ascii: "T") || at(1) == UInt8(ascii: "t") {
                        next = try demangleType(isCast: false)
                    } else {
                        if rem < 2 { throw fail() }
                        guard let last else { throw fail() }
                        try advance(2)
                        next = ItaniumNode(.destructor, [getLast(last)])
                        if at(0) == UInt8(ascii: "B") && !atEnd { next = try taggedName(next) }
                    }
                case UInt8(ascii: "S"):
                    next = try substitution(forPrefix: true)
                case UInt8(ascii: "I"):
                    guard let cur = a else { throw fail() }
                    let args = try templateArgs()
                    let tmpl = ItaniumNode.template(cur, args)
                    if isCast {
                        try setTemplate(cur, tmpl)
                        try clearTemplateArgs(args)
                        isCast = false
                    }
                    a = nil
                    next = tmpl
                case UInt8(ascii: "T"):
                    next = try templateParam()
                case UInt8(ascii: "E"):
                    guard let cur = a else { throw fail() }
                    if isCast { try setTemplate(cur, nil) }
                    return cur
                case UInt8(ascii: "M"):
                    if a == nil { throw fail() }
                    try advance(1)
                    continue
                case UInt8(ascii: "J"):
                    guard let cur = a else { throw fail() }
                    var args: [ItaniumNode] = []
                    while atEnd || at(0) != UInt8(ascii: "E") {
                        args.append(try templateArg())
                    }
                    try advance(1)
                    let tmpl = ItaniumNode.template(cur, args)
                    if isCast {
                        try setTemplate(cur, tmpl)
                        try clearTemplateArgs(args)
                        isCast = false
                    }
                    a = nil
                    next = tmpl
                default:
                    throw fail()
                }
            }
            last = next
            if let cur = a {
                a = .qualified(cur, next, local: false)
            } else {
                a = next
            }
            if c != UInt8(ascii: "S") && (atEnd || at(0) != UInt8(ascii: "E")), let cur = a {
                subs.append(cur)
            }
        }
    }

    func unqualifiedName() throws -> (ItaniumNode, Bool) {
        if atEnd { throw fail() }
        var a: ItaniumNode
        var isCast = false
        let c = at(0)
        if Self.isDigit(c) {
            a = try sourceName()
        } else if Self.isLower(c) {
            a = try operatorName(inExpression: false).0
            if a.kind == .cast { isCast = true }
            if a.kind == .operator && a.text == "operator\"\" " {
                let n = try sourceName()
                a = .unary(a, n)
            }
        } else if c == UInt8(ascii: "D") && at(1) == UInt8(ascii: "C") {
            var bindings: [ItaniumNode] = []
            try advance(2)
            while true {
                bindings.append(try sourceName())
                if at(0) == UInt8(ascii: "E") && !atEnd {
                    try advance(1)
                    break
                }
            }
            a = ItaniumNode(.structuredBindings, bindings)
        } else {
            switch c {
            case UInt8(ascii: "L"):
                try advance(1)
                a = try sourceName()
                a = try discriminator(a)
            case UInt8(ascii: "U"):
                if rem < 2 { throw fail() }
                switch at(1) {
                case UInt8(ascii: "b"):
                    try advance(2)
                    _ = try compactNumber()
                    a = .name("'block-literal'")
                case UInt8(ascii: "l"):
                    a = try closureTypeName()
                case UInt8(ascii: "t"):
                    a = try unnamedTypeName()
                default:
                    throw fail()
                }
            default:
                throw fail()
            }
        }
        if at(0) == UInt8(ascii: "B") && !atEnd { a = try taggedName(a) }
        return (a, isCast)
    }

    func sourceName() throws -> ItaniumNode {
        let val = try number()
        if val <= 0 { throw fail() }
        if rem < val { throw fail() }
        var id = string(pos, pos + val)
        let raw = s[pos..<(pos + val)]
        try advance(val)
        let anon = Array("_GLOBAL_".utf8)
        if raw.count > anon.count + 2 && raw.starts(with: anon) {
            let c1 = raw[raw.startIndex + anon.count]
            let c2 = raw[raw.startIndex + anon.count + 1]
            if (c1 == UInt8(ascii: ".") || c1 == UInt8(ascii: "_") || c1 == UInt8(ascii: "$")) && c2 == UInt8(ascii: "N") {
                id = "(anonymous namespace)"
            }
        }
        return .name(id)
    }

    func number() throws -> Int {
        var neg = false
        if at(0) == UInt8(ascii: "n") && !atEnd {
            neg = true
            try advance(1)
        }
        if atEnd || !Self.isDigit(at(0)) { throw fail() }
        var val = 0
        while !atEnd && Self.isDigit(at(0)) {
            if val >= 0x8000_0000 / 10 - 10 { throw fail() }
            val = val * 10 + Int(at(0) - 48)
            try advance(1)
        }
        return neg ? -val : val
    }

    func seqID(eofOK: Bool) throws -> Int {
        if at(0) == UInt8(ascii: "_") && !atEnd {
            try advance(1)
            return 0
        }
        var id = 0
        while true {
            if atEnd {
                if eofOK { return id + 1 }
                throw fail()
            }
            if id >= 0x8000_0000 / 36 - 36 { throw fail() }
            let c = at(0)
            if c == UInt8(ascii: "_") {
                try advance(1)
                return id + 1
            }
            if Self.isDigit(c) {
                id = id * 36 + Int(c - 48)
            } else if Self.isUpper(c) {
                id = id * 36 + Int(c - 65) + 10
            } else {
                throw fail()
            }
            try advance(1)
        }
    }
}
