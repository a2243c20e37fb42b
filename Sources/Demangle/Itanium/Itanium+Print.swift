/// Turns a demangled C++ syntax tree into text exactly as upstream's printer does (GNU style):
/// C++'s inside-out declarator syntax is produced by passing pending "inner" parts down
/// (pointer stars, function arguments, qualifiers) until a type prints them in place.
struct ItaniumPrinter {
    let tparams: Bool
    let llvmStyle: Bool
    var buf: [UInt8] = []
    var last: UInt8 = 0
    var inner: [ItaniumNode] = []
    /// How many times each node is on the print stack (upstream scans a list: quadratic).
    var printing: [ObjectIdentifier: Int] = [:]
    var depth = 0
    /// Set when the tree is too deep or the text too long: the caller falls back to the input.
    var failed = false

    let maxDepth = DemangleStack.depthLimit(inline: 192)
    static let maxOutput = 1 << 20

    init(tparams: Bool, llvmStyle: Bool) {
        self.tparams = tparams
        self.llvmStyle = llvmStyle
    }

    mutating func writeByte(_ b: UInt8) {
        last = b
        buf.append(b)
    }

    mutating func writeString(_ s: String) {
        if let l = s.utf8.last { last = l }
        buf.append(contentsOf: s.utf8)
    }

    /// Prints a node, allowing one re-entry into a node already being printed (a substitution
    /// can print differently the second time) and stopping at the second.
    mutating func print(_ a: ItaniumNode?) {
        guard let a, !failed else { return }
        let id = ObjectIdentifier(a)
        let c = printing[id, default: 0]
        if c > 1 { return }
        if depth >= maxDepth || buf.count > Self.maxOutput {
            failed = true
            return
        }
        depth += 1
        printing[id] = c + 1
        printSelf(a)
        if c == 0 { printing[id] = nil } else { printing[id] = c }
        depth -= 1
    }

