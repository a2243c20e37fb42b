import Foundation
import PprofModel

/// What identifies one node of the graph (pprof `graph.NodeInfo`): samples whose frames
/// produce equal infos are merged into one node.
///
/// Equality is byte-wise on the strings (as in Go), not Swift's canonical equivalence, so
/// two names that differ only in Unicode normalization stay two nodes as they do in pprof.
package struct NodeInfo: Hashable, Sendable {
    package var name: String
    package var origName: String
    package var address: UInt64
    package var file: String
    package var startLine: Int
    package var lineno: Int
    package var objfile: String

    package init(
        name: String = "", origName: String = "", address: UInt64 = 0, file: String = "",
        startLine: Int = 0, lineno: Int = 0, objfile: String = ""
    ) {
        self.name = name
        self.origName = origName
        self.address = address
        self.file = file
        self.startLine = startLine
        self.lineno = lineno
        self.objfile = objfile
    }

    package static func == (a: NodeInfo, b: NodeInfo) -> Bool {
        a.address == b.address && a.lineno == b.lineno && a.startLine == b.startLine
            && goEqual(a.name, b.name) && goEqual(a.file, b.file) && goEqual(a.origName, b.origName)
            && goEqual(a.objfile, b.objfile)
    }

    // Byte-equal strings are canonically equal, so String's own hash stays consistent with `==`.
    package func hash(into h: inout Hasher) {
        h.combine(name)
        h.combine(address)
        h.combine(lineno)
        h.combine(file)
    }

    /// One part of the printed name (`forEachNamePart`).
    enum NamePart {
        case address(UInt64)
        case text(String)
        case fileLine(String, Int)
    }

    /// pprof's rule for the printed name, in order: address, function, then file:line, file,
    /// or [binary]. The one copy of it: `nameComponents` makes strings of the parts, and
    /// `appendPrintableName` writes their bytes without making any.
    @inline(__always)
    func forEachNamePart(_ body: (NamePart) -> Void) {
        if address != 0 { body(.address(address)) }
        if !name.isEmpty { body(.text(name)) }
        if lineno != 0 {
            body(.fileLine(file, lineno))
        } else if !file.isEmpty {
            body(.text(file))
        } else if !name.isEmpty {
            // The function name already identifies the node.
        } else if !objfile.isEmpty {
            body(.text("[" + goPathBase(objfile) + "]"))
        } else {
            body(.text("<unknown>"))
        }
    }

    /// The parts of the printed name (`forEachNamePart`) as strings.
    package func nameComponents() -> [String] {
        var parts: [String] = []
        forEachNamePart { part in
            switch part {
            case .address(let a): parts.append(hex16(a))
            case .text(let t): parts.append(t)
            case .fileLine(let f, let l): parts.append("\(f):\(l)")
            }
        }
        return parts
    }

    /// The name shown in reports: the components joined by one space.
    package func printableName() -> String {
        var bytes: [UInt8] = []
        appendPrintableName(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `printableName`'s UTF-8 appended to `out`, written in place because graph sorts name
    /// every node of the graph.
    func appendPrintableName(to out: inout [UInt8]) {
        var first = true
        func append(_ text: String) {
            var text = text
            text.withUTF8 { out.append(contentsOf: $0) }
        }
        forEachNamePart { part in
            if !first { out.append(UInt8(ascii: " ")) }
            first = false
            switch part {
            case .address(let a): appendHex16(a, to: &out)
            case .text(let t): append(t)
            case .fileLine(let f, let l):
                append(f)
                out.append(UInt8(ascii: ":"))
                append(String(l))
            }
        }
    }

    /// Go's `fmt.Sprint` of the struct, which pprof compares as the last tie-break.
    package func goSprint() -> String {
        "{\(name) \(origName) \(address) \(file) \(startLine) \(lineno) \(objfile)}"
    }
}

/// `%016x`: zero-padded to 16 hex digits.
func hex16(_ v: UInt64) -> String {
    var bytes: [UInt8] = []
    appendHex16(v, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// `hex16`'s digits appended to `out` (padding with String(repeating:) was a twentieth of a
/// million-node callgrind report).
func appendHex16(_ v: UInt64, to out: inout [UInt8]) {
    let end = out.count + 16
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 16))
    var i = end
    var x = v
    while x > 0 {
        i -= 1
        let d = UInt8(truncatingIfNeeded: x & 0xF)
        out[i] = d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
        x >>= 4
    }
}

/// Go string equality: the same bytes (compared with memcmp; iterating the UTF-8 views
/// was a tenth of a million-node callgrind report).
@inline(__always)
func goEqual(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && goCompare(a, b) == 0
}

/// Go string ordering: lexicographic over UTF-8 bytes (Swift's `<` normalizes first).
package func goLess(_ a: String, _ b: String) -> Bool { goCompare(a, b) < 0 }

/// The byte-wise order of two strings: negative, 0 or positive.
func goCompare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { ab in b.withUTF8 { bb in byteCompare(ab, bb) } }
}

/// The byte-wise order of two byte runs (memcmp, then the shorter first): negative, 0 or
/// positive. Go's string order; `goCompare` and `PackedStrings` compare through it.
@inline(__always)
func byteCompare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = Swift.min(a.count, b.count)
    if n > 0, let x = a.baseAddress, let y = b.baseAddress {
        let c = memcmp(x, y, n)
        if c != 0 { return Int(c) }
    }
    return a.count - b.count
}

