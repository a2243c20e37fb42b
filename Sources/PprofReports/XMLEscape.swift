/// Text safe inside XML character data and quoted attributes: markup characters become
/// entities, and characters XML 1.0 cannot carry at all (C0 controls, DEL-range noise,
/// U+FFFE/U+FFFF) become visible stand-ins, so a name like `<script>` or one holding an
/// escape sequence still yields a well-formed document that shows it literally.
///
/// C0 controls map to their Unicode "control picture" (U+2400 + c, e.g. ESC -> ␛, newline
/// -> ␊), DEL to ␡; C1 controls, bidi overrides/isolates and the two non-characters to U+FFFD.
package func xmlEscape(_ s: String) -> String {
    var needs = false
    for u in s.unicodeScalars where needsXMLEscape(u) {
        needs = true
        break
    }
    guard needs else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.unicodeScalars.append(xmlSafeScalar(u))
        }
    }
    return out
}

@inline(__always)
private func needsXMLEscape(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x26, 0x3C, 0x3E, 0x22, 0x27: return true
    default: return xmlSafeScalar(u) != u
    }
}

/// The scalar itself when XML 1.0 allows it (tab included; newline and CR are shown as
/// pictures too, since attribute values would otherwise fold them into spaces).
func xmlSafeScalar(_ u: Unicode.Scalar) -> Unicode.Scalar {
    switch u.value {
    case 0x09: return u
    case 0x00..<0x20: return Unicode.Scalar(0x2400 + u.value) ?? "\u{FFFD}"
    case 0x7F: return "\u{2421}"
    // C1 controls and bidi overrides are legal XML but would act on a terminal showing the
    // document (`-flame_svg` to stdout) or reorder the text around them.
    case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: return "\u{FFFD}"
    default: return u
    }
}

/// Replaces only the characters XML 1.0 forbids (markup is left alone): used on documents
/// produced by other tools (Graphviz copies control characters from labels into its SVG).
package func xmlStripInvalid(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { v in
        (v.value < 0x20 && v.value != 0x09 && v.value != 0x0A && v.value != 0x0D) || v.value == 0xFFFE || v.value == 0xFFFF
    }) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if u.value == 0x0A || u.value == 0x0D || u.value == 0x7F {
            out.append(u)
        } else {
            out.append(xmlSafeScalar(u))
        }
    }
    return String(out)
}
