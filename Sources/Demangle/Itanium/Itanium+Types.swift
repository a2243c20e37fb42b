/// Operators, special names, local names and types of the Itanium grammar.
extension ItaniumParser {
    static let operators: [String: (String, Int)] = [
        "aN": ("&=", 2), "aS": ("=", 2), "aa": ("&&", 2), "ad": ("&", 1), "an": ("&", 2),
        "at": ("alignof ", 1), "aw": ("co_await ", 1), "az": ("alignof ", 1), "cc": ("const_cast", 2),
        "cl": ("()", 2), "cp": ("()", 2), "cm": (",", 2), "co": ("~", 1), "dV": ("/=", 2),
        "dX": ("[...]=", 3), "da": ("delete[] ", 1), "dc": ("dynamic_cast", 2), "de": ("*", 1),
        "di": ("=", 2), "dl": ("delete ", 1), "ds": (".*", 2), "dt": (".", 2), "dv": ("/", 2),
        "dx": ("]=", 2), "eO": ("^=", 2), "eo": ("^", 2), "eq": ("==", 2), "fl": ("...", 2),
        "fr": ("...", 2), "fL": ("...", 3), "fR": ("...", 3), "ge": (">=", 2), "gs": ("::", 1),
        "gt": (">", 2), "ix": ("[]", 2), "lS": ("<<=", 2), "le": ("<=", 2), "li": ("operator\"\" ", 1),
        "ls": ("<<", 2), "lt": ("<", 2), "mI": ("-=", 2), "mL": ("*=", 2), "mi": ("-", 2),
        "ml": ("*", 2), "mm": ("--", 1), "na": ("new[]", 3), "ne": ("!=", 2), "ng": ("-", 1),
        "nt": ("!", 1), "nw": ("new", 3), "nx": ("noexcept", 1), "oR": ("|=", 2), "oo": ("||", 2),
        "or": ("|", 2), "pL": ("+=", 2), "pl": ("+", 2), "pm": ("->*", 2), "pp": ("++", 1),
        "ps": ("+", 1), "pt": ("->", 2), "qu": ("?", 3), "rM": ("%=", 2), "rS": (">>=", 2),
        "rc": ("reinterpret_cast", 2), "rm": ("%", 2), "rs": (">>", 2), "sP": ("sizeof...", 1),
        "sZ": ("sizeof...", 1), "sc": ("static_cast", 2), "ss": ("<=>", 2), "st": ("sizeof ", 1),
        "sz": ("sizeof ", 1), "tr": ("throw", 0), "tw": ("throw ", 1),
    ]

    func operatorName(inExpression: Bool) throws -> (ItaniumNode, Int) {
        if rem < 2 { throw fail() }
        let c0 = at(0)
        let c1 = at(1)
        let code = string(pos, pos + 2)
        try advance(2)
        if c0 == UInt8(ascii: "v") && Self.isDigit(c1) {
            let n = try sourceName()
            return (ItaniumNode(.operator, text: n.text), Int(c1 - 48))
        } else if code == "cv" {
            if !inExpression { templates.append(nil) }
            let t = try demangleType(isCast: !inExpression)
            if !inExpression { templates.removeLast() }
            return (ItaniumNode(.cast, [t]), 1)
        } else if let op = Self.operators[code] {
            return (ItaniumNode(.operator, text: op.0), op.1)
        }
        throw fail()
    }