    private static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func printSelf(_ a: ItaniumNode) {
        switch a.kind {
        case .name, .builtinType:
            writeString(a.text)
        case .typed:
            let hold = inner
            inner = [a]
            print(a.kid(1))
            if !inner.isEmpty {
                writeByte(32)
                print(a.kid(0))
            }
            inner = hold
        case .qualified:
            print(a.kid(0))
            writeString("::")
            print(a.kid(1))
        case .template:
            let hold = inner
            inner = []
            print(a.kid(0))
            if tparams {
                if last == UInt8(ascii: "<") { writeByte(32) }
                writeByte(UInt8(ascii: "<"))
                var first = true
                for arg in a.templateArgs where !isEmpty(arg) {
                    if !first { writeString(", ") }
                    print(arg)
                    first = false
                }
                if last == UInt8(ascii: ">") { writeByte(32) }
                writeByte(UInt8(ascii: ">"))
            }
            inner = hold
        case .templateParam:
            guard let t = a.ref, a.num < t.templateArgs.count else {
                failed = true
                return
            }
            print(t.templateArgs[a.num])
        case .lambdaAuto:
            writeString(llvmStyle ? "auto" : "auto:\(a.num + 1)")
        case .qualifiers:
            var first = true
            for q in a.kids {
                if !first { writeByte(32) }
                if let q { printSelf(q) }
                first = false
            }
        case .qualifier:
            writeString(a.text)
            if !a.kids.isEmpty {
                writeByte(UInt8(ascii: "("))
                var first = true
                for e in a.kids {
                    if let e, e.kind == .exprList, e.kids.isEmpty { continue }
                    if !first { writeString(", ") }
                    print(e)
                    first = false
                }
                writeByte(UInt8(ascii: ")"))
            }
        case .typeWithQualifiers:
            inner.append(a)
            print(a.kid(0))
            if !inner.isEmpty {
                writeByte(32)
                print(a.kid(1))
                inner.removeLast()
            }
        case .methodWithQualifiers:
            inner.append(a)
            print(a.kid(0))
            if !inner.isEmpty {
                if let q = a.kid(1) {
                    writeByte(32)
                    print(q)
                }
                if !a.text.isEmpty {
                    writeByte(32)
                    writeString(a.text)
                }
                inner.removeLast()
            }
        case .pointerType, .referenceType, .rvalueReferenceType, .complexType, .imaginaryType:
            inner.append(a)
            print(a.kid(0))
            if !inner.isEmpty {
                printInnerOf(a)
                inner.removeLast()
            }
        case .vendorQualifier:
            if llvmStyle {
                print(a.kid(1))
                printInnerOf(a)
            } else {
                inner.append(a)
                print(a.kid(1))
                if !inner.isEmpty { printOneInner(save: false) }
            }
        case .arrayType:
            inner.append(a)
            print(a.kid(1))
            if !inner.isEmpty {
                inner.removeLast()
                printDimension(a)
            }
        case .functionType:
            var ret = a.kid(0)
            if a.flag && !llvmStyle { ret = nil }
            if let ret {
                inner.append(a)
                print(ret)
                if inner.isEmpty { return }
                inner.removeLast()
                writeByte(32)
            }
            printArgs(a)
        case .functionParam:
            if a.num == 0 {
                writeString("this")
            } else if llvmStyle {
                writeString(a.num == 1 ? "fp" : "fp\(a.num - 2)")
            } else {
                writeString("{parm#\(a.num)}")
            }
        case .ptrMem:
            inner.append(a)
            print(a.kid(1))
            if !inner.isEmpty { printOneInner(save: false) }
        case .fixedType:
            if a.flag2 { writeString("_Sat ") }
            if let b = a.kid(0), b.kind == .builtinType, b.text == "int" {
            } else {
                print(a.kid(0))
                writeByte(32)
            }
            writeString(a.flag ? "_Accum" : "_Fract")
        case .binaryFP:
            writeString("_Float\(a.num)")
        case .vectorType:
            inner.append(a)
            print(a.kid(1))
            if !inner.isEmpty { printOneInner(save: false) }
        case .elaboratedType:
            writeString(a.text)
            writeString(" ")
            if let t = a.kid(0) { printSelf(t) }
        case .decltype:
            writeString("decltype")
            if !llvmStyle { writeString(" ") }
            writeString("(")
            print(a.kid(0))
            writeByte(UInt8(ascii: ")"))
        case .operator:
            writeString("operator")
            if let f = a.text.utf8.first, Self.isLower(f) { writeByte(32) }
            var n = a.text
            if n.hasSuffix(" ") { n.removeLast() }
            writeString(n)
        case .constructor:
            print(a.kid(0))
        case .destructor:
            writeByte(UInt8(ascii: "~"))
            print(a.kid(0))
        case .globalCDtor:
            writeString("global ")
            writeString(a.flag ? "constructors" : "destructors")
            writeString(" keyed to ")
            print(a.kid(0))
        case .taggedName:
            print(a.kid(0))
            writeString("[abi:")
            print(a.kid(1))
            writeByte(UInt8(ascii: "]"))
        case .packExpansion:
            if a.ref == nil {
                if llvmStyle {
                    print(a.kid(0))
                } else {
                    parenthesize(a.kid(0))
                    writeString("...")
                }
            } else {
                print(a.kid(0))
            }
        case .argumentPack, .exprList:
            for (i, x) in a.kids.enumerated() {
                if i > 0 { writeString(", ") }
                print(x)
            }
        case .sizeofPack:
            if llvmStyle {
                writeString("sizeof...(")
                print(a.ref)
                writeByte(UInt8(ascii: ")"))
            } else {
                writeString("\(a.ref?.kids.count ?? 0)")
            }
        case .sizeofArgs:
            var c = 0
            for x in a.kids {
                if let x, x.kind == .argumentPack || x.kind == .exprList {
                    c += x.kids.count
                } else {
                    c += 1
                }
            }
            writeString("\(c)")
        case .templateParamName:
            writeString(a.text)
            if a.num > 0 { writeString("\(a.num - 1)") }
        case .typeTemplateParam:
            writeString("typename ")
            _ = printInner(prefixOnly: false)
            print(a.kid(0))
        case .nonTypeTemplateParam:
            inner.append(a)
            print(a.kid(1))
            if !inner.isEmpty {
                writeByte(32)
                print(a.kid(0))
                inner.removeLast()
            }
        case .templateTemplateParam:
            writeString("template<")
            for (i, p) in a.kids.dropFirst().enumerated() {
                if i > 0 { writeString(", ") }
                print(p)
            }
            writeString("> typename ")
            print(a.kid(0))
        case .templateParamPack:
            let hold = inner
            inner = [a]
            if let p = a.kid(0), p.kind == .nonTypeTemplateParam {
                print(p.kid(1))
            } else {
                print(a.kid(0))
            }
            if !inner.isEmpty { writeString("...") }
            inner = hold
        case .cast:
            writeString("operator ")
            print(a.kid(0))
        case .nullary:
            if let op = a.kid(0), op.kind == .operator {
                writeString(op.text)
            } else {
                print(a.kid(0))
            }
        case .unary:
            printUnary(a)
        case .binary:
            printBinary(a)
        case .trinary:
            printTrinary(a)
        case .fold:
            printFold(a)
        case .subobject:
            print(a.kid(1))
            writeString(".<")
            print(a.kid(0))
            writeString(" at offset \(a.num)>")
        case .ptrMemCast:
            writeString("(")
            print(a.kid(0))
            writeString(")(")
            print(a.kid(1))
            writeString(")")
        case .new:
            printNew(a)
        case .literal:
            printLiteral(a)
        case .stringLiteral:
            writeString("\"<")
            if let t = a.kid(0) { printSelf(t) }
            writeString(">\"")
        case .lambdaExpr:
            writeString("[]")
            if let c = a.kid(0), c.kind == .closure { printClosureTypes(c) }
            writeString("{...}")
        case .initializerList:
            if let t = a.kid(0) { print(t) }
            writeByte(UInt8(ascii: "{"))
            print(a.kid(1))
            writeByte(UInt8(ascii: "}"))
        case .defaultArg:
            if !llvmStyle { writeString("{default arg#\(a.num + 1)}::") }
            print(a.kid(0))
        case .closure:
            if llvmStyle {
                writeString(a.num == 0 ? "'lambda'" : "'lambda\(a.num - 1)'")
            } else {
                writeString("{lambda")
            }
            printClosureTypes(a)
            if !llvmStyle { writeString("#\(a.num + 1)}") }
        case .structuredBindings:
            writeString("[")
            for (i, b) in a.kids.enumerated() {
                if i > 0 { writeString(", ") }
                if let b { printSelf(b) }
            }
            writeString("]")
        case .unnamedType:
            if llvmStyle {
                writeString(a.num == 0 ? "'unnamed'" : "'unnamed\(a.num - 1)'")
            } else {
                writeString("{unnamed type#\(a.num + 1)}")
            }
        case .clone:
            print(a.kid(0))
            if llvmStyle {
                writeString(" (")
                writeString(a.text)
                writeByte(UInt8(ascii: ")"))
            } else {
                writeString(" [clone \(a.text)]")
            }
        case .special:
            var prefix = a.text
            if llvmStyle {
                if prefix == "TLS wrapper function for " {
                    prefix = "thread-local wrapper routine for "
                } else if prefix == "TLS init function for " {
                    prefix = "thread-local initialization routine for "
                }
            }
            writeString(prefix)
            print(a.kid(0))
        case .special2:
            writeString(a.text)
            print(a.kid(0))
            writeString(a.text2)
            print(a.kid(1))
        case .enableIf:
            print(a.kid(0))
            writeString(" [enable_if:")
            var first = true
            for x in a.kids.dropFirst() {
                if !first { writeString(", ") }
                print(x)
                first = false
            }
            writeString("]")
        }
    }

