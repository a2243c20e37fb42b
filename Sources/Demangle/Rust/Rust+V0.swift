/// Rust v0 symbol names (`_R...`, RFC 2603), printed as github.com/ianlancetaylor/demangle
/// prints them: generic arguments are always shown, the instantiating crate and any `.suffix`
/// are dropped, the hash-like disambiguators of crate roots are not printed.
struct RustV0Demangler {
    let orig: [UInt8]
    var pos: Int
    var out: [UInt8] = []
    /// Parse without printing (instantiating crate, impl paths, backrefs while skipping).
    var skip = false
    var lifetimes: Int64 = 0
    var last: UInt8 = 0
    var depth = 0
    /// End of the visible input (a backref re-parses `orig[target..<backref]`).
    var end: Int
    /// Grammar steps taken; backrefs can nest, so work is bounded as well as depth.
    var steps = 0

    init(orig: [UInt8], pos: Int) {
        self.orig = orig
        self.pos = pos
        end = orig.count
    }

    let maxDepth = DemangleStack.depthLimit(inline: 96)
    static let maxSteps = 1 << 20
    static let maxOutput = 1 << 20

    static func demangle(_ bytes: [UInt8], _ options: DemangleOptions) -> String? {
        var name = bytes[...]
        var suffix: ArraySlice<UInt8> = []
        if let dot = name.firstIndex(of: UInt8(ascii: ".")) {
            suffix = name[dot...]
            name = name[..<dot]
        }
        var d = RustV0Demangler(orig: Array(name.dropFirst(2)), pos: 0)
        do {
            try d.symbolName()
            if d.pos < d.orig.count { return nil }
        } catch {
            return nil
        }
        if !suffix.isEmpty && options.contains(.llvmStyle) {
            d.skip = false
            d.writeString(" (")
            d.out.append(contentsOf: suffix)
            d.writeByte(UInt8(ascii: ")"))
        }
        return String(decoding: d.out, as: UTF8.self)
    }

    // MARK: - Output and cursor

    mutating func writeByte(_ c: UInt8) {
        if skip { return }
        last = c
        out.append(c)
    }
    mutating func writeString(_ s: String) {
        if skip { return }
        if let l = s.utf8.last {
            last = l
            out.append(contentsOf: s.utf8)
        }
    }
    mutating func writeBytes<C: Collection>(_ s: C) where C.Element == UInt8 {
        if skip { return }
        if let l = s.reversed().first {
            last = l
            out.append(contentsOf: s)
        }
    }
    func at(_ i: Int = 0) -> UInt8? {
        let p = pos + i
        return p < end ? orig[p] : nil
    }
    var rem: Int { end - pos }
    mutating func advance(_ n: Int) throws {
        if rem < n { throw DemangleFailure() }
        pos += n
    }
    mutating func checkChar(_ c: UInt8) throws {
        if at() != c { throw DemangleFailure() }
        pos += 1
    }
    mutating func enter() throws {
        depth += 1
        steps += 1
        if depth > maxDepth || steps > Self.maxSteps || out.count > Self.maxOutput { throw DemangleFailure() }
    }

    // MARK: - Grammar