    func localName() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "Z"))
        let fn = try encoding(params: true, .forLocalName)
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        if at(0) == UInt8(ascii: "s") && !atEnd {
            try advance(1)
            var n = ItaniumNode.name("string literal")
            n = try discriminator(n)
            return .qualified(fn, n, local: true)
        }
        var num = -1
        if at(0) == UInt8(ascii: "d") && !atEnd {
            try advance(1)
            num = try compactNumber()
        }
        var n = try name()
        n = try discriminator(n)
        if num >= 0 {
            let d = ItaniumNode(.defaultArg, [n])
            d.num = num
            n = d
        }
        return .qualified(fn, n, local: true)
    }

    func javaResource() throws -> ItaniumNode {
        let ln0 = try number()
        if ln0 <= 1 { throw fail() }
        if at(0) != UInt8(ascii: "_") || atEnd { throw fail() }
        try advance(1)
        let ln = ln0 - 1
        if rem < ln { throw fail() }
        let str = Array(s[pos..<(pos + ln)])
        try advance(ln)
        var final: [UInt8] = []
        var i = 0
        while i < str.count {
            if str[i] != UInt8(ascii: "$") {
                final.append(str[i])
            } else {
                if str.count <= i + 1 { throw fail() }
                i += 1
                switch str[i] {
                case UInt8(ascii: "S"): final.append(UInt8(ascii: "/"))
                case UInt8(ascii: "_"): final.append(UInt8(ascii: "."))
                case UInt8(ascii: "$"): final.append(UInt8(ascii: "$"))
                default: throw fail()
                }
            }
            i += 1
        }
        return .special("java resource ", .name(String(decoding: final, as: UTF8.self)))
    }

    func specialName() throws -> ItaniumNode {
        if at(0) == UInt8(ascii: "T") {
            try advance(1)
            if atEnd { throw fail() }
            let c = at(0)
            try advance(1)
            switch c {
            case UInt8(ascii: "V"): return .special("vtable for ", try demangleType(isCast: false))
            case UInt8(ascii: "T"): return .special("VTT for ", try demangleType(isCast: false))
            case UInt8(ascii: "I"): return .special("typeinfo for ", try demangleType(isCast: false))
            case UInt8(ascii: "S"): return .special("typeinfo name for ", try demangleType(isCast: false))
            case UInt8(ascii: "A"): return .special("template parameter object for ", try templateArg())
            case UInt8(ascii: "h"):
                try callOffset(UInt8(ascii: "h"))
                return .special("non-virtual thunk to ", try encoding(params: true, .notForLocalName))
            case UInt8(ascii: "v"):
                try callOffset(UInt8(ascii: "v"))
                return .special("virtual thunk to ", try encoding(params: true, .notForLocalName))
            case UInt8(ascii: "c"):
                try callOffset(0)
                try callOffset(0)
                return .special("covariant return thunk to ", try encoding(params: true, .notForLocalName))
            case UInt8(ascii: "C"):
                let derived = try demangleType(isCast: false)
                let offset = try number()
                if offset < 0 { throw fail() }
                if at(0) != UInt8(ascii: "_") || atEnd { throw fail() }
                try advance(1)
                let base = try demangleType(isCast: false)
                let n = ItaniumNode(.special2, [base, derived], text: "construction vtable for ")
                n.text2 = "-in-"
                return n
            case UInt8(ascii: "F"): return .special("typeinfo fn for ", try demangleType(isCast: false))
            case UInt8(ascii: "J"): return .special("java Class for ", try demangleType(isCast: false))
            case UInt8(ascii: "H"): return .special("TLS init function for ", try name())
            case UInt8(ascii: "W"): return .special("TLS wrapper function for ", try name())
            default: throw fail()
            }
        }
        try checkChar(UInt8(ascii: "G"))
        if atEnd { throw fail() }
        let c = at(0)
        try advance(1)
        switch c {
        case UInt8(ascii: "V"):
            return .special("guard variable for ", try name())
        case UInt8(ascii: "R"):
            let n = try name()
            _ = try seqID(eofOK: true)
            return .special("reference temporary for ", n)
        case UInt8(ascii: "A"):
            return .special("hidden alias for ", try encoding(params: true, .notForLocalName))
        case UInt8(ascii: "T"):
            if atEnd { throw fail() }
            let c2 = at(0)
            try advance(1)
            let v = try encoding(params: true, .notForLocalName)
            return .special(c2 == UInt8(ascii: "n") ? "non-transaction clone for " : "transaction clone for ", v)
        case UInt8(ascii: "r"):
            return try javaResource()
        default:
            throw fail()
        }
    }

    func callOffset(_ c0: UInt8) throws {
        var c = c0
        if c == 0 {
            if atEnd { throw fail() }
            c = at(0)
            try advance(1)
        }
        switch c {
        case UInt8(ascii: "h"):
            _ = try number()
        case UInt8(ascii: "v"):
            _ = try number()
            if at(0) != UInt8(ascii: "_") || atEnd { throw fail() }
            try advance(1)
            _ = try number()
        default:
            throw fail()
        }
        if at(0) != UInt8(ascii: "_") || atEnd { throw fail() }
        try advance(1)
    }

    static let builtinTypes: [UInt8: String] = [
        UInt8(ascii: "a"): "signed char", UInt8(ascii: "b"): "bool", UInt8(ascii: "c"): "char",
        UInt8(ascii: "d"): "double", UInt8(ascii: "e"): "long double", UInt8(ascii: "f"): "float",
        UInt8(ascii: "g"): "__float128", UInt8(ascii: "h"): "unsigned char", UInt8(ascii: "i"): "int",
        UInt8(ascii: "j"): "unsigned int", UInt8(ascii: "l"): "long", UInt8(ascii: "m"): "unsigned long",
        UInt8(ascii: "n"): "__int128", UInt8(ascii: "o"): "unsigned __int128", UInt8(ascii: "s"): "short",
        UInt8(ascii: "t"): "unsigned short", UInt8(ascii: "v"): "void", UInt8(ascii: "w"): "wchar_t",
        UInt8(ascii: "x"): "long long", UInt8(ascii: "y"): "unsigned long long", UInt8(ascii: "z"): "...",
    ]

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func demangleType(isCast: Bool) throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if atEnd { throw fail() }
        var addSubst = true
        var q = try cvQualifiers()
        if q != nil {
            if atEnd { throw fail() }
            if at(0) == UInt8(ascii: "F") { addSubst = false }
        }
        if let b = Self.builtinTypes[at(0)], !atEnd {
            var ret = ItaniumNode.builtin(b)
            try advance(1)
            if let q {
                ret = .typeWithQualifiers(ret, q)
                subs.append(ret)
            }
            return ret
        }
        var ret: ItaniumNode
        let c = at(0)
        switch c {
        case UInt8(ascii: "u"):
            try advance(1)
            ret = try sourceName()
        case UInt8(ascii: "F"):
            ret = try functionType()
        case UInt8(ascii: "N"), UInt8(ascii: "Z"), 48...57:
            ret = try name()
        case UInt8(ascii: "A"):
            ret = try arrayType(isCast: isCast)
        case UInt8(ascii: "M"):
            ret = try pointerToMemberType(isCast: isCast)
        case UInt8(ascii: "T"):
            let c1 = at(1)
            if c1 == UInt8(ascii: "s") || c1 == UInt8(ascii: "u") || c1 == UInt8(ascii: "e") {
                try advance(2)
                let n = try name()
                let kind = c1 == UInt8(ascii: "s") ? "struct" : c1 == UInt8(ascii: "u") ? "union" : "enum"
                ret = ItaniumNode(.elaboratedType, [n], text: kind)
                break
            }
            ret = try templateParam()
            if at(0) == UInt8(ascii: "I") && !atEnd {
                if !isCast {
                    subs.append(ret)
                    let args = try templateArgs()
                    ret = .template(ret, args)
                } else {
                    ret = try demangleCastTemplateArgs(ret, addSubst: true)
                }
            }
        case UInt8(ascii: "S"):
            let c2 = at(1)
            if Self.isDigit(c2) || c2 == UInt8(ascii: "_") || Self.isUpper(c2) {
                ret = try substitution(forPrefix: false)
                if atEnd || at(0) != UInt8(ascii: "I") {
                    addSubst = false
                } else if ret.kind != .templateParam || !isCast {
                    let args = try templateArgs()
                    ret = .template(ret, args)
                } else {
                    let next = try demangleCastTemplateArgs(ret, addSubst: false)
                    if next === ret { addSubst = false }
                    ret = next
                }
            } else {
                ret = try name()
                if let x = subAST[c2], ret === x { addSubst = false }
                if let x = verboseAST[c2], ret === x { addSubst = false }
            }
        case UInt8(ascii: "O"), UInt8(ascii: "P"), UInt8(ascii: "R"), UInt8(ascii: "C"), UInt8(ascii: "G"):
            try advance(1)
            let t = try demangleType(isCast: isCast)
            switch c {
            case UInt8(ascii: "O"): ret = ItaniumNode(.rvalueReferenceType, [t])
            case UInt8(ascii: "P"): ret = ItaniumNode(.pointerType, [t])
            case UInt8(ascii: "R"): ret = ItaniumNode(.referenceType, [t])
            case UInt8(ascii: "C"): ret = ItaniumNode(.complexType, [t])
            default: ret = ItaniumNode(.imaginaryType, [t])
            }
        case UInt8(ascii: "U"):
            if rem < 2 { throw fail() }
            switch at(1) {
            case UInt8(ascii: "l"):
                ret = try closureTypeName()
                addSubst = false
            case UInt8(ascii: "t"):
                ret = try unnamedTypeName()
                addSubst = false
            default:
                try advance(1)
                var n = try sourceName()
                if at(0) == UInt8(ascii: "I") && !atEnd {
                    let args = try templateArgs()
                    n = .template(n, args)
                }
                let t = try demangleType(isCast: isCast)
                ret = ItaniumNode(.vendorQualifier, [n, t])
            }
        case UInt8(ascii: "D"):
            try advance(1)
            if atEnd { throw fail() }
            addSubst = false
            let c2 = at(0)
            try advance(1)
            switch c2 {
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                let e = try expression()
                if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
                try advance(1)
                ret = ItaniumNode(.decltype, [e])
                addSubst = true
            case UInt8(ascii: "p"):
                let t = try demangleType(isCast: isCast)
                let pack = findArgumentPack(t)
                ret = ItaniumNode(.packExpansion, [t])
                ret.ref = pack
                if let pack { keep.append(pack) }
                addSubst = true
            case UInt8(ascii: "a"): ret = .name("auto")
            case UInt8(ascii: "c"): ret = .name("decltype(auto)")
            case UInt8(ascii: "f"): ret = .builtin("decimal32")
            case UInt8(ascii: "d"): ret = .builtin("decimal64")
            case UInt8(ascii: "e"): ret = .builtin("decimal128")
            case UInt8(ascii: "h"): ret = .builtin("half")
            case UInt8(ascii: "u"): ret = .builtin("char8_t")
            case UInt8(ascii: "s"): ret = .builtin("char16_t")
            case UInt8(ascii: "i"): ret = .builtin("char32_t")
            case UInt8(ascii: "n"): ret = .builtin("decltype(nullptr)")
            case UInt8(ascii: "F"):
                var accum = false
                var bits = 0
                if Self.isDigit(at(0)) && !atEnd {
                    accum = true
                    bits = try number()
                }
                if at(0) == UInt8(ascii: "_") && !atEnd {
                    if bits == 0 { throw fail() }
                    try advance(1)
                    ret = ItaniumNode(.binaryFP)
                    ret.num = bits
                } else {
                    let base = try demangleType(isCast: isCast)
                    if Self.isDigit(at(0)) && !atEnd { _ = try number() }
                    var sat = false
                    if !atEnd {
                        if at(0) == UInt8(ascii: "s") { sat = true }
                        try advance(1)
                    }
                    ret = ItaniumNode(.fixedType, [base])
                    ret.flag = accum
                    ret.flag2 = sat
                }
            case UInt8(ascii: "v"):
                ret = try vectorType(isCast: isCast)
                addSubst = true
            default:
                throw fail()
            }
        default:
            throw fail()
        }

        if addSubst { subs.append(ret) }

        if let qq = q {
            if ret.kind == .functionType {
                ret = .methodWithQualifiers(ret, qq, "")
            } else if ret.kind == .methodWithQualifiers {
                ret.kids[1] = mergeQualifiers(qq, ret.kid(1))
            } else {
                if ret.kind == .typeWithQualifiers, let b = ret.kid(0) {
                    q = mergeQualifiers(qq, ret.kid(1))
                    ret = b
                }
                ret = .typeWithQualifiers(ret, q ?? qq)
            }
            subs.append(ret)
        }
        return ret
    }

    /// Decides whether a template parameter followed by template arguments inside a cast
    /// operator's type is a template template parameter (another argument list follows).
    func demangleCastTemplateArgs(_ tp: ItaniumNode, addSubst: Bool) throws -> ItaniumNode {
        let save = snapshot()
        var args: [ItaniumNode] = []
        var failed = false
        do {
            args = try templateArgs()
        } catch {
            failed = true
        }
        if !failed && at(0) == UInt8(ascii: "I") && !atEnd {
            if addSubst { subs.append(tp) }
            return .template(tp, args)
        }
        restore(save)
        return tp
    }

    /// Merges two qualifier lists into the first (mutating it, as upstream does).
    func mergeQualifiers(_ q1: ItaniumNode?, _ q2: ItaniumNode?) -> ItaniumNode? {
        guard let q1 else { return q2 }
        guard let q2 else { return q1 }
        var m = Set<String>()
        for case let qual? in q1.kids where qual.kids.isEmpty { m.insert(qual.text) }
        var rq = q1.kids
        for case let qual? in q2.kids {
            if !qual.kids.isEmpty {
                rq.append(qual)
            } else if !m.contains(qual.text) {
                rq.append(qual)
                m.insert(qual.text)
            }
        }
        q1.kids = rq
        return q1
    }

    func cvQualifiers() throws -> ItaniumNode? {
        var q: [ItaniumNode?] = []
        loop: while !atEnd {
            let c = at(0)
            if c == UInt8(ascii: "r") || c == UInt8(ascii: "V") || c == UInt8(ascii: "K") {
                let name = c == UInt8(ascii: "r") ? "restrict" : c == UInt8(ascii: "V") ? "volatile" : "const"
                q.insert(ItaniumNode(.qualifier, text: name), at: 0)
                try advance(1)
            } else if rem > 1 && c == UInt8(ascii: "D") {
                var qual: ItaniumNode
                switch at(1) {
                case UInt8(ascii: "x"):
                    qual = ItaniumNode(.qualifier, text: "transaction_safe")
                    try advance(2)
                case UInt8(ascii: "o"):
                    qual = ItaniumNode(.qualifier, text: "noexcept")
                    try advance(2)
                case UInt8(ascii: "O"):
                    try advance(2)
                    let e = try expression()
                    if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
                    try advance(1)
                    qual = ItaniumNode(.qualifier, [e], text: "noexcept")
                case UInt8(ascii: "w"):
                    try advance(2)
                    let pl = try parmlist()
                    if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
                    try advance(1)
                    qual = ItaniumNode(.qualifier, pl, text: "throw")
                default:
                    break loop
                }
                q.insert(qual, at: 0)
            } else {
                break
            }
        }
        if q.isEmpty { return nil }
        return ItaniumNode(.qualifiers, q)
    }

    func refQualifier() -> String {
        if at(0) == UInt8(ascii: "R") && !atEnd {
            pos += 1
            return "&"
        }
        if at(0) == UInt8(ascii: "O") && !atEnd {
            pos += 1
            return "&&"
        }
        return ""
    }

    func parmlist() throws -> [ItaniumNode] {
        var ret: [ItaniumNode] = []
        while !atEnd {
            let c = at(0)
            if c == UInt8(ascii: "E") || c == UInt8(ascii: ".") { break }
            if (c == UInt8(ascii: "R") || c == UInt8(ascii: "O")) && at(1) == UInt8(ascii: "E") && rem > 1 { break }
            ret.append(try demangleType(isCast: false))
        }
        if ret.isEmpty { throw fail() }
        if ret.count == 1 && ret[0].kind == .builtinType && ret[0].text == "void" { ret = [] }
        return ret
    }

    func functionType() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "F"))
        if at(0) == UInt8(ascii: "Y") && !atEnd { try advance(1) }
        var ret = try bareFunctionType(hasReturnType: true)
        let r = refQualifier()
        if !r.isEmpty { ret = .methodWithQualifiers(ret, nil, r) }
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        return ret
    }

    func bareFunctionType(hasReturnType: Bool) throws -> ItaniumNode {
        var hasRet = hasReturnType
        if at(0) == UInt8(ascii: "J") && !atEnd {
            hasRet = true
            try advance(1)
        }
        var returnType: ItaniumNode?
        if hasRet { returnType = try demangleType(isCast: false) }
        let types = try parmlist()
        return .functionType(returnType, types)
    }

    func arrayType(isCast: Bool) throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "A"))
        if atEnd { throw fail() }
        var dim: ItaniumNode
        if at(0) == UInt8(ascii: "_") {
            dim = .name("")
        } else if Self.isDigit(at(0)) {
            var i = 1
            while pos + i < s.count && Self.isDigit(at(i)) { i += 1 }
            dim = .name(string(pos, pos + i))
            try advance(i)
        } else {
            dim = try expression()
        }
        if atEnd || at(0) != UInt8(ascii: "_") { throw fail() }
        try advance(1)
        let t = try demangleType(isCast: isCast)
        if t.kind == .typeWithQualifiers, let b = t.kid(0), let q = t.kid(1) {
            return .typeWithQualifiers(ItaniumNode(.arrayType, [dim, b]), q)
        }
        return ItaniumNode(.arrayType, [dim, t])
    }

    func vectorType(isCast: Bool) throws -> ItaniumNode {
        if atEnd { throw fail() }
        var dim: ItaniumNode
        if at(0) == UInt8(ascii: "_") {
            try advance(1)
            dim = try expression()
        } else {
            dim = .name(String(try number()))
        }
        if atEnd || at(0) != UInt8(ascii: "_") { throw fail() }
        try advance(1)
        let t = try demangleType(isCast: isCast)
        return ItaniumNode(.vectorType, [dim, t])
    }

    func pointerToMemberType(isCast: Bool) throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "M"))
        let cl = try demangleType(isCast: false)
        let mem = try demangleType(isCast: isCast)
        return ItaniumNode(.ptrMem, [cl, mem])
    }

    func compactNumber() throws -> Int {
        if atEnd { throw fail() }
        if at(0) == UInt8(ascii: "_") {
            try advance(1)
            return 0
        }
        if at(0) == UInt8(ascii: "n") { throw fail() }
        let n = try number()
        if atEnd || at(0) != UInt8(ascii: "_") { throw fail() }
        try advance(1)
        return n + 1
    }

    func templateParam() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "T"))
        var level = 0
        if at(0) == UInt8(ascii: "L") && !atEnd {
            try advance(1)
            level = try compactNumber()
        }
        let n = try compactNumber()
        if level >= templates.count {
            if lambdaTemplateLevel > 0 && level == lambdaTemplateLevel - 1 { return .lambdaAuto(n) }
            throw fail()
        }
        guard let template = templates[level] else {
            // Inside a cast operator's type: filled in later by setTemplate.
            return .templateParam(n, nil)
        }
        if n >= template.templateArgs.count {
            if lambdaTemplateLevel > 0 && level == lambdaTemplateLevel - 1 { return .lambdaAuto(n) }
            throw fail()
        }
        keep.append(template)
        return .templateParam(n, template)
    }

    /// Fills in the template of cast-operator template parameters that were forward references.
    func setTemplate(_ a: ItaniumNode, _ tmpl: ItaniumNode?) throws {
        var seen = ItaniumNodeSet()
        var err = false
        a.traverse { x in
            if err { return false }
            switch x.kind {
            case .templateParam:
                if x.ref != nil {
                    if tmpl != nil { err = true }
                    return false
                }
                guard let tmpl, x.num < tmpl.templateArgs.count else {
                    err = true
                    return false
                }
                x.ref = tmpl
                keep.append(tmpl)
                return false
            case .closure:
                return false
            default:
                if !seen.insert(x) { return false }
                return true
            }
        }
        if err { throw fail() }
    }

    func clearTemplateArgs(_ args: [ItaniumNode]) throws {
        for a in args { try setTemplate(a, nil) }
    }

    func templateArgs() throws -> [ItaniumNode] {
        if atEnd || (at(0) != UInt8(ascii: "I") && at(0) != UInt8(ascii: "J")) { throw fail() }
        try advance(1)
        var ret: [ItaniumNode] = []
        while atEnd || at(0) != UInt8(ascii: "E") {
            ret.append(try templateArg())
        }
        try advance(1)
        return ret
    }

    func templateArg() throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if atEnd { throw fail() }
        switch at(0) {
        case UInt8(ascii: "X"):
            try advance(1)
            let e = try expression()
            if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
            try advance(1)
            return e
        case UInt8(ascii: "L"):
            return try exprPrimary()
        case UInt8(ascii: "I"), UInt8(ascii: "J"):
            return ItaniumNode(.argumentPack, try templateArgs())
        default:
            return try demangleType(isCast: false)
        }
    }
}
