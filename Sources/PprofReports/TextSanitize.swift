/// Escapes control characters so a name from a profile cannot drive the terminal.
///
/// pprof prints names raw; a profile is untrusted input, so an ESC in a function name could
/// otherwise move the cursor or change colours. C0 controls, DEL and C1 controls are written
/// the way Go's `%q` writes them (`\t`, `\x1b`, `\u0085`); everything else is unchanged.
package func sanitizeForTerminal(_ s: String) -> String {
    if !needsSanitizing(s) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for scalar in s.unicodeScalars {
        let v = scalar.value
        switch v {
        case 0x07: out += "\\a"
        case 0x08: out += "\\b"
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0B: out += "\\v"
        case 0x0C: out += "\\f"
        case 0x0D: out += "\\r"
        case 0x00..<0x20, 0x7F: out += "\\x" + hex2(v)
        case 0x80...0x9F: out += "\\u00" + hex2(v)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Cheap byte scan: C0 and DEL are single bytes, C1 controls are 0xC2 0x80...0x9F in UTF-8.
private func needsSanitizing(_ s: String) -> Bool {
    var prevC2 = false
    for b in s.utf8 {
        if b < 0x20 || b == 0x7F { return true }
        if prevC2 && b >= 0x80 && b <= 0x9F { return true }
        prevC2 = b == 0xC2
    }
    return false
}

private func hex2(_ v: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int((v >> 4) & 0xF)], digits[Int(v & 0xF)]])
}