/// Go's `filepath.Base` on Unix: the last element, trailing slashes ignored; "." for "".
func goPathBase(_ path: String) -> String {
    if path.isEmpty { return "." }
    var bytes = Array(path.utf8)
    while bytes.count > 0 && bytes[bytes.count - 1] == UInt8(ascii: "/") { bytes.removeLast() }
    if bytes.isEmpty { return "/" }
    if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
        bytes.removeSubrange(0...slash)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Go's `filepath.Clean` on Unix: lexical normalization of `.`, `..` and repeated slashes.
func goPathClean(_ path: String) -> String {
    if path.isEmpty { return "." }
    let bytes = Array(path.utf8)
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    // Fast path: nothing to clean.
    var needs = bytes.count > 1 && bytes[bytes.count - 1] == slash
    if !needs {
        var prev: UInt8 = slash
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == slash && prev == slash && i > 0 { needs = true; break }
            if c == dot && prev == slash {
                let next = i + 1 < bytes.count ? bytes[i + 1] : slash
                if next == slash { needs = true; break }
                if next == dot {
                    let next2 = i + 2 < bytes.count ? bytes[i + 2] : slash
                    if next2 == slash { needs = true; break }
                }
            }
            prev = c
            i += 1
        }
    }
    if !needs { return path }
    let rooted = bytes[0] == slash
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    if rooted { out.append(slash) }
    var dotdot = out.count  // where ".." may no longer backtrack
    var r = rooted ? 1 : 0
    let n = bytes.count
    while r < n {
        if bytes[r] == slash {
            r += 1
        } else if bytes[r] == dot && (r + 1 == n || bytes[r + 1] == slash) {
            r += 1
        } else if bytes[r] == dot && r + 1 < n && bytes[r + 1] == dot && (r + 2 == n || bytes[r + 2] == slash) {
            r += 2
            if out.count > dotdot {
                var w = out.count - 1
                while w > dotdot && out[w] != slash { w -= 1 }
                out.removeSubrange(w...)
            } else if !rooted {
                if !out.isEmpty { out.append(slash) }
                out.append(dot)
                out.append(dot)
                dotdot = out.count
            }
        } else {
            if (rooted && out.count != 1) || (!rooted && !out.isEmpty) { out.append(slash) }
            while r < n && bytes[r] != slash {
                out.append(bytes[r])
                r += 1
            }
        }
    }
    if out.isEmpty { return "." }
    return String(decoding: out, as: UTF8.self)
}
