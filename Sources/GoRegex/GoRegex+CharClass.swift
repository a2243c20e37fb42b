/// Character classes as flat `[lo, hi, lo, hi, ...]` rune pairs, with the same construction rules
/// (merging, folding, negation) as Go's `regexp/syntax`, so classes cover exactly the same runes.
enum GoRegexClass {
    static let maxRune: Int32 = 0x10FFFF
    /// Smallest and largest runes that take part in simple case folding (as in Go).
    static let minFold: Int32 = 0x0041
    static let maxFold: Int32 = 0x1E943

    static let perlDigit: [Int32] = [0x30, 0x39]
    static let perlSpace: [Int32] = [0x9, 0xA, 0xC, 0xD, 0x20, 0x20]
    static let perlWord: [Int32] = [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A]

    /// `\d \D \s \S \w \W`: (class, negated?).
    static func perlGroup(_ letter: UInt8) -> ([Int32], Bool)? {
        switch letter {
        case UInt8(ascii: "d"): return (perlDigit, false)
        case UInt8(ascii: "D"): return (perlDigit, true)
        case UInt8(ascii: "s"): return (perlSpace, false)
        case UInt8(ascii: "S"): return (perlSpace, true)
        case UInt8(ascii: "w"): return (perlWord, false)
        case UInt8(ascii: "W"): return (perlWord, true)
        default: return nil
        }
    }

