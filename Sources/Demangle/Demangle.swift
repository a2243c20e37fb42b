/// Options of the symbol demangler, named after github.com/ianlancetaylor/demangle's.
package struct DemangleOptions: OptionSet, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Drop function parameters (and, as upstream, clone suffixes).
    package static let noParams = DemangleOptions(rawValue: 1)
    /// Drop C++ template arguments.
    package static let noTemplateParams = DemangleOptions(rawValue: 2)
    /// Drop GCC clone suffixes such as `.constprop.0`.
    package static let noClones = DemangleOptions(rawValue: 4)
    /// Do not treat `_ZN...17h<hash>E` as a legacy Rust name.
    package static let noRust = DemangleOptions(rawValue: 8)
    /// Long forms of the standard substitutions (`std::basic_string<char, ...>` for `Ss`).
    package static let verbose = DemangleOptions(rawValue: 16)
    /// LLVM's spelling of a few constructs instead of GNU's.
    package static let llvmStyle = DemangleOptions(rawValue: 32)

    /// The options pprof's symbolizer passes for a `-symbolize=demangle=` mode
    /// (`""` default, `templates`, `full`, `none`); nil for an unknown mode.
    package static func pprofMode(_ mode: String) -> DemangleOptions? {
        switch mode {
        case "": return [.noParams, .noTemplateParams]
        case "templates": return [.noParams]
        case "full": return [.noClones]
        case "none": return []
        default: return nil
        }
    }
}

/// Demangles an Itanium C++ (`_Z...`) or Rust (legacy `_ZN...17h<hash>E`, v0 `_R...`) symbol
/// exactly as Go's `demangle.Filter` does; any name it cannot demangle is returned unchanged.
/// Long names run on a large-stack thread (`DemangleStack`); wrap a loop over many names in
/// `DemangleStack.run` to start that thread once.
package func demangleFilter(_ name: String, _ options: DemangleOptions = []) -> String {
    if name.utf8.count <= DemangleStack.inlineLength || DemangleStack.onLargeStack {
        return demangleToString(name, options) ?? name
    }
    return DemangleStack.run { demangleToString(name, options) } ?? name
}

/// nil when the name is not mangled or fails to parse.
func demangleToString(_ name: String, _ options: DemangleOptions) -> String? {
    let bytes = Array(name.utf8)
    if bytes.starts(with: [0x5F, 0x52]) {  // "_R"
        return RustV0Demangler.demangle(bytes, options)
    }
    if bytes.starts(with: Array("_ZN".utf8)) && !options.contains(.noRust) {
        var rname = bytes[...]
        if let pos = lastIndex(of: Array("E.".utf8), in: bytes), pos > 0 {
            rname = bytes[..<(pos + 1)]
        }
        let n = rname.count
        if rname.last == UInt8(ascii: "E") && n > 23 && Array(rname[(n - 20)..<(n - 17)]) == Array("17h".utf8) {
            if let s = legacyRustDemangle(Array(rname)) { return s }
        }
    }
    return itaniumDemangle(bytes, options)
}

private func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard hay.count >= needle.count else { return nil }
    var i = hay.count - needle.count
    while i >= 0 {
        if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i -= 1
    }
    return nil
}

