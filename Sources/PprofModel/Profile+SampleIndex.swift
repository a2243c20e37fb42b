extension Profile {
    /// pprof's `SampleIndexByName`: "" picks default_sample_type when it names a sample type,
    /// else the last type; a decimal number is an index; otherwise a type name, where a legacy
    /// `inuse_` prefix may be omitted by the profile ("inuse_space" finds "space").
    /// - Throws: `sample_index 7 is outside the range [0..1]` or
    ///   `sample_index "x" must be one of: [alloc_objects alloc_space]`.
    package func sampleIndex(byName name: String) throws -> Int {
        let types = sampleTypes.map(\.type)
        if name.isEmpty {
            if !defaultSampleType.isEmpty, let i = types.firstIndex(of: defaultSampleType) {
                return i
            }
            return types.count - 1
        }
        if let i = Int(name) {
            guard i >= 0 && i < types.count else {
                throw PprofError("sample_index \(name) is outside the range [0..\(types.count - 1)]")
            }
            return i
        }
        let noInuse = name.hasPrefix("inuse_") ? String(name.dropFirst("inuse_".count)) : name
        if let i = types.firstIndex(where: { $0 == name || $0 == noInuse }) {
            return i
        }
        throw PprofError("sample_index \(GoQuote.quote(name)) must be one of: [\(types.joined(separator: " "))]")
    }

    /// pprof's interactive `sample_index=value`: validates the value and returns the sample
    /// type name the shell stores instead (so "1" or "inuse_space" become "space" etc.).
    /// - Throws: the `sampleIndex(byName:)` errors, or `invalid sample_index "x"` when the
    ///   profile has no sample types.
    package func sampleTypeName(forSampleIndex value: String) throws -> String {
        let i = try sampleIndex(byName: value)
        guard i >= 0 && i < sampleTypes.count else {
            throw PprofError("invalid sample_index \(GoQuote.quote(value))")
        }
        return sampleTypes[i].type
    }

    /// pprof driver's `sampleFormat` check: the chosen value index and its type.
    /// - Throws: `profile has no samples` when there are no sample types, or the index error.
    package func sampleFormat(sampleIndex name: String) throws -> (index: Int, type: ValueType) {
        guard !sampleTypes.isEmpty else { throw PprofError("profile has no samples") }
        let i = try sampleIndex(byName: name)
        return (i, sampleTypes[i])
    }
}

/// Go's `strconv.Quote` for the strings pprof puts in `%q` messages.
package enum GoQuote {
    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (0x80..<0xA0).contains(v) || v == 0xAD || v == 0xFEFF {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
