import Foundation
import PprofModel

/// pprof `escapeForDot`: backslashes and quotes escaped, newlines turned into Graphviz's
/// left-justified line break, so any name is one well-formed DOT string.
package func escapeForDot(_ s: String) -> String {
    guard s.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" || $0 == "\r\n" }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for u in s.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\l"
        default: out.unicodeScalars.append(u)
        }
    }
    return out
}

/// pprof `graph.ShortenFunctionName`: drops Go package paths and module versions, Java
/// packages and argument lists, and C++ namespaces, keeping the type and method.
/// pprof does this with four regexes; here each is a hand-written scan with the same
/// leftmost-greedy result (`.` never crosses a newline, `\w` is ASCII). Since upstream #743
/// the Go pattern wants a dot in what it keeps (`foo/xyz` stays whole); Go 1.19 did not.
package func shortenFunctionName(_ name: String, compat: Compat = .current) -> String {
    var f = Array(name.utf8)
    let anon = Array("(anonymous namespace)::".utf8)
    if f.starts(with: anon) { f.removeFirst(anon.count) }
    f = removeGoModuleVersion(f)
    let go = compat == .go119 ? goPackageSuffix(f) : goQualifiedSuffix(f)
    if let m = go ?? javaMethod(f) ?? cppMethod(f) {
        return String(decoding: m, as: UTF8.self)
    }
    return String(decoding: f, as: UTF8.self)
}

private let nl = UInt8(ascii: "\n")

@inline(__always) private func isWord(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
}
@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) private func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
@inline(__always) private func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

/// `^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$` -> `$1$2`: the leftmost `/vN` major-version
/// element followed by `.` or `/`; the whole name must be one line.
private func removeGoModuleVersion(_ f: [UInt8]) -> [UInt8] {
    if f.contains(nl) { return f }
    var i = 0
    while i + 1 < f.count {
        if f[i] == UInt8(ascii: "/") && f[i + 1] == UInt8(ascii: "v") {
            var j = i + 2
            while j < f.count && isDigit(f[j]) { j += 1 }
            let digits = j - (i + 2)
            let ok = (digits == 1 && f[i + 2] >= UInt8(ascii: "2")) || (digits >= 2 && f[i + 2] != UInt8(ascii: "0"))
            if ok && j < f.count && (f[j] == UInt8(ascii: ".") || f[j] == UInt8(ascii: "/")) {
                return Array(f[0..<i]) + Array(f[j...])
            }
        }
        i += 1
    }
    return f
}

/// Where each leading `element/` of `^(?:[\w\-\.]+\/)+` ends (index just past the slash).
private func goPathElementEnds(_ f: [UInt8]) -> [Int] {
    var ends: [Int] = []
    var i = 0
    while true {
        var j = i
        while j < f.count && (isWord(f[j]) || f[j] == UInt8(ascii: "-") || f[j] == UInt8(ascii: ".")) { j += 1 }
        guard j > i, j < f.count, f[j] == UInt8(ascii: "/") else { break }
        ends.append(j + 1)
        i = j + 1
    }
    return ends
}

/// Upstream's `^(?:[\w\-\.]+\/)+([^.]+\..+)`: from the latest element end where one or more
/// non-dots (newlines included, as in a Go negated class), a dot and a non-newline follow; the
/// group runs to the end of that line.
private func goQualifiedSuffix(_ f: [UInt8]) -> ArraySlice<UInt8>? {
    for start in goPathElementEnds(f).reversed() {
        var j = start
        while j < f.count && f[j] != UInt8(ascii: ".") { j += 1 }
        guard j > start, j + 1 < f.count, f[j + 1] != nl else { continue }
        let stop = f[(j + 1)...].firstIndex(of: nl) ?? f.count
        return f[start..<stop]
    }
    return nil
}