    /// The part a type prints when it is an inner (declarator) element.
    mutating func printInnerOf(_ a: ItaniumNode) {
        switch a.kind {
        case .typed:
            print(a.kid(0))
        case .typeWithQualifiers:
            writeByte(32)
            print(a.kid(1))
        case .methodWithQualifiers:
            if let q = a.kid(1) {
                writeByte(32)
                print(q)
            }
            if !a.text.isEmpty {
                writeByte(32)
                writeString(a.text)
            }
        case .pointerType: writeString("*")
        case .referenceType: writeString("&")
        case .rvalueReferenceType: writeString("&&")
        case .complexType: writeString(" _Complex")
        case .imaginaryType: writeString(" _Imaginary")
        case .vendorQualifier:
            writeByte(32)
            print(a.kid(0))
        case .arrayType:
            printDimension(a)
        case .functionType:
            printArgs(a)
        case .ptrMem:
            if last != UInt8(ascii: "(") { writeByte(32) }
            print(a.kid(0))
            writeString("::*")
        case .vectorType:
            var end = UInt8(ascii: ")")
            if llvmStyle {
                writeString(" vector[")
                end = UInt8(ascii: "]")
            } else {
                writeString(" __vector(")
            }
            print(a.kid(0))
            writeByte(end)
        case .nonTypeTemplateParam:
            print(a.kid(0))
        case .templateParamPack:
            writeString("...")
            if let p = a.kid(0), p.kind == .nonTypeTemplateParam { print(p.kid(0)) }
        default:
            print(a)
        }
    }