    /// POSIX `[:name:]` classes (ASCII only, as in Go).
    static let posixGroups: [String: [Int32]] = [
        "alnum": [0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A],
        "alpha": [0x41, 0x5A, 0x61, 0x7A],
        "ascii": [0x0, 0x7F],
        "blank": [0x9, 0x9, 0x20, 0x20],
        "cntrl": [0x0, 0x1F, 0x7F, 0x7F],
        "digit": [0x30, 0x39],
        "graph": [0x21, 0x7E],
        "lower": [0x61, 0x7A],
        "print": [0x20, 0x7E],
        "punct": [0x21, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7E],
        "space": [0x9, 0xD, 0x20, 0x20],
        "upper": [0x41, 0x5A],
        "word": [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A],
        "xdigit": [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
    ]

    /// The Unicode table for `\p{name}` and its extra fold-equivalent runes, or nil if unknown.
    static func unicodeTable(_ name: String) -> (table: [Int32], fold: [Int32]?)? {
        if name == "Any" {
            let any: [Int32] = [0, maxRune]
            return (any, any)
        }
        if let text = GoRegexUnicodeTables.categories[name] {
            return (decodeTable(text), GoRegexUnicodeTables.foldCategories[name].map(decodeTable))
        }
        if let text = GoRegexUnicodeTables.scripts[name] {
            return (decodeTable(text), GoRegexUnicodeTables.foldScripts[name].map(decodeTable))
        }
        return nil
    }

    /// Parses the generated `lo-hi,rune,...` hex text into sorted pairs.
    static func decodeTable(_ text: String) -> [Int32] {
        var out: [Int32] = []
        var cur: Int32 = 0
        var lo: Int32 = 0
        var inRange = false
        func finish() {
            if inRange {
                out.append(lo)
                out.append(cur)
            } else {
                out.append(cur)
                out.append(cur)
            }
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: ","):
                finish()
                cur = 0
                inRange = false
            case UInt8(ascii: "-"):
                lo = cur
                cur = 0
                inRange = true
            default:
                cur = cur &* 16 &+ Int32(hexValue(b))
            }
        }
        if !text.isEmpty { finish() }
        return out
    }

    static func hexValue(_ b: UInt8) -> Int {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(b - UInt8(ascii: "A")) + 10
        default: return -1
        }
    }

    // MARK: - Case folding

    /// Go's `unicode.SimpleFold`: the next rune in `r`'s case-folding orbit (or `r` itself).
    static func simpleFold(_ r: Int32) -> Int32 {
        if r < minFold || r > maxFold { return r }
        let keys = simpleFoldTable.keys
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < r { lo = mid + 1 } else { hi = mid }
        }
        if lo < keys.count && keys[lo] == r { return simpleFoldTable.values[lo] }
        return r
    }

    /// The smallest rune fold-equivalent to `r` (Go stores case-insensitive literals this way).
    static func minFoldRune(_ r: Int32) -> Int32 {
        if r < minFold || r > maxFold { return r }
        var least = r
        var f = simpleFold(r)
        while f != r {
            least = min(least, f)
            f = simpleFold(f)
        }
        return least
    }

    // MARK: - Building classes

    /// Appends lo-hi, widening one of the last two ranges when it overlaps or abuts.
    static func appendRange(_ r: inout [Int32], _ lo: Int32, _ hi: Int32) {
        let n = r.count
        for i in [2, 4] where n >= i {
            let rlo = r[n - i]
            let rhi = r[n - i + 1]
            if lo <= rhi + 1 && rlo <= hi + 1 {
                if lo < rlo { r[n - i] = lo }
                if hi > rhi { r[n - i + 1] = hi }
                return
            }
        }
        r.append(lo)
        r.append(hi)
    }

    /// Appends lo-hi and every rune that simple-case-folds into it.
    static func appendFoldedRange(_ r: inout [Int32], _ lo: Int32, _ hi: Int32) {
        var lo = lo
        var hi = hi
        if lo <= minFold && hi >= maxFold {
            appendRange(&r, lo, hi)
            return
        }
        if hi < minFold || lo > maxFold {
            appendRange(&r, lo, hi)
            return
        }
        if lo < minFold {
            appendRange(&r, lo, minFold - 1)
            lo = minFold
        }
        if hi > maxFold {
            appendRange(&r, maxFold + 1, hi)
            hi = maxFold
        }
        var c = lo
        while c <= hi {
            appendRange(&r, c, c)
            var f = simpleFold(c)
            while f != c {
                appendRange(&r, f, f)
                f = simpleFold(f)
            }
            c += 1
        }
    }

    static func appendClass(_ r: inout [Int32], _ x: [Int32]) {
        var i = 0
        while i + 1 < x.count {
            appendRange(&r, x[i], x[i + 1])
            i += 2
        }
    }

    static func appendFoldedClass(_ r: inout [Int32], _ x: [Int32]) {
        var i = 0
        while i + 1 < x.count {
            appendFoldedRange(&r, x[i], x[i + 1])
            i += 2
        }
    }

    /// Appends the complement of the clean (sorted, merged) class `x`.
    static func appendNegatedClass(_ r: inout [Int32], _ x: [Int32]) {
        var nextLo: Int32 = 0
        var i = 0
        while i + 1 < x.count {
            if nextLo <= x[i] - 1 { appendRange(&r, nextLo, x[i] - 1) }
            nextLo = x[i + 1] + 1
            i += 2
        }
        if nextLo <= maxRune { appendRange(&r, nextLo, maxRune) }
    }

    /// Sorts ranges (lo ascending, hi descending) and merges overlapping or abutting ones.
    static func cleanClass(_ r: [Int32]) -> [Int32] {
        if r.count < 4 { return r }
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(r.count / 2)
        var i = 0
        while i + 1 < r.count {
            pairs.append((r[i], r[i + 1]))
            i += 2
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        var out: [Int32] = [pairs[0].0, pairs[0].1]
        for (lo, hi) in pairs.dropFirst() {
            let last = out.count - 1
            if lo <= out[last] + 1 {
                if hi > out[last] { out[last] = hi }
            } else {
                out.append(lo)
                out.append(hi)
            }
        }
        return out
    }

    /// The complement of a clean class.
    static func negate(_ r: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var nextLo: Int32 = 0
        var i = 0
        while i + 1 < r.count {
            if nextLo <= r[i] - 1 {
                out.append(nextLo)
                out.append(r[i] - 1)
            }
            nextLo = r[i + 1] + 1
            i += 2
        }
        if nextLo <= maxRune {
            out.append(nextLo)
            out.append(maxRune)
        }
        return out
    }

    /// Whether the clean class `ranges[start..<start+count]` contains `c`.
    @inline(__always)
    static func contains(_ ranges: UnsafeBufferPointer<Int32>, _ start: Int, _ count: Int, _ c: Int32) -> Bool {
        var lo = 0
        var hi = count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            let rlo = ranges[start + 2 * mid]
            let rhi = ranges[start + 2 * mid + 1]
            if c < rlo {
                hi = mid
            } else if c > rhi {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

/// `unicode.SimpleFold` as two parallel sorted arrays, parsed once on first use.
private let simpleFoldTable: (keys: [Int32], values: [Int32]) = {
    var keys: [Int32] = []
    var values: [Int32] = []
    keys.reserveCapacity(3000)
    values.reserveCapacity(3000)
    var cur: Int32 = 0
    var key: Int32 = 0
    for b in GoRegexUnicodeTables.simpleFold.utf8 {
        switch b {
        case UInt8(ascii: ":"):
            key = cur
            cur = 0
        case UInt8(ascii: ","):
            keys.append(key)
            values.append(cur)
            cur = 0
        default:
            cur = cur &* 16 &+ Int32(GoRegexClass.hexValue(b))
        }
    }
    keys.append(key)
    values.append(cur)
    return (keys, values)
}()