    mutating func symbolName() throws {
        guard let c = at() else { throw DemangleFailure() }
        if ItaniumParser.isDigit(c) { throw DemangleFailure() }
        try path(needsSeparator: true)
        if rem > 0 {
            skip = true
            try path(needsSeparator: false)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func path(needsSeparator: Bool) throws {
        try enter()
        defer { depth -= 1 }
        guard let c = at() else { throw DemangleFailure() }
        switch c {
        case UInt8(ascii: "C"):
            try advance(1)
            let (_, ident) = try identifier()
            writeBytes(ident)
        case UInt8(ascii: "M"), UInt8(ascii: "X"):
            try advance(1)
            try implPath()
            writeByte(UInt8(ascii: "<"))
            try demangleType()
            if c == UInt8(ascii: "X") {
                writeString(" as ")
                try path(needsSeparator: false)
            }
            writeByte(UInt8(ascii: ">"))
        case UInt8(ascii: "Y"):
            try advance(1)
            writeByte(UInt8(ascii: "<"))
            try demangleType()
            writeString(" as ")
            try path(needsSeparator: false)
            writeByte(UInt8(ascii: ">"))
        case UInt8(ascii: "N"):
            try advance(1)
            guard let ns = at(), ItaniumParser.isLower(ns) || ItaniumParser.isUpper(ns) else { throw DemangleFailure() }
            try advance(1)
            try path(needsSeparator: needsSeparator)
            let (dis, ident) = try identifier()
            if ItaniumParser.isUpper(ns) {
                writeString("::{")
                switch ns {
                case UInt8(ascii: "C"): writeString("closure")
                case UInt8(ascii: "S"): writeString("shim")
                default: writeByte(ns)
                }
                if !ident.isEmpty {
                    writeByte(UInt8(ascii: ":"))
                    writeBytes(ident)
                }
                if !skip {
                    out.append(contentsOf: "#\(dis)}".utf8)
                    last = UInt8(ascii: "}")
                }
            } else {
                writeString("::")
                writeBytes(ident)
            }
        case UInt8(ascii: "I"):
            try advance(1)
            try path(needsSeparator: needsSeparator)
            if needsSeparator { writeString("::") }
            writeByte(UInt8(ascii: "<"))
            var first = true
            while let x = at(), x != UInt8(ascii: "E") {
                if first { first = false } else { writeString(", ") }
                try genericArg()
            }
            writeByte(UInt8(ascii: ">"))
            try checkChar(UInt8(ascii: "E"))
        case UInt8(ascii: "B"):
            try backref { try $0.path(needsSeparator: needsSeparator) }
        default:
            throw DemangleFailure()
        }
    }

    mutating func implPath() throws {
        let hold = skip
        skip = true
        defer { skip = hold }
        _ = try disambiguator()
        try path(needsSeparator: false)
    }

    mutating func identifier() throws -> (Int64, [UInt8]) {
        let dis = try disambiguator()
        let (ident, _) = try undisambiguatedIdentifier()
        return (dis, ident)
    }

    mutating func disambiguator() throws -> Int64 {
        if at() != UInt8(ascii: "s") { return 0 }
        try advance(1)
        return try base62Number() + 1
    }

    mutating func undisambiguatedIdentifier() throws -> ([UInt8], Bool) {
        var isPunycode = false
        if at() == UInt8(ascii: "u") {
            try advance(1)
            isPunycode = true
        }
        let val = try decimalNumber()
        if at() == UInt8(ascii: "_") { try advance(1) }
        if rem < val { throw DemangleFailure() }
        var id = Array(orig[pos..<(pos + val)])
        try advance(val)
        for c in id {
            if !(ItaniumParser.isDigit(c) || ItaniumParser.isUpper(c) || ItaniumParser.isLower(c) || c == UInt8(ascii: "_")) {
                throw DemangleFailure()
            }
        }
        if isPunycode { id = try expandPunycode(id) }
        return (id, isPunycode)
    }

    /// RFC 3492 section 6.2 decoding, Rust's variant (`_` separates the basic code points).
    func expandPunycode(_ s: [UInt8]) throws -> [UInt8] {
        let base = 36, tmin = 1, tmax = 26, skew = 38, damp = 700
        var output: [UInt32] = []
        var encoding = s[...]
        if let idx = s.lastIndex(of: UInt8(ascii: "_")) {
            output = s[..<idx].map { UInt32($0) }
            encoding = s[(idx + 1)...]
        }
        var i = 0
        var n = 128
        var bias = 72
        var p = encoding.startIndex
        while p < encoding.endIndex {
            let oldI = i
            var w = 1
            var k = base
            while true {
                if p == encoding.endIndex { throw DemangleFailure() }
                let d = encoding[p]
                p += 1
                let digit: Int
                switch d {
                case 48...57: digit = Int(d - 48) + 26
                case 65...90: digit = Int(d - 65)
                case 97...122: digit = Int(d - 97)
                default: throw DemangleFailure()
                }
                let (m, o1) = digit.multipliedReportingOverflow(by: w)
                let (sum, o2) = i.addingReportingOverflow(m)
                if o1 || o2 || sum < 0 || sum > Int(Int32.max) * 64 { throw DemangleFailure() }
                i = sum
                let t = k <= bias ? tmin : (k > bias + tmax ? tmax : k - bias)
                if digit < t { break }
                if w >= Int(Int32.max) / base { throw DemangleFailure() }
                w *= base - t
                k += base
            }
            var delta = i - oldI
            let numPoints = output.count + 1
            delta /= oldI == 0 ? damp : 2
            delta += delta / numPoints
            var kk = 0
            while delta > ((base - tmin) * tmax) / 2 {
                delta /= base - tmin
                kk += base
            }
            bias = kk + ((base - tmin + 1) * delta) / (delta + skew)
            n += i / (output.count + 1)
            if n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) { throw DemangleFailure() }
            i %= output.count + 1
            output.insert(UInt32(n), at: i)
            i += 1
        }
        var bytes: [UInt8] = []
        for u in output {
            if let sc = Unicode.Scalar(u) {
                bytes.append(contentsOf: Array(String(Character(sc)).utf8))
            } else {
                bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return bytes
    }

    mutating func genericArg() throws {
        guard let c = at() else { throw DemangleFailure() }
        if c == UInt8(ascii: "L") {
            try advance(1)
            try writeLifetime(try base62Number())
        } else if c == UInt8(ascii: "K") {
            try advance(1)
            try demangleConst()
        } else {
            try demangleType()
        }
    }

    mutating func binder() throws {
        if at() != UInt8(ascii: "G") { return }
        try advance(1)
        let binderLifetimes = try base62Number() + 1
        if binderLifetimes >= Int64(rem) - lifetimes { throw DemangleFailure() }
        writeString("for<")
        var i: Int64 = 0
        while i < binderLifetimes {
            if i > 0 { writeString(", ") }
            lifetimes += 1
            try writeLifetime(1)
            i += 1
        }
        writeString("> ")
    }

    static let basicTypes: [UInt8: String] = [
        UInt8(ascii: "a"): "i8", UInt8(ascii: "b"): "bool", UInt8(ascii: "c"): "char", UInt8(ascii: "d"): "f64",
        UInt8(ascii: "e"): "str", UInt8(ascii: "f"): "f32", UInt8(ascii: "h"): "u8", UInt8(ascii: "i"): "isize",
        UInt8(ascii: "j"): "usize", UInt8(ascii: "l"): "i32", UInt8(ascii: "m"): "u32", UInt8(ascii: "n"): "i128",
        UInt8(ascii: "o"): "u128", UInt8(ascii: "p"): "_", UInt8(ascii: "s"): "i16", UInt8(ascii: "t"): "u16",
        UInt8(ascii: "u"): "()", UInt8(ascii: "v"): "...", UInt8(ascii: "x"): "i64", UInt8(ascii: "y"): "u64",
        UInt8(ascii: "z"): "!",
    ]

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func demangleType() throws {
        try enter()
        defer { depth -= 1 }
        guard let c = at() else { throw DemangleFailure() }
        if ItaniumParser.isLower(c) {
            guard let s = Self.basicTypes[c] else { throw DemangleFailure() }
            try advance(1)
            writeString(s)
            return
        }
        switch c {
        case UInt8(ascii: "C"), UInt8(ascii: "M"), UInt8(ascii: "X"), UInt8(ascii: "Y"), UInt8(ascii: "N"),
            UInt8(ascii: "I"):
            try path(needsSeparator: false)
        case UInt8(ascii: "A"), UInt8(ascii: "S"):
            try advance(1)
            writeByte(UInt8(ascii: "["))
            try demangleType()
            if c == UInt8(ascii: "A") {
                writeString("; ")
                try demangleConst()
            }
            writeByte(UInt8(ascii: "]"))
        case UInt8(ascii: "T"):
            try advance(1)
            writeByte(UInt8(ascii: "("))
            var n = 0
            while let x = at(), x != UInt8(ascii: "E") {
                if n > 0 { writeString(", ") }
                n += 1
                try demangleType()
            }
            if n == 1 { writeByte(UInt8(ascii: ",")) }
            writeByte(UInt8(ascii: ")"))
            try checkChar(UInt8(ascii: "E"))
        case UInt8(ascii: "R"), UInt8(ascii: "Q"):
            try advance(1)
            writeByte(UInt8(ascii: "&"))
            if at() == UInt8(ascii: "L") {
                try advance(1)
                let lt = try base62Number()
                if lt > 0 {
                    try writeLifetime(lt)
                    writeByte(32)
                }
            }
            if c == UInt8(ascii: "Q") { writeString("mut ") }
            try demangleType()
        case UInt8(ascii: "P"):
            try advance(1)
            writeString("*const ")
            try demangleType()
        case UInt8(ascii: "O"):
            try advance(1)
            writeString("*mut ")
            try demangleType()
        case UInt8(ascii: "F"):
            try advance(1)
            let hold = lifetimes
            try fnSig()
            lifetimes = hold
        case UInt8(ascii: "D"):
            try advance(1)
            let hold = lifetimes
            try dynBounds()
            lifetimes = hold
            if at() != UInt8(ascii: "L") { throw DemangleFailure() }
            try advance(1)
            let lt = try base62Number()
            if lt > 0 {
                if last != 32 { writeByte(32) }
                writeString("+ ")
                try writeLifetime(lt)
            }
        case UInt8(ascii: "B"):
            try backref { try $0.demangleType() }
        default:
            throw DemangleFailure()
        }
    }

    mutating func fnSig() throws {
        try binder()
        if at() == UInt8(ascii: "U") {
            try advance(1)
            writeString("unsafe ")
        }
        if at() == UInt8(ascii: "K") {
            try advance(1)
            if at() == UInt8(ascii: "C") {
                try advance(1)
                writeString("extern \"C\" ")
            } else {
                writeString("extern \"")
                let (id, isPunycode) = try undisambiguatedIdentifier()
                if isPunycode { throw DemangleFailure() }
                writeBytes(id.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 })
                writeString("\" ")
            }
        }
        writeString("fn(")
        var first = true
        while let x = at(), x != UInt8(ascii: "E") {
            if first { first = false } else { writeString(", ") }
            try demangleType()
        }
        try checkChar(UInt8(ascii: "E"))
        writeByte(UInt8(ascii: ")"))
        if at() == UInt8(ascii: "u") {
            try advance(1)
        } else {
            writeString(" -> ")
            try demangleType()
        }
    }

    mutating func dynBounds() throws {
        writeString("dyn ")
        try binder()
        var first = true
        while let x = at(), x != UInt8(ascii: "E") {
            if first { first = false } else { writeString(" + ") }
            try dynTrait()
        }
        try checkChar(UInt8(ascii: "E"))
    }

    mutating func dynTrait() throws {
        var started = try pathStartGenerics()
        while at() == UInt8(ascii: "p") {
            try advance(1)
            if started {
                writeString(", ")
            } else {
                writeByte(UInt8(ascii: "<"))
                started = true
            }
            let (id, _) = try undisambiguatedIdentifier()
            writeBytes(id)
            writeString(" = ")
            try demangleType()
        }
        if started { writeByte(UInt8(ascii: ">")) }
    }

    mutating func pathStartGenerics() throws -> Bool {
        try enter()
        defer { depth -= 1 }
        guard let c = at() else { throw DemangleFailure() }
        switch c {
        case UInt8(ascii: "I"):
            try advance(1)
            try path(needsSeparator: false)
            writeByte(UInt8(ascii: "<"))
            var first = true
            while let x = at(), x != UInt8(ascii: "E") {
                if first { first = false } else { writeString(", ") }
                try genericArg()
            }
            try checkChar(UInt8(ascii: "E"))
            return true
        case UInt8(ascii: "B"):
            var started = false
            try backref { started = try $0.pathStartGenerics() }
            return started
        default:
            try path(needsSeparator: false)
            return false
        }
    }

    mutating func writeLifetime(_ lifetime: Int64) throws {
        writeByte(UInt8(ascii: "'"))
        if lifetime == 0 {
            writeByte(UInt8(ascii: "_"))
            return
        }
        let depth = lifetimes - lifetime
        if depth < 0 {
            throw DemangleFailure()
        } else if depth < 26 {
            writeByte(UInt8(ascii: "a") + UInt8(depth))
        } else {
            writeByte(UInt8(ascii: "z"))
            if !skip {
                out.append(contentsOf: "\(depth - 26 + 1)".utf8)
                last = UInt8(ascii: "0")
            }
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func demangleConst() throws {
        try enter()
        defer { depth -= 1 }
        guard let typ = at() else { throw DemangleFailure() }
        if typ == UInt8(ascii: "B") {
            try backref { try $0.demangleConst() }
            return
        }
        if typ == UInt8(ascii: "p") {
            try advance(1)
            writeByte(UInt8(ascii: "_"))
            return
        }
        enum Kind { case signed, unsigned, boolean, character }
        let kind: Kind
        switch typ {
        case UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "l"), UInt8(ascii: "x"), UInt8(ascii: "n"),
            UInt8(ascii: "i"):
            kind = .signed
        case UInt8(ascii: "h"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "o"),
            UInt8(ascii: "j"):
            kind = .unsigned
        case UInt8(ascii: "b"): kind = .boolean
        case UInt8(ascii: "c"): kind = .character
        default: throw DemangleFailure()
        }
        try advance(1)
        if kind == .signed && at() == UInt8(ascii: "n") {
            try advance(1)
            writeByte(UInt8(ascii: "-"))
        }
        let start = pos
        var digits = 0
        var val: UInt64 = 0
        digitLoop: while let c = at() {
            let digit: UInt64
            switch c {
            case 48...57: digit = UInt64(c - 48)
            case 97...102: digit = UInt64(c - 97 + 10)
            case UInt8(ascii: "_"):
                try advance(1)
                break digitLoop
            default:
                throw DemangleFailure()
            }
            try advance(1)
            if val == 0 && digit == 0 && at() != UInt8(ascii: "_") { throw DemangleFailure() }
            val = val &* 16 &+ digit
            digits += 1
        }
        if digits == 0 { throw DemangleFailure() }
        switch kind {
        case .signed, .unsigned:
            if digits > 16 {
                writeString("0x")
                writeBytes(orig[start..<(start + digits)])
            } else if !skip {
                out.append(contentsOf: "\(val)".utf8)
                last = UInt8(ascii: "0")
            }
        case .boolean:
            if digits > 1 { throw DemangleFailure() }
            if val == 0 {
                writeString("false")
            } else if val == 1 {
                writeString("true")
            } else {
                throw DemangleFailure()
            }
        case .character:
            if digits > 6 { throw DemangleFailure() }
            writeByte(UInt8(ascii: "'"))
            switch val {
            case 9: writeString("\\t")
            case 13: writeString("\\r")
            case 10: writeString("\\n")
            case 92: writeString("\\\\")
            case 39: writeString("\\'")
            case 32...126: writeByte(UInt8(val))
            default:
                if !skip {
                    out.append(contentsOf: "\\u{\(String(val, radix: 16))}".utf8)
                    last = UInt8(ascii: "}")
                }
            }
            writeByte(UInt8(ascii: "'"))
        }
    }

    mutating func base62Number() throws -> Int64 {
        if at() == UInt8(ascii: "_") {
            try advance(1)
            return 0
        }
        var val: Int64 = 0
        while let c = at() {
            try advance(1)
            if c == UInt8(ascii: "_") { return val &+ 1 }
            val = val &* 62
            switch c {
            case 48...57: val = val &+ Int64(c - 48)
            case 97...122: val = val &+ Int64(c - 97 + 10)
            case 65...90: val = val &+ Int64(c - 65 + 36)
            default: throw DemangleFailure()
            }
        }
        throw DemangleFailure()
    }

    /// Re-parses an earlier part of the name (`B` + offset) in place.
    mutating func backref(_ demangle: (inout RustV0Demangler) throws -> Void) throws {
        let backoff = pos
        try checkChar(UInt8(ascii: "B"))
        let idx64 = try base62Number()
        if skip { return }
        guard idx64 >= 0, idx64 < Int64(backoff) else { throw DemangleFailure() }
        let holdPos = pos
        let holdEnd = end
        pos = Int(idx64)
        end = backoff
        defer {
            pos = holdPos
            end = holdEnd
        }
        try demangle(&self)
    }

    mutating func decimalNumber() throws -> Int {
        if at() == nil { throw DemangleFailure() }
        var val = 0
        while let c = at(), ItaniumParser.isDigit(c) {
            let add = Int(c - 48)
            if val >= Int(Int32.max) / 10 - add { throw DemangleFailure() }
            val = val * 10 + add
            try advance(1)
        }
        return val
    }
}