    static func isInnerPrinter(_ k: ItaniumNode.Kind) -> Bool {
        switch k {
        case .typed, .typeWithQualifiers, .methodWithQualifiers, .pointerType, .referenceType,
            .rvalueReferenceType, .complexType, .imaginaryType, .vendorQualifier, .arrayType,
            .functionType, .ptrMem, .vectorType, .nonTypeTemplateParam, .templateParamPack:
            return true
        default:
            return false
        }
    }

    mutating func printInner(prefixOnly: Bool) -> [ItaniumNode] {
        var save: [ItaniumNode] = []
        while !inner.isEmpty && !failed {
            if let s = printOneInner(save: prefixOnly) { save.append(s) }
        }
        return save
    }

    /// Prints the most recent inner part; with `save`, method qualifiers are handed back instead.
    @discardableResult
    mutating func printOneInner(save: Bool) -> ItaniumNode? {
        guard let a = inner.popLast() else { return nil }
        if save && a.kind == .methodWithQualifiers { return a }
        if Self.isInnerPrinter(a.kind) {
            printInnerOf(a)
        } else {
            print(a)
        }
        return nil
    }

    func isEmpty(_ a: ItaniumNode?) -> Bool {
        guard let a else { return false }
        switch a.kind {
        case .argumentPack:
            return a.kids.allSatisfy { isEmpty($0) }
        case .exprList:
            return a.kids.isEmpty
        case .packExpansion:
            return a.ref != nil && isEmpty(a.kid(0))
        default:
            return false
        }
    }

    mutating func printDimension(_ a: ItaniumNode) {
        var space = " "
        while let top = inner.last, !failed {
            var inn = top
            if inn.kind == .typeWithQualifiers, let b = inn.kid(0) { inn = b }
            if inn.kind == .arrayType {
                if inn === top { space = "" }
                printOneInner(save: false)
            } else {
                writeString(" (")
                _ = printInner(prefixOnly: false)
                writeByte(UInt8(ascii: ")"))
            }
        }
        writeString(space)
        writeByte(UInt8(ascii: "["))
        print(a.kid(0))
        writeByte(UInt8(ascii: "]"))
    }

    mutating func printArgs(_ ft: ItaniumNode) {
        var paren = false
        var space = false
        for i in stride(from: inner.count - 1, through: 0, by: -1) {
            switch inner[i].kind {
            case .pointerType, .referenceType, .rvalueReferenceType:
                paren = true
            case .typeWithQualifiers, .complexType, .imaginaryType, .ptrMem:
                space = true
                paren = true
            default:
                break
            }
            if paren { break }
        }
        if paren {
            if !space && last != UInt8(ascii: "(") && last != UInt8(ascii: "*") { space = true }
            if space && last != 32 { writeByte(32) }
            writeByte(UInt8(ascii: "("))
        }
        let save = printInner(prefixOnly: true)
        if paren { writeByte(UInt8(ascii: ")")) }
        writeByte(UInt8(ascii: "("))
        var first = true
        for arg in ft.functionArgs where !isEmpty(arg) {
            if !first { writeString(", ") }
            print(arg)
            first = false
        }
        writeByte(UInt8(ascii: ")"))
        inner = save
        _ = printInner(prefixOnly: false)
    }

    mutating func parenthesize(_ val: ItaniumNode?) {
        guard let val else { return }
        var paren = false
        switch val.kind {
        case .name, .initializerList: break
        case .functionParam: paren = llvmStyle
        case .qualified: paren = val.flag
        default: paren = true
        }
        if paren { writeByte(UInt8(ascii: "(")) }
        print(val)
        if paren { writeByte(UInt8(ascii: ")")) }
    }

    mutating func printClosureTypes(_ cl: ItaniumNode) {
        let nTemplate = cl.num2
        if nTemplate > 0 {
            writeString("<")
            for (i, x) in cl.kids.prefix(nTemplate).enumerated() {
                if i > 0 { writeString(", ") }
                print(x)
            }
            writeString(">")
        }
        writeString("(")
        for (i, t) in cl.kids.dropFirst(nTemplate).enumerated() {
            if i > 0 { writeString(", ") }
            print(t)
        }
        writeString(")")
    }