private func firstIndex(of needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
    guard hay.count >= needle.count else { return nil }
    var i = from
    while i + needle.count <= hay.count {
        if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

/// Upstream's ToAST + ASTToString for C++ names (`_Z`, clang block invocations, `_GLOBAL_`).
func itaniumDemangle(_ bytes: [UInt8], _ options: DemangleOptions) -> String? {
    var options = options
    let parser: ItaniumParser
    var ast: ItaniumNode
    do {
        if bytes.starts(with: [0x5F, 0x5A]) {  // "_Z"
            parser = ItaniumParser(bytes, start: 2, verbose: options.contains(.verbose))
            ast = try parser.parseTop(options)
        } else if bytes.starts(with: Array("___Z".utf8)) {
            guard let block = lastIndex(of: Array("_block_invoke".utf8), in: bytes) else { return nil }
            parser = ItaniumParser(Array(bytes[..<block]), start: 4, verbose: options.contains(.verbose))
            ast = try parser.parseTop(options)
            var rest = bytes[(block + "_block_invoke".utf8.count)...]
            if rest.first == UInt8(ascii: "_") { rest = rest.dropFirst() }
            while let c = rest.first, ItaniumParser.isDigit(c) { rest = rest.dropFirst() }
            if let c = rest.first, c != UInt8(ascii: ".") { return nil }
            ast = .special("invocation function for block in ", ast)
        } else if bytes.starts(with: Array("_GLOBAL_".utf8)) {
            // The standard demangler ignores NoParams for global constructors.
            options.remove(.noParams)
            let rest = Array(bytes.dropFirst(8))
            if rest.count < 4 { return nil }
            guard [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "$")].contains(rest[0]) else { return nil }
            let ctor: Bool
            switch rest[1] {
            case UInt8(ascii: "I"): ctor = true
            case UInt8(ascii: "D"): ctor = false
            default: return nil
            }
            if rest[2] != UInt8(ascii: "_") { return nil }
            if !rest[3...].starts(with: Array("_Z".utf8)) {
                parser = ItaniumParser(bytes, start: bytes.count, verbose: false)
                ast = ItaniumNode(.globalCDtor, [.name(String(decoding: rest, as: UTF8.self))])
            } else {
                parser = ItaniumParser(bytes, start: 8 + 5, verbose: options.contains(.verbose))
                ast = ItaniumNode(.globalCDtor, [try parser.parseTop(options)])
            }
            ast.flag = ctor
        } else {
            return nil
        }
    } catch {
        return nil
    }
    var printer = ItaniumPrinter(tparams: !options.contains(.noTemplateParams), llvmStyle: options.contains(.llvmStyle))
    printer.print(ast)
    withExtendedLifetime(parser) {}
    if printer.failed { return nil }
    return String(decoding: printer.buf, as: UTF8.self)
}

extension ItaniumParser {
    /// Upstream's doDemangle: an encoding, then clone suffixes, then nothing left over.
    func parseTop(_ options: DemangleOptions) throws -> ItaniumNode {
        let params = !options.contains(.noParams)
        let clones = params && !options.contains(.noClones)
        var a = try encoding(params: params, .notForLocalName)
        if clones {
            while rem > 1 && at(0) == UInt8(ascii: ".")
                && (Self.isLower(at(1)) || at(1) == UInt8(ascii: "_") || Self.isDigit(at(1)))
            {
                a = cloneSuffix(a)
            }
        }
        if clones && !atEnd { throw DemangleFailure() }
        return a
    }
}

/// Legacy Rust names: `_ZN` + length-prefixed identifiers + `17h` + 16 hex digits + `E`,
/// with `$..$` escapes; the hash is dropped. nil when the name does not qualify.
func legacyRustDemangle(_ full: [UInt8]) -> String? {
    func hexDigit(_ c: UInt8) -> UInt8? {
        if c >= 48 && c <= 57 { return c - 48 }
        if c >= 97 && c <= 102 { return c - 97 + 10 }
        return nil
    }
    var name = Array(full.dropFirst(3))
    var seen: UInt16 = 0
    var i = name.count - 17
    while i < name.count - 1 {
        guard let d = hexDigit(name[i]) else { return nil }
        seen |= 1 << d
        i += 1
    }
    if seen.nonzeroBitCount < 5 { return nil }
    name = Array(name[..<(name.count - 20)])

    var out: [UInt8] = []
    var p = 0
    while p < name.count {
        if !ItaniumParser.isDigit(name[p]) { return nil }
        var val = 0
        while p < name.count && ItaniumParser.isDigit(name[p]) {
            let add = Int(name[p] - 48)
            if val >= Int(Int32.max) / 10 - add { return nil }
            val = val * 10 + add
            p += 1
        }
        if p < name.count && name[p] == UInt8(ascii: "_") {
            p += 1
            val -= 1
        }
        if val < 0 || name.count - p < val { return nil }
        var id = Array(name[p..<(p + val)])[...]
        p += val
        if !out.isEmpty { out.append(contentsOf: "::".utf8) }
        if id.starts(with: Array("_$".utf8)) { id = id.dropFirst() }
        escape: while let c = id.first {
            switch c {
            case UInt8(ascii: "$"):
                let a = Array(id)
                var valid = true
                if a.count > 2 && a[1] == UInt8(ascii: "C") && a[2] == UInt8(ascii: "$") {
                    out.append(UInt8(ascii: ","))
                    id = id.dropFirst(3)
                } else if a.count > 4 && a[1] == UInt8(ascii: "u") && a[4] == UInt8(ascii: "$") {
                    if let d1 = hexDigit(a[2]), let d2 = hexDigit(a[3]), d1 <= 7, (d1 << 4) | d2 >= 32 {
                        out.append((d1 << 4) | d2)
                        id = id.dropFirst(5)
                    } else {
                        valid = false
                    }
                } else if a.count > 3 && a[3] == UInt8(ascii: "$") {
                    let codes: [String: UInt8] = [
                        "SP": UInt8(ascii: "@"), "BP": UInt8(ascii: "*"), "RF": UInt8(ascii: "&"),
                        "LT": UInt8(ascii: "<"), "GT": UInt8(ascii: ">"), "LP": UInt8(ascii: "("),
                        "RP": UInt8(ascii: ")"),
                    ]
                    if let code = codes[String(decoding: a[1...2], as: UTF8.self)] {
                        out.append(code)
                        id = id.dropFirst(4)
                    } else {
                        valid = false
                    }
                } else {
                    valid = false
                }
                if !valid {
                    out.append(contentsOf: id)
                    break escape
                }
            case UInt8(ascii: "."):
                if id.starts(with: Array("..".utf8)) {
                    out.append(contentsOf: "::".utf8)
                    id = id.dropFirst(2)
                } else {
                    out.append(c)
                    id = id.dropFirst()
                }
            default:
                out.append(c)
                id = id.dropFirst()
            }
        }
    }
    return String(decoding: out, as: UTF8.self)
}
