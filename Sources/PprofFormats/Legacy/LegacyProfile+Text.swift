import PprofModel

/// Go library behaviour the legacy parsers depend on, over raw bytes: `bufio.Scanner` lines,
/// `strings.TrimSpace`/`Fields`, and `strconv.ParseInt`/`ParseUint` with their error texts.

/// `bufio.Scanner` with `ScanLines`: "\n"-separated lines, a trailing "\r" dropped, and Go's
/// 64 KiB token limit (a longer line stops the scan with "token too long").
struct LegacyLineScanner {
    static let maxTokenSize = 64 * 1024
    let data: [UInt8]
    var pos: Int
    /// The current line (`Scanner.Text`): empty after the end, the last good line after an error.
    private(set) var text: [UInt8] = []
    private(set) var error: String?

    init(_ data: [UInt8], from start: Int = 0) {
        self.data = data
        self.pos = start
    }

    mutating func scan() -> Bool {
        if error != nil { return false }
        if pos >= data.count {
            text = []
            return false
        }
        var end = pos
        while end < data.count && data[end] != 10 { end += 1 }
        if end - pos >= Self.maxTokenSize {
            error = "bufio.Scanner: token too long"
            return false
        }
        var lineEnd = end
        if lineEnd > pos && data[lineEnd - 1] == 13 { lineEnd -= 1 }
        text = Array(data[pos..<lineEnd])
        pos = end < data.count ? end + 1 : end
        return true
    }

    /// `s.Err()` as the parsers use it: a failure that is not "unrecognized".
    func check() throws(LegacyFailure) {
        if let error { throw .failed(error) }
    }
}

/// Why a legacy parser gave up: not its format (the next one is tried), or a real error.
enum LegacyFailure: Error, Equatable {
    case unrecognized
    case failed(String)

    static let malformed = LegacyFailure.failed("malformed profile format")
}