    mutating func printUnary(_ u: ItaniumNode) {
        let opNode = u.kid(0)
        let op = opNode?.kind == .operator ? opNode : nil
        var expr = u.kid(1)
        if !llvmStyle, let op, op.text == "&", let e = expr, e.kind == .typed, e.kid(1)?.kind == .functionType {
            expr = e.kid(0)
        }
        if u.flag { parenthesize(expr) }
        if let op {
            writeString(op.text)
            if llvmStyle && op.text == "noexcept" { writeByte(32) }
        } else if let c = opNode, c.kind == .cast {
            writeByte(UInt8(ascii: "("))
            print(c.kid(0))
            writeByte(UInt8(ascii: ")"))
        } else {
            print(opNode)
        }
        if !u.flag {
            let isDelete = op != nil && (op?.text == "delete " || op?.text == "delete[] ")
            if let op, op.text == "::" {
                print(expr)
            } else if u.flag2 {
                writeByte(UInt8(ascii: "("))
                print(expr)
                writeByte(UInt8(ascii: ")"))
            } else if let op, op.text == "__alignof__" {
                writeByte(UInt8(ascii: "("))
                print(expr)
                writeByte(UInt8(ascii: ")"))
            } else if llvmStyle {
                let p = op == nil || (op?.text != "operator\"\" " && !isDelete)
                if p { writeByte(UInt8(ascii: "(")) }
                print(expr)
                if p { writeByte(UInt8(ascii: ")")) }
            } else {
                parenthesize(expr)
            }
        }
    }

    static func isDesignatedInitializer(_ x: ItaniumNode?) -> Bool {
        guard let x, let op = x.kid(0), op.kind == .operator else { return false }
        switch x.kind {
        case .binary:
            if op.text == "]=" { return true }
            if op.text != "=" { return false }
            if x.kid(1)?.kind == .literal { return false }
            return true
        case .trinary:
            return op.text == "[...]="
        default:
            return false
        }
    }

    mutating func printBinary(_ b: ItaniumNode) {
        let op = b.kid(0)?.kind == .operator ? b.kid(0) : nil
        let opName = op?.text
        if let n = opName, n.contains("cast") {
            writeString(n)
            writeByte(UInt8(ascii: "<"))
            print(b.kid(1))
            writeString(">(")
            print(b.kid(2))
            writeByte(UInt8(ascii: ")"))
            return
        }
        if Self.isDesignatedInitializer(b), let n = opName {
            writeByte(n == "=" ? UInt8(ascii: ".") : UInt8(ascii: "["))
            print(b.kid(1))
            if n == "]=" { writeByte(UInt8(ascii: "]")) }
            if Self.isDesignatedInitializer(b.kid(2)) {
                print(b.kid(2))
            } else if llvmStyle {
                writeString(" = ")
                print(b.kid(2))
            } else {
                writeByte(UInt8(ascii: "="))
                parenthesize(b.kid(2))
            }
            return
        }
        if opName == ">" { writeByte(UInt8(ascii: "(")) }
        var left = b.kid(1)
        var skipParens = false
        var skipBothParens = false
        var addSpaces = llvmStyle
        if llvmStyle, let n = opName {
            switch n {
            case ".", "->":
                skipBothParens = true
                addSpaces = false
            case "->*":
                skipParens = true
                addSpaces = false
            default: break
            }
        }
        if opName == "()" {
            if let ty = b.kid(1), ty.kind == .typed {
                if let ft = ty.kid(1), ft.kind == .functionType {
                    if ft.kid(0) == nil {
                        left = ty.kid(0)
                    } else {
                        skipParens = true
                    }
                } else {
                    left = ty.kid(0)
                }
            }
            if llvmStyle { skipParens = true }
        }
        if skipParens || skipBothParens {
            print(left)
        } else if llvmStyle {
            writeByte(UInt8(ascii: "("))
            print(left)
            writeByte(UInt8(ascii: ")"))
        } else {
            parenthesize(left)
        }
        if opName == "[]" {
            writeByte(UInt8(ascii: "["))
            print(b.kid(2))
            writeByte(UInt8(ascii: "]"))
            return
        }
        if let n = opName {
            if n != "()" {
                if addSpaces { writeByte(32) }
                writeString(n)
                if addSpaces { writeByte(32) }
            }
        } else {
            print(b.kid(0))
        }
        if skipBothParens {
            print(b.kid(2))
        } else if llvmStyle {
            writeByte(UInt8(ascii: "("))
            print(b.kid(2))
            writeByte(UInt8(ascii: ")"))
        } else {
            parenthesize(b.kid(2))
        }
        if opName == ">" { writeByte(UInt8(ascii: ")")) }
    }

