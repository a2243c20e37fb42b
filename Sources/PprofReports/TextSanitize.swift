/// Escapes control characters so a name from a profile cannot drive the terminal.
///
/// pprof prints names raw; a profile is untrusted input, so an ESC in a function name could
/// otherwise move the cursor or change colours. C0 controls, DEL and C1 controls are written
/// the way Go's `%q` writes them (`\t`, `\x1b`, `\u0085`), and so are the bidi embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069, "Trojan Source"), which would
/// otherwise reorder the rest of the line; everything else is unchanged.
package func sanitizeForTerminal(_ s: String) -> String {
    if !needsSanitizing(s, keepingLayout: false) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for scalar in s.unicodeScalars {
        if let e = terminalEscape(scalar.value) {
            out += e
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// The escape for a scalar a terminal would act on; nil for ordinary text.
private func terminalEscape(_ v: UInt32) -> String? {
    switch v {
    case 0x07: return "\\a"
    case 0x08: return "\\b"
    case 0x09: return "\\t"
    case 0x0A: return "\\n"
    case 0x0B: return "\\v"
    case 0x0C: return "\\f"
    case 0x0D: return "\\r"
    case 0x00..<0x20, 0x7F: return "\\x" + hex2(v)
    case 0x80...0x9F: return "\\u00" + hex2(v)
    case 0x202A...0x202E, 0x2066...0x2069: return "\\u" + hex2(v >> 8) + hex2(v)
    default: return nil
    }
}

/// Cheap byte scan: C0 and DEL are single bytes, C1 controls are 0xC2 0x80...0x9F in UTF-8,
/// the bidi controls 0xE2 0x80 0xAA...0xAE and 0xE2 0x81 0xA6...0xA9. With `keepingLayout`,
/// newline and tab are allowed. Scans the contiguous bytes (the UTF-8 view's iterator cost
/// ten times as much on a 66 MB callgrind report).
private func needsSanitizing(_ s: String, keepingLayout: Bool) -> Bool {
    var s = s
    return s.withUTF8 { bytes in
        var prev2: UInt8 = 0
        var prev1: UInt8 = 0
        for b in bytes {
            if b < 0x20 || b == 0x7F {
                if !keepingLayout || (b != 0x0A && b != 0x09) { return true }
            } else if prev1 == 0xC2 && b >= 0x80 && b <= 0x9F {
                return true
            } else if prev2 == 0xE2 && prev1 == 0x80 && b >= 0xAA && b <= 0xAE {
                return true
            } else if prev2 == 0xE2 && prev1 == 0x81 && b >= 0xA6 && b <= 0xA9 {
                return true
            }
            prev2 = prev1
            prev1 = b
        }
        return false
    }
}

private func hex2(_ v: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int((v >> 4) & 0xF)], digits[Int(v & 0xF)]])
}

/// `sanitizeForTerminal` for a whole generated text report: newlines and tabs are the
/// report's own layout and stay. Names are already escaped where they are printed; this
/// last pass catches whatever else came from the profile (units, label keys) and is a
/// no-op on clean text.
package func sanitizeLinesForTerminal(_ s: String) -> String {
    sanitizeKeepingLayout(s, prefix: "")
}

/// `sanitizeForTerminal` for a whole generated document whose strings are quoted with
/// backslash escapes (DOT): newlines and tabs stay; every other escape gets its backslash
/// doubled, so Graphviz shows `\x1b` literally instead of reading an escape of its own.
package func sanitizeDocumentForTerminal(_ s: String) -> String {
    sanitizeKeepingLayout(s, prefix: "\\")
}

private func sanitizeKeepingLayout(_ s: String, prefix: String) -> String {
    if !needsSanitizing(s, keepingLayout: true) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for scalar in s.unicodeScalars {
        if scalar != "\n" && scalar != "\t", let e = terminalEscape(scalar.value) {
            out += prefix + e
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