/// `^(?:[\w\-\.]+\/)+(.+)`: what follows the last path element, up to the end of the line.
private func goPackageSuffix(_ f: [UInt8]) -> ArraySlice<UInt8>? {
    for start in goPathElementEnds(f).reversed() where start < f.count && f[start] != nl {
        let stop = f[start...].firstIndex(of: nl) ?? f.count
        return f[start..<stop]
    }
    return nil
}

/// `^(?:[a-z]\w*\.)*([A-Z][\w\$]*\.(?:<init>|[a-z][\w\$]*(?:\$\d+)?))(?:(?:\()|$)`.
private func javaMethod(_ f: [UInt8]) -> ArraySlice<UInt8>? {
    var i = 0
    while i < f.count && isLower(f[i]) {
        var j = i + 1
        while j < f.count && isWord(f[j]) { j += 1 }
        guard j < f.count && f[j] == UInt8(ascii: ".") else { break }
        i = j + 1
    }
    let start = i
    guard i < f.count && isUpper(f[i]) else { return nil }
    i += 1
    while i < f.count && (isWord(f[i]) || f[i] == UInt8(ascii: "$")) { i += 1 }
    guard i < f.count && f[i] == UInt8(ascii: ".") else { return nil }
    i += 1
    let initTag = Array("<init>".utf8)
    if f[i...].starts(with: initTag) {
        i += initTag.count
    } else {
        guard i < f.count && isLower(f[i]) else { return nil }
        i += 1
        while i < f.count && (isWord(f[i]) || f[i] == UInt8(ascii: "$")) { i += 1 }
    }
    guard i == f.count || f[i] == UInt8(ascii: "(") else { return nil }
    return f[start..<i]
}

/// `^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)`: from the last
/// `Class::method` whose class starts (after underscores) with a capital letter.
private func cppMethod(_ f: [UInt8]) -> ArraySlice<UInt8>? {
    func identEnd(_ i: Int) -> Int? {
        guard i < f.count, isWord(f[i]), !isDigit(f[i]) else { return nil }
        var j = i + 1
        while j < f.count && isWord(f[j]) { j += 1 }
        return j
    }
    func colons(_ j: Int) -> Bool { j + 1 < f.count && f[j] == UInt8(ascii: ":") && f[j + 1] == UInt8(ascii: ":") }
    var starts: [Int] = [0]  // start of each identifier reached through "ident::"
    var i = 0
    while let j = identEnd(i), colons(j) {
        i = j + 2
        starts.append(i)
    }
    // The greedy prefix tries the most namespace elements first; at least one is required.
    for k in stride(from: starts.count - 1, through: 1, by: -1) {
        let s = starts[k]
        var j = s
        while j < f.count && f[j] == UInt8(ascii: "_") { j += 1 }
        guard j < f.count, isUpper(f[j]) else { continue }
        while j < f.count && isWord(f[j]) { j += 1 }
        guard colons(j) else { continue }
        j += 2
        if j < f.count && f[j] == UInt8(ascii: "~") { j += 1 }
        guard let e = identEnd(j) else { continue }
        var end = e
        if end < f.count && f[end] == UInt8(ascii: "<") {
            let lineEnd = f[end...].firstIndex(of: nl) ?? f.count
            if let close = f[end..<lineEnd].lastIndex(of: UInt8(ascii: ">")) { end = close + 1 }
        }
        return f[s..<end]
    }
    return nil
}

/// pprof `multilinePrintableName`: the short name split at `::` and `.` onto lines (Go's
/// `[...]` type-parameter marker kept whole), the file reduced to its base name.
func multilinePrintableName(_ info: NodeInfo, compat: Compat) -> String {
    var i = info
    var name = escapeForDot(shortenFunctionName(i.name, compat: compat))
    name = name.replacingOccurrences(of: "::", with: "\\n")
    name = name.replacingOccurrences(of: "[...]", with: "[…]")
    name = name.replacingOccurrences(of: ".", with: "\\n")
    i.name = name
    if !i.file.isEmpty { i.file = escapeForDot(goPathBase(i.file)) }
    i.objfile = escapeForDot(i.objfile)
    return i.nameComponents().joined(separator: "\\n") + "\\n"
}