    mutating func printTrinary(_ t: ItaniumNode) {
        if Self.isDesignatedInitializer(t) {
            writeByte(UInt8(ascii: "["))
            print(t.kid(1))
            writeString(" ... ")
            print(t.kid(2))
            writeByte(UInt8(ascii: "]"))
            if Self.isDesignatedInitializer(t.kid(3)) {
                print(t.kid(3))
            } else if llvmStyle {
                writeString(" = ")
                print(t.kid(3))
            } else {
                writeByte(UInt8(ascii: "="))
                parenthesize(t.kid(3))
            }
            return
        }
        parenthesize(t.kid(1))
        if llvmStyle { writeString(" ? ") } else { writeByte(UInt8(ascii: "?")) }
        parenthesize(t.kid(2))
        writeString(" : ")
        parenthesize(t.kid(3))
    }

    mutating func printFold(_ f: ItaniumNode) {
        let op = f.kid(0)?.kind == .operator ? f.kid(0) : nil
        func printOp(_ p: inout ItaniumPrinter) {
            if let op {
                if p.llvmStyle { p.writeByte(32) }
                p.writeString(op.text)
                if p.llvmStyle { p.writeByte(32) }
            } else {
                p.print(f.kid(0))
            }
        }
        func foldParen(_ p: inout ItaniumPrinter, _ a: ItaniumNode?) {
            if a?.kind == .argumentPack || !p.llvmStyle {
                p.parenthesize(a)
            } else {
                p.print(a)
            }
        }
        if f.kid(2) == nil {
            if f.flag {
                writeString("(...")
                printOp(&self)
                foldParen(&self, f.kid(1))
                writeString(")")
            } else {
                writeString("(")
                foldParen(&self, f.kid(1))
                printOp(&self)
                writeString("...)")
            }
        } else {
            writeString("(")
            foldParen(&self, f.kid(1))
            printOp(&self)
            writeString("...")
            printOp(&self)
            foldParen(&self, f.kid(2))
            writeString(")")
        }
    }

    mutating func printNew(_ n: ItaniumNode) {
        if !llvmStyle {
            writeString("new ")
        } else if let op = n.kid(0), op.kind == .operator {
            writeString(op.text)
            if n.kid(1) == nil { writeByte(32) }
        } else {
            print(n.kid(0))
        }
        if let place = n.kid(1) {
            parenthesize(place)
            writeByte(32)
        }
        print(n.kid(2))
        if let ini = n.kid(3) { parenthesize(ini) }
    }

    static let integerSuffix: [String: String] = [
        "int": "", "unsigned int": "u", "long": "l", "unsigned long": "ul", "long long": "ll",
        "unsigned long long": "ull",
    ]
    static let floatTypes: Set<String> = ["double", "long double", "float", "__float128", "half"]

    mutating func printLiteral(_ l: ItaniumNode) {
        var isFloat = false
        if let b = l.kid(0), b.kind == .builtinType {
            if let suffix = Self.integerSuffix[b.text] {
                if l.flag { writeByte(UInt8(ascii: "-")) }
                writeString(l.text)
                writeString(suffix)
                return
            } else if b.text == "bool" && !l.flag {
                if l.text == "0" {
                    writeString("false")
                    return
                } else if l.text == "1" {
                    writeString("true")
                    return
                }
            } else if b.text == "decltype(nullptr)" && l.text.isEmpty {
                if llvmStyle { writeString("nullptr") } else { print(b) }
                return
            } else {
                isFloat = Self.floatTypes.contains(b.text)
            }
        }
        writeByte(UInt8(ascii: "("))
        print(l.kid(0))
        writeByte(UInt8(ascii: ")"))
        if isFloat { writeByte(UInt8(ascii: "[")) }
        if l.flag { writeByte(UInt8(ascii: "-")) }
        writeString(l.text)
        if isFloat { writeByte(UInt8(ascii: "]")) }
    }
}