enum LegacyText {
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }

    /// Length of a Unicode White_Space encoding starting at `i` (0 if none), as `unicode.IsSpace`.
    static func spaceLength(_ s: [UInt8], at i: Int) -> Int {
        let b = s[i]
        if b < 0x80 { return isASCIISpace(b) ? 1 : 0 }
        let rest = s.count - i
        if b == 0xC2 && rest >= 2 && (s[i + 1] == 0x85 || s[i + 1] == 0xA0) { return 2 }
        guard rest >= 3 else { return 0 }
        let b1 = s[i + 1]
        let b2 = s[i + 2]
        if b == 0xE1 && b1 == 0x9A && b2 == 0x80 { return 3 }
        if b == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) {
            return 3
        }
        if b == 0xE2 && b1 == 0x81 && b2 == 0x9F { return 3 }
        if b == 0xE3 && b1 == 0x80 && b2 == 0x80 { return 3 }
        return 0
    }

    /// Length of a White_Space encoding ending just before `end` (0 if none).
    static func spaceLength(_ s: [UInt8], endingAt end: Int) -> Int {
        for w in 1...3 where end - w >= 0 && spaceLength(s, at: end - w) == w {
            return w
        }
        return 0
    }

    static func trimSpace(_ s: [UInt8]) -> [UInt8] {
        var lo = 0
        var hi = s.count
        while lo < hi {
            let w = spaceLength(s, at: lo)
            if w == 0 { break }
            lo += w
        }
        while hi > lo {
            let w = spaceLength(s, endingAt: hi)
            if w == 0 || hi - w < lo { break }
            hi -= w
        }
        return Array(s[lo..<hi])
    }

    /// pprof's `isSpaceOrComment`: blank, or starting with "#" once trimmed.
    static func isSpaceOrComment(_ line: [UInt8]) -> Bool {
        let t = trimSpace(line)
        return t.isEmpty || t[0] == UInt8(ascii: "#")
    }

    static func hasPrefix(_ s: [UInt8], _ prefix: String) -> Bool { s.starts(with: prefix.utf8) }

    static func contains(_ s: [UInt8], _ needle: String) -> Bool { find(Array(needle.utf8), in: s, from: 0) != nil }

    static func find(_ needle: [UInt8], in s: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty else { return from }
        var i = from
        while i + needle.count <= s.count {
            if s[i] == needle[0] && s[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func string(_ s: [UInt8]) -> String { String(decoding: s, as: UTF8.self) }

    /// pprof's `isMemoryMapSentinel`.
    static func isMemoryMapSentinel(_ line: [UInt8]) -> Bool {
        contains(line, "--- Memory map: ---") || contains(line, "MAPPED_LIBRARIES:")
    }

    /// pprof's `parseHexAddresses`: every `0x[0-9a-f]+` in `s` as a 64-bit number.
    static func hexAddresses(_ s: [UInt8]) throws(LegacyFailure) -> [UInt64] {
        var out: [UInt64] = []
        var i = 0
        while i + 2 < s.count {
            guard s[i] == UInt8(ascii: "0"), s[i + 1] == UInt8(ascii: "x"), lowerHex(s[i + 2]) != nil else {
                i += 1
                continue
            }
            var j = i + 2
            var v: UInt64 = 0
            var overflow = false
            while j < s.count, let d = lowerHex(s[j]) {
                if v > UInt64.max >> 4 { overflow = true }
                v = v &<< 4 | UInt64(d)
                j += 1
            }
            if overflow {
                throw .failed("failed to parse as hex 64-bit number: \(string(Array(s[i..<j])))")
            }
            out.append(v)
            i = j
        }
        return out
    }

    static func lowerHex(_ b: UInt8) -> UInt8? {
        if b >= 48 && b <= 57 { return b - 48 }
        if b >= 97 && b <= 102 { return b - 87 }
        return nil
    }

    static func digitValue(_ b: UInt8) -> UInt8? {
        if b >= 48 && b <= 57 { return b - 48 }
        if b >= 97 && b <= 122 { return b - 87 }
        if b >= 65 && b <= 90 { return b - 55 }
        return nil
    }

    enum NumberError: Error { case syntax, range }

    /// `strconv.ParseUint(s, base, 64)` (base 0: prefixes 0x/0o/0b, leading 0 = octal, "_" allowed).
    static func parseUint(_ s: [UInt8], base baseIn: Int) throws(NumberError) -> UInt64 {
        if s.isEmpty { throw .syntax }
        var digits = s[...]
        var base = baseIn
        let base0 = baseIn == 0
        if base0 {
            base = 10
            if s[0] == UInt8(ascii: "0") {
                let l = s.count >= 3 ? s[1] | 0x20 : 0
                if l == UInt8(ascii: "b") {
                    base = 2
                    digits = s[2...]
                } else if l == UInt8(ascii: "o") {
                    base = 8
                    digits = s[2...]
                } else if l == UInt8(ascii: "x") {
                    base = 16
                    digits = s[2...]
                } else {
                    base = 8
                    digits = s[1...]
                }
            }
        }
        var v: UInt64 = 0
        var underscores = false
        var rangeError = false
        for b in digits {
            if b == UInt8(ascii: "_") && base0 {
                underscores = true
                continue
            }
            guard let d = digitValue(b), Int(d) < base else { throw .syntax }
            let (m, o1) = v.multipliedReportingOverflow(by: UInt64(base))
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { rangeError = true }
            v = a
        }
        if underscores && !underscoreOK(s) { throw .syntax }
        if rangeError { throw .range }
        return v
    }

    /// `strconv.ParseInt(s, base, 64)`.
    static func parseInt(_ s: [UInt8], base: Int) throws(NumberError) -> Int64 {
        if s.isEmpty { throw .syntax }
        var body = s
        var negative = false
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") {
            negative = s[0] == UInt8(ascii: "-")
            body = Array(s[1...])
        }
        let u = try parseUint(body, base: base)
        if negative {
            if u > UInt64(1) << 63 { throw .range }
            return Int64(bitPattern: 0 &- u)
        }
        if u >= UInt64(1) << 63 { throw .range }
        return Int64(u)
    }

    /// Go's rule that "_" may only separate digits (after an optional sign and base prefix).
    static func underscoreOK(_ s0: [UInt8]) -> Bool {
        var s = s0[...]
        var saw = UInt8(ascii: "^")
        if let f = s.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { s = s.dropFirst() }
        var hex = false
        if s.count >= 2, s[s.startIndex] == UInt8(ascii: "0") {
            let l = s[s.startIndex + 1] | 0x20
            if l == UInt8(ascii: "b") || l == UInt8(ascii: "o") || l == UInt8(ascii: "x") {
                hex = l == UInt8(ascii: "x")
                saw = UInt8(ascii: "0")
                s = s.dropFirst(2)
            }
        }
        for b in s {
            if (b >= 48 && b <= 57) || (hex && lowerHex(b | 0x20) != nil) {
                saw = UInt8(ascii: "0")
                continue
            }
            if b == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// Go's error text for a failed `strconv` call, e.g. `strconv.ParseInt: parsing "x": invalid syntax`.
    static func numberError(_ fn: String, _ s: [UInt8], _ e: NumberError) -> String {
        let reason = e == .syntax ? "invalid syntax" : "value out of range"
        return "strconv.\(fn): parsing \(GoQuote.quote(string(s))): \(reason)"
    }

    /// Go's `float64` to `int64` conversion as amd64 performs it (out of range and NaN give the
    /// most negative value), where Swift would trap.
    static func goInt64(_ d: Double) -> Int64 {
        if d.isNaN || d >= 9_223_372_036_854_775_808.0 || d < -9_223_372_036_854_775_808.0 { return Int64.min }
        return Int64(d)
    }

    /// Go's integer division (x / -1 wraps instead of trapping); `d` must not be 0.
    static func divide(_ x: Int64, _ d: Int64) -> Int64 {
        x.dividedReportingOverflow(by: d).partialValue
    }
}