/// pprof `dotColor`: grey near 0, shading to red for positive and green for negative
/// scores in [-1, 1]; light (background) or dark (foreground) variants.
package func dotColor(_ score: Double, background: Bool) -> String {
    let shift = 0.7
    var saturation = background ? 0.1 : 1.0
    let value = background ? 0.93 : 0.7
    var score = Swift.max(-1.0, Swift.min(1.0, score))
    if score.isNaN { score = 0 }
    if abs(score) < 0.2 { saturation *= abs(score) / 0.2 }
    if score > 0 { score = pow(score, 1.0 - shift) }
    if score < 0 { score = -pow(-score, 1.0 - shift) }
    var r: Double
    var g: Double
    if score < 0 {
        g = value
        r = value * (1 + saturation * score)
    } else {
        r = value
        g = value * (1 - saturation * score)
    }
    let b = value * (1 - saturation)
    func byte(_ x: Double) -> String {
        let v = x * 255.0
        let n = v.isFinite ? UInt8(Swift.max(0, Swift.min(255, v.rounded(.towardZero)))) : 0
        let h = String(n, radix: 16)
        return h.count == 1 ? "0" + h : h
    }
    return "#" + byte(r) + byte(g) + byte(b)
}

/// The DOT text handed to Graphviz: control characters other than tab and newline become
/// their visible "control picture" (Graphviz rejects NUL outright and copies the rest into
/// SVG, where XML forbids them). `-dot` itself stays byte-for-byte pprof's.
package func dotForGraphviz(_ dot: String) -> String {
    shortenDotStrings(replacingControlCharacters(dot))
}

private func replacingControlCharacters(_ dot: String) -> String {
    guard dot.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) else { return dot }
    var out = String.UnicodeScalarView()
    for u in dot.unicodeScalars {
        if u.value < 0x20 && u != "\n" && u != "\t" {
            out.append(Unicode.Scalar(0x2400 + u.value) ?? "\u{FFFD}")
        } else {
            out.append(u)
        }
    }
    return String(out)
}

/// Graphviz refuses a quoted string of 16384 bytes or more ("syntax error ... longer than
/// 16384?"); pprof hands such names over as they are and dot fails. Each longer string is cut
/// at `dotStringLimit` bytes (on a character, never inside an escape) and ends in "…", so the
/// graph still renders; every string of ordinary names is far shorter and stays as it is.
let dotStringLimit = 16000

func shortenDotStrings(_ dot: String) -> String {
    let bytes = Array(dot.utf8)
    // Cheap check first: no run between quotes can be long without the whole text being.
    guard bytes.count > dotStringLimit else { return dot }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    var changed = false
    while i < bytes.count {
        let b = bytes[i]
        out.append(b)
        i += 1
        guard b == UInt8(ascii: "\"") else { continue }
        // A quoted string: find its closing quote, skipping escapes.
        let start = i
        var j = i
        while j < bytes.count && bytes[j] != UInt8(ascii: "\"") {
            j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1
        }
        let end = min(j, bytes.count)
        if end - start > dotStringLimit {
            var cut = start + dotStringLimit - 3
            // Back off to a scalar boundary (not a UTF-8 continuation byte)...
            while cut > start && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            // ...and out of an escape: an odd run of backslashes before the cut.
            var k = cut
            while k > start && bytes[k - 1] == UInt8(ascii: "\\") { k -= 1 }
            if (cut - k) % 2 == 1 { cut -= 1 }
            out += bytes[start..<cut]
            out += Array("…".utf8)
            changed = true
        } else {
            out += bytes[start..<end]
        }
        if end < bytes.count { out.append(bytes[end]) }
        i = end + 1
    }
    return changed ? String(decoding: out, as: UTF8.self) : dot
}
