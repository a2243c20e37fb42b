/// Expressions, literals, lambdas, substitutions and tree simplification of the Itanium grammar.
extension ItaniumParser {
    func exprList(_ stop: UInt8) throws -> ItaniumNode {
        if at(0) == stop && !atEnd {
            try advance(1)
            return .exprList([])
        }
        var exprs: [ItaniumNode] = []
        while true {
            exprs.append(try expression())
            if at(0) == stop && !atEnd {
                try advance(1)
                break
            }
        }
        return .exprList(exprs)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func expression() throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if atEnd { throw fail() }
        let c0 = at(0)
        let c1 = at(1)
        let two = rem > 1
        if c0 == UInt8(ascii: "L") { return try exprPrimary() }
        if c0 == UInt8(ascii: "T") { return try templateParam() }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "o") {
            try advance(2)
            return try subobject()
        }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "r") { return try unresolvedName() }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "p") {
            try advance(2)
            let e = try expression()
            let pack = findArgumentPack(e)
            let n = ItaniumNode(.packExpansion, [e])
            n.ref = pack
            if let pack { keep.append(pack) }
            return n
        }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "Z") {
            try advance(2)
            let e = try expression()
            guard let ap = findArgumentPack(e) else { throw fail() }
            let n = ItaniumNode(.sizeofPack)
            n.ref = ap
            keep.append(ap)
            return n
        }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "P") {
            try advance(2)
            var args: [ItaniumNode] = []
            while atEnd || at(0) != UInt8(ascii: "E") { args.append(try templateArg()) }
            try advance(1)
            return ItaniumNode(.sizeofArgs, args)
        }
        if c0 == UInt8(ascii: "f") && two && c1 == UInt8(ascii: "p") {
            try advance(2)
            if at(0) == UInt8(ascii: "T") && !atEnd {
                try advance(1)
                return ItaniumNode(.functionParam)
            }
            _ = try cvQualifiers()
            let n = ItaniumNode(.functionParam)
            n.num = try compactNumber() + 1
            return n
        }
        if c0 == UInt8(ascii: "f") && rem > 2 && c1 == UInt8(ascii: "L") && Self.isDigit(at(2)) {
            try advance(2)
            _ = try number()
            if atEnd || at(0) != UInt8(ascii: "p") { throw fail() }
            try advance(1)
            _ = try cvQualifiers()
            let n = ItaniumNode(.functionParam)
            n.num = try compactNumber() + 1
            return n
        }
        if c0 == UInt8(ascii: "m") && two && c1 == UInt8(ascii: "c") {
            try advance(2)
            let typ = try demangleType(isCast: false)
            let e = try expression()
            var offset = 0
            if !atEnd && (at(0) == UInt8(ascii: "n") || Self.isDigit(at(0))) { offset = try number() }
            if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
            try advance(1)
            let n = ItaniumNode(.ptrMemCast, [typ, e])
            n.num = offset
            return n
        }
        if Self.isDigit(c0) || (c0 == UInt8(ascii: "o") && two && c1 == UInt8(ascii: "n")) {
            if c0 == UInt8(ascii: "o") { try advance(2) }
            var n = try unqualifiedName().0
            if at(0) == UInt8(ascii: "I") && !atEnd {
                let args = try templateArgs()
                n = .template(n, args)
            }
            return n
        }
        if (c0 == UInt8(ascii: "i") || c0 == UInt8(ascii: "t")) && two && c1 == UInt8(ascii: "l") {
            try advance(2)
            var t: ItaniumNode?
            if c0 == UInt8(ascii: "t") { t = try demangleType(isCast: false) }
            let exprs = try exprList(UInt8(ascii: "E"))
            return ItaniumNode(.initializerList, [t, exprs])
        }
        if c0 == UInt8(ascii: "s") && two && c1 == UInt8(ascii: "t") {
            let o = try operatorName(inExpression: true).0
            let t = try demangleType(isCast: false)
            return .unary(o, t, sizeofType: true)
        }
        if c0 == UInt8(ascii: "u") {
            try advance(1)
            let nm = try sourceName()
            if nm.text == "__uuidof" {
                if rem < 2 { throw fail() }
                var operand: ItaniumNode?
                if at(0) == UInt8(ascii: "t") {
                    try advance(1)
                    operand = try demangleType(isCast: false)
                } else if at(0) == UInt8(ascii: "z") {
                    try advance(1)
                    operand = try expression()
                }
                if let operand {
                    return ItaniumNode(.binary, [ItaniumNode(.operator, text: "()"), nm, .exprList([operand])])
                }
            }
            var args: [ItaniumNode] = []
            while true {
                if atEnd { throw fail() }
                if at(0) == UInt8(ascii: "E") {
                    try advance(1)
                    break
                }
                args.append(try templateArg())
            }
            return ItaniumNode(.binary, [ItaniumNode(.operator, text: "()"), nm, .exprList(args)])
        }
        if rem < 2 { throw fail() }
        let code = string(pos, pos + 2)
        let (o, nargs) = try operatorName(inExpression: true)
        switch nargs {
        case 0:
            return ItaniumNode(.nullary, [o])
        case 1:
            var suffix = false
            if code == "pp" || code == "mm" {
                if at(0) == UInt8(ascii: "_") && !atEnd {
                    try advance(1)
                } else {
                    suffix = true
                }
            }
            let operand: ItaniumNode
            if o.kind == .cast && at(0) == UInt8(ascii: "_") && !atEnd {
                try advance(1)
                operand = try exprList(UInt8(ascii: "E"))
            } else {
                operand = try expression()
            }
            return .unary(o, operand, suffix: suffix)
        case 2:
            var left: ItaniumNode
            var right: ItaniumNode
            if code == "sc" || code == "dc" || code == "cc" || code == "rc" {
                left = try demangleType(isCast: false)
            } else if code.hasPrefix("f") {
                left = try operatorName(inExpression: true).0
                right = try expression()
                let f = ItaniumNode(.fold, [left, right, nil])
                f.flag = code == "fl"
                return f
            } else if code == "di" {
                left = try unqualifiedName().0
            } else {
                left = try expression()
            }
            if code == "cl" || code == "cp" {
                right = try exprList(UInt8(ascii: "E"))
            } else if code == "dt" || code == "pt" {
                right = try unresolvedName()
                if at(0) == UInt8(ascii: "I") && !atEnd {
                    let args = try templateArgs()
                    right = .template(right, args)
                }
            } else {
                right = try expression()
            }
            return ItaniumNode(.binary, [o, left, right])
        case 3:
            if code.hasPrefix("n") {
                var place: ItaniumNode? = try exprList(UInt8(ascii: "_"))
                if place?.kids.isEmpty == true { place = nil }
                let t = try demangleType(isCast: false)
                var ini: ItaniumNode?
                if at(0) == UInt8(ascii: "E") && !atEnd {
                    try advance(1)
                } else if rem > 1 && at(0) == UInt8(ascii: "p") && at(1) == UInt8(ascii: "i") {
                    try advance(2)
                    ini = try exprList(UInt8(ascii: "E"))
                } else if rem > 1 && at(0) == UInt8(ascii: "i") && at(1) == UInt8(ascii: "l") {
                    ini = try expression()
                } else {
                    throw fail()
                }
                return ItaniumNode(.new, [o, place, t, ini])
            } else if code.hasPrefix("f") {
                let first = try operatorName(inExpression: true).0
                let second = try expression()
                let third = try expression()
                let f = ItaniumNode(.fold, [first, second, third])
                f.flag = code == "fL"
                return f
            }
            let first = try expression()
            let second = try expression()
            let third = try expression()
            return ItaniumNode(.trinary, [o, first, second, third])
        default:
            throw fail()
        }
    }

    func subobject() throws -> ItaniumNode {
        let typ = try demangleType(isCast: false)
        let e = try expression()
        var offset = 0
        if !atEnd && (at(0) == UInt8(ascii: "n") || Self.isDigit(at(0))) { offset = try number() }
        var selectors: [Int] = []
        while at(0) == UInt8(ascii: "_") && !atEnd {
            try advance(1)
            var sel = 0
            if !atEnd && (at(0) == UInt8(ascii: "n") || Self.isDigit(at(0))) { sel = try number() }
            selectors.append(sel)
        }
        var pastEnd = false
        if at(0) == UInt8(ascii: "p") && !atEnd {
            try advance(1)
            pastEnd = true
        }
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        let n = ItaniumNode(.subobject, [typ, e])
        n.num = offset
        n.ints = selectors
        n.flag = pastEnd
        return n
    }

    func unresolvedName() throws -> ItaniumNode {
        try enter()
        defer { leave() }
        if hasPrefix("gs") {
            try advance(2)
            let n = try unresolvedName()
            return .unary(ItaniumNode(.operator, text: "::"), n)
        }
        if hasPrefix("sr") {
            try advance(2)
            if atEnd { throw fail() }
            switch at(0) {
            case UInt8(ascii: "T"), UInt8(ascii: "D"), UInt8(ascii: "S"):
                let t = try demangleType(isCast: false)
                var n = try baseUnresolvedName()
                n = .qualified(t, n, local: false)
                if at(0) == UInt8(ascii: "I") && !atEnd {
                    let args = try templateArgs()
                    n = .template(n, args)
                    subs.append(n)
                }
                return n
            default:
                var sc: ItaniumNode?
                if at(0) == UInt8(ascii: "N") {
                    try advance(1)
                    sc = try demangleType(isCast: false)
                }
                while atEnd || at(0) != UInt8(ascii: "E") {
                    if let cur = sc, !atEnd, !Self.isDigit(at(0)) {
                        if cur.kind == .qualified, let a = cur.kid(0) {
                            if a.kind == .template, let tn = a.kid(0) {
                                subs.append(tn)
                                subs.append(a)
                            } else {
                                subs.append(a)
                            }
                            return cur
                        }
                    }
                    var n = try sourceName()
                    if at(0) == UInt8(ascii: "I") && !atEnd {
                        subs.append(n)
                        let args = try templateArgs()
                        n = .template(n, args)
                    }
                    if let cur = sc {
                        sc = .qualified(cur, n, local: false)
                    } else {
                        sc = n
                    }
                    if let cur = sc { subs.append(cur) }
                }
                guard let scope = sc else { throw fail() }
                try advance(1)
                let n = try baseUnresolvedName()
                return .qualified(scope, n, local: false)
            }
        }
        return try baseUnresolvedName()
    }

    func baseUnresolvedName() throws -> ItaniumNode {
        var n: ItaniumNode
        if hasPrefix("on") {
            try advance(2)
            n = try operatorName(inExpression: true).0
        } else if hasPrefix("dn") {
            try advance(2)
            if !atEnd && Self.isDigit(at(0)) {
                n = try sourceName()
            } else {
                n = try demangleType(isCast: false)
            }
            n = ItaniumNode(.destructor, [n])
        } else if !atEnd && Self.isDigit(at(0)) {
            n = try sourceName()
        } else {
            n = try operatorName(inExpression: true).0
        }
        if at(0) == UInt8(ascii: "I") && !atEnd {
            let args = try templateArgs()
            n = .template(n, args)
        }
        return n
    }

    func exprPrimary() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "L"))
        if atEnd { throw fail() }
        var ret: ItaniumNode
        if at(0) == UInt8(ascii: "_") || at(0) == UInt8(ascii: "Z") {
            if at(0) == UInt8(ascii: "_") { try advance(1) }
            if atEnd || at(0) != UInt8(ascii: "Z") { throw fail() }
            try advance(1)
            ret = try encoding(params: true, .notForLocalName)
        } else {
            let t = try demangleType(isCast: false)
            var neg = false
            if at(0) == UInt8(ascii: "n") && !atEnd {
                neg = true
                try advance(1)
            }
            if at(0) == UInt8(ascii: "E") && !atEnd {
                if t.kind == .builtinType && t.text == "decltype(nullptr)" {
                } else if t.kind == .closure {
                    try advance(1)
                    return ItaniumNode(.lambdaExpr, [t])
                } else if t.kind == .arrayType || (t.kind == .typeWithQualifiers && t.kid(0)?.kind == .arrayType) {
                    try advance(1)
                    return ItaniumNode(.stringLiteral, [t])
                } else {
                    throw fail()
                }
            }
            var i = 0
            while pos + i < s.count && at(i) != UInt8(ascii: "E") { i += 1 }
            let val = string(pos, pos + i)
            try advance(i)
            ret = ItaniumNode(.literal, [t], text: val)
            ret.flag = neg
        }
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        return ret
    }

    func discriminator(_ a: ItaniumNode) throws -> ItaniumNode {
        if atEnd || at(0) != UInt8(ascii: "_") {
            var i = pos
            while i < s.count {
                if !Self.isDigit(s[i]) { return a }
                i += 1
            }
            pos = s.count
            return a
        }
        try advance(1)
        var trailingUnderscore = false
        if at(0) == UInt8(ascii: "_") && !atEnd {
            try advance(1)
            trailingUnderscore = true
        }
        let d = try number()
        if d < 0 { throw fail() }
        if trailingUnderscore && d >= 10 {
            if atEnd || at(0) != UInt8(ascii: "_") { throw fail() }
            try advance(1)
        }
        return a
    }

    func closureTypeName() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "U"))
        try checkChar(UInt8(ascii: "l"))
        let oldLevel = lambdaTemplateLevel
        lambdaTemplateLevel = templates.count + 1
        var targs: [ItaniumNode] = []
        var template: ItaniumNode?
        while rem > 1 && at(0) == UInt8(ascii: "T") {
            guard let (arg, val) = try templateParamDecl() else { break }
            targs.append(arg)
            if template == nil {
                let t = ItaniumNode.template(.name("lambda"), [])
                keep.append(t)
                template = t
                templates.append(t)
            }
            template?.kids.append(val)
        }
        let types = try parmlist()
        lambdaTemplateLevel = oldLevel
        if template != nil { templates.removeLast() }
        if atEnd || at(0) != UInt8(ascii: "E") { throw fail() }
        try advance(1)
        let num = try compactNumber()
        let n = ItaniumNode(.closure, targs + types)
        n.num = num
        n.num2 = targs.count
        return n
    }

    func templateParamDecl() throws -> (ItaniumNode, ItaniumNode)? {
        if rem < 2 || at(0) != UInt8(ascii: "T") { return nil }
        func mk(_ prefix: String, _ counter: inout Int) -> ItaniumNode {
            let n = ItaniumNode(.templateParamName, text: prefix)
            n.num = counter
            counter += 1
            return n
        }
        switch at(1) {
        case UInt8(ascii: "y"):
            try advance(2)
            let name = mk("$T", &typeTemplateParamCount)
            return (ItaniumNode(.typeTemplateParam, [name]), name)
        case UInt8(ascii: "n"):
            try advance(2)
            let name = mk("$N", &nonTypeTemplateParamCount)
            let typ = try demangleType(isCast: false)
            return (ItaniumNode(.nonTypeTemplateParam, [name, typ]), name)
        case UInt8(ascii: "t"):
            try advance(2)
            let name = mk("$TT", &templateTemplateParamCount)
            var params: [ItaniumNode] = []
            var template: ItaniumNode?
            while true {
                if atEnd { throw fail() }
                if at(0) == UInt8(ascii: "E") {
                    try advance(1)
                    break
                }
                guard let (param, val) = try templateParamDecl() else { throw fail() }
                params.append(param)
                if template == nil {
                    let t = ItaniumNode.template(.name("template_template"), [])
                    keep.append(t)
                    template = t
                    templates.append(t)
                }
                template?.kids.append(val)
            }
            if template != nil { templates.removeLast() }
            return (ItaniumNode(.templateTemplateParam, [name] + params), name)
        case UInt8(ascii: "p"):
            try advance(2)
            guard let (param, val) = try templateParamDecl() else { throw fail() }
            return (ItaniumNode(.templateParamPack, [param]), val)
        default:
            return nil
        }
    }

    func unnamedTypeName() throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "U"))
        try checkChar(UInt8(ascii: "t"))
        let n = ItaniumNode(.unnamedType)
        n.num = try compactNumber()
        subs.append(n)
        return n
    }

    /// GCC's clone suffixes (`.constprop.0`, `.isra.0`, `.cold`...), not part of the ABI.
    func cloneSuffix(_ a: ItaniumNode) -> ItaniumNode {
        func ok(_ c: UInt8) -> Bool { Self.isLower(c) || Self.isDigit(c) || c == UInt8(ascii: "_") }
        var i = 0
        if rem > 1 && at(0) == UInt8(ascii: ".") && ok(at(1)) {
            i += 2
            while pos + i < s.count && ok(at(i)) { i += 1 }
        }
        while pos + i + 1 < s.count && at(i) == UInt8(ascii: ".") && Self.isDigit(at(i + 1)) {
            i += 2
            while pos + i < s.count && Self.isDigit(at(i)) { i += 1 }
        }
        let suffix = string(pos, pos + i)
        pos += i
        return ItaniumNode(.clone, [a], text: suffix)
    }

    static func makeSubAST(verbose: Bool) -> [UInt8: ItaniumNode] {
        func std(_ n: String) -> ItaniumNode { .qualified(.name("std"), .name(n), local: false) }
        var m: [UInt8: ItaniumNode] = [
            UInt8(ascii: "t"): .name("std"), UInt8(ascii: "a"): std("allocator"),
            UInt8(ascii: "b"): std("basic_string"), UInt8(ascii: "s"): std("string"),
            UInt8(ascii: "i"): std("istream"), UInt8(ascii: "o"): std("ostream"),
            UInt8(ascii: "d"): std("iostream"),
        ]
        if verbose {
            let char = ItaniumNode.builtin("char")
            let traits = ItaniumNode.template(std("char_traits"), [char])
            m[UInt8(ascii: "s")] = .template(std("basic_string"), [char, traits, .template(std("allocator"), [char])])
            m[UInt8(ascii: "i")] = .template(std("basic_istream"), [char, traits])
            m[UInt8(ascii: "o")] = .template(std("basic_ostream"), [char, traits])
            m[UInt8(ascii: "d")] = .template(std("basic_iostream"), [char, traits])
        }
        return m
    }

    // swiftlint:disable:next function_body_length
    func substitution(forPrefix: Bool) throws -> ItaniumNode {
        try checkChar(UInt8(ascii: "S"))
        if atEnd { throw fail() }
        let c = at(0)
        if c == UInt8(ascii: "_") || Self.isDigit(c) || Self.isUpper(c) {
            let id = try seqID(eofOK: false)
            if id >= subs.count { throw fail() }
            let ret = subs[id]

            // Template parameters inside the substituted tree must refer to the templates
            // active here, not where the tree was first seen.
            var copyTemplates = templates
            var oldLevels: [Int] = []
            var failed = false
            var seen = ItaniumNodeSet()
            let copyFn: (ItaniumNode) -> ItaniumNode? = { a in
                var index: Int
                switch a.kind {
                case .typed:
                    if a.kid(0)?.kind == .template {
                        copyTemplates.removeLast()
                        if let l = oldLevels.popLast() { self.lambdaTemplateLevel = l }
                    }
                    return nil
                case .closure:
                    if let l = oldLevels.popLast() { self.lambdaTemplateLevel = l }
                    return nil
                case .templateParam, .lambdaAuto:
                    index = a.num
                default:
                    return nil
                }
                if self.lambdaTemplateLevel > 0 {
                    if a.kind == .lambdaAuto { return nil }
                    return .lambdaAuto(index)
                }
                var template: ItaniumNode?
                if !copyTemplates.isEmpty {
                    template = copyTemplates[copyTemplates.count - 1]
                    if template == nil { return .templateParam(index, nil) }
                } else if ret.kind == .template {
                    template = ret
                } else {
                    failed = true
                    return nil
                }
                guard let template, index < template.templateArgs.count else {
                    failed = true
                    return nil
                }
                self.keep.append(template)
                return .templateParam(index, template)
            }
            let skipFn: (ItaniumNode) -> Bool = { a in
                switch a.kind {
                case .typed:
                    if let t = a.kid(0), t.kind == .template {
                        copyTemplates.append(t)
                        oldLevels.append(self.lambdaTemplateLevel)
                        self.lambdaTemplateLevel = 0
                    }
                    return false
                case .closure:
                    oldLevels.append(self.lambdaTemplateLevel)
                    self.lambdaTemplateLevel = copyTemplates.count + 1
                    return false
                case .templateParam, .lambdaAuto:
                    return false
                default:
                    break
                }
                if !seen.insert(a) { return true }
                return false
            }
            let c = ret.copy(copyFn, skipFn)
            if failed { throw fail() }
            return c ?? ret
        }
        try advance(1)
        var m = verbose ? verboseAST : subAST
        if forPrefix && (at(0) == UInt8(ascii: "C") || at(0) == UInt8(ascii: "D")) && !atEnd { m = verboseAST }
        guard var a = m[c] else { throw fail() }
        if at(0) == UInt8(ascii: "B") && !atEnd {
            a = try taggedName(a)
            subs.append(a)
        }
        return a
    }

    /// Replaces template parameters by their arguments, merges qualifiers, expands packs.
    func simplify(_ a: ItaniumNode) -> ItaniumNode {
        var seen = ItaniumNodeSet()
        let skip: (ItaniumNode) -> Bool = { x in
            if !seen.insert(x) { return true }
            return false
        }
        return a.copy({ self.simplifyOne($0) }, skip) ?? a
    }

    // swiftlint:disable:next cyclomatic_complexity
    func simplifyOne(_ a: ItaniumNode) -> ItaniumNode? {
        switch a.kind {
        case .templateParam:
            if let t = a.ref, a.num < t.templateArgs.count { return t.templateArgs[a.num] }
        case .methodWithQualifiers:
            if let m = a.kid(0), m.kind == .methodWithQualifiers {
                var ref = a.text
                if ref.isEmpty {
                    ref = m.text
                } else if !m.text.isEmpty {
                    if ref == "&" || m.text == "&" { ref = "&" }
                }
                return .methodWithQualifiers(m.kid(0) ?? m, mergeQualifiers(a.kid(1), m.kid(1)), ref)
            }
            if let t = a.kid(0), t.kind == .typeWithQualifiers, let b = t.kid(0) {
                return .methodWithQualifiers(b, mergeQualifiers(a.kid(1), t.kid(1)), a.text)
            }
        case .typeWithQualifiers:
            guard let b = a.kid(0) else { return nil }
            if b.kind == .functionType { return .methodWithQualifiers(b, a.kid(1), "") }
            if b.kind == .typeWithQualifiers, let bb = b.kid(0), let q = mergeQualifiers(a.kid(1), b.kid(1)) {
                return .typeWithQualifiers(bb, q)
            }
            if b.kind == .methodWithQualifiers, let bm = b.kid(0) {
                return .methodWithQualifiers(bm, mergeQualifiers(a.kid(1), b.kid(1)), b.text)
            }
        case .referenceType:
            guard let b = a.kid(0) else { return nil }
            if b.kind == .referenceType { return b }
            if b.kind == .rvalueReferenceType { return ItaniumNode(.referenceType, [b.kid(0)]) }
        case .rvalueReferenceType:
            guard let b = a.kid(0) else { return nil }
            if b.kind == .rvalueReferenceType || b.kind == .referenceType { return b }
        case .arrayType:
            if let e = a.kid(1), e.kind == .typeWithQualifiers, let q = e.kid(1) {
                return .typeWithQualifiers(ItaniumNode(.arrayType, [a.kid(0), e.kid(0)]), q)
            }
        case .packExpansion:
            if let pack = a.ref, let base = a.kid(0) {
                var exprs: [ItaniumNode] = []
                for arg in pack.kids {
                    guard let arg else { continue }
                    var seen = ItaniumNodeSet()
                    let b = base.copy(
                        { sub in sub === pack ? arg : nil },
                        { sub in
                            if sub.kind == .packExpansion { return true }
                            if !seen.insert(sub) { return true }
                            return false
                        })
                    exprs.append(simplify(b ?? base))
                }
                return .exprList(exprs)
            }
        default:
            break
        }
        return nil
    }

    /// Finds the argument pack a pack expansion expands, through a template parameter.
    func findArgumentPack(_ a: ItaniumNode) -> ItaniumNode? {
        var seen = ItaniumNodeSet()
        var ret: ItaniumNode?
        a.traverse { x in
            if ret != nil { return false }
            switch x.kind {
            case .templateParam:
                guard let t = x.ref, x.num < t.templateArgs.count else { return true }
                let arg = t.templateArgs[x.num]
                if arg.kind == .argumentPack {
                    ret = arg
                    return false
                }
            case .packExpansion, .closure, .name, .taggedName, .operator, .builtinType, .functionParam,
                .unnamedType, .fixedType, .defaultArg:
                return false
            default:
                break
            }
            if !seen.insert(x) { return false }
            return true
        }
        return ret
    }
}
