import PprofModel

/// pprof's reflective `config.get/set` by option name, over the command table's option list.
extension Config {
    /// The value as pprof prints it in `options` (Go's fmt.Sprint of the field).
    package func value(of name: String) -> String? {
        switch name {
        case "output": return output
        case "call_tree": return String(callTree)
        case "relative_percentages": return String(relativePercentages)
        case "unit": return unit
        case "compact_labels": return String(compactLabels)
        case "source_path": return sourcePath
        case "trim_path": return trimPath
        case "intel_syntax": return "false"
        case "mean": return String(mean)
        case "sample_index": return sampleIndex
        case "divide_by": return Config.goFloat(divideBy)
        case "normalize": return String(normalize)
        case "sort": return sort
        case "tagroot": return tagRoot
        case "tagleaf": return tagLeaf
        case "drop_negative": return String(dropNegative)
        case "nodecount": return String(nodeCount)
        case "nodefraction": return Config.goFloat(nodeFraction)
        case "edgefraction": return Config.goFloat(edgeFraction)
        case "trim": return String(trim)
        case "focus": return focus
        case "ignore": return ignore
        case "prune_from": return pruneFrom
        case "hide": return hide
        case "show": return show
        case "show_from": return showFrom
        case "tagfocus": return tagFocus
        case "tagignore": return tagIgnore
        case "tagshow": return tagShow
        case "taghide": return tagHide
        case "noinlines": return String(noInlines)
        case "granularity": return granularity
        default: return nil
        }
    }

    /// pprof's `config.set`: parses `value` by the option's kind, with pprof's error texts.
    package mutating func set(_ name: String, _ value: String) throws {
        guard let spec = CommandTable.option(named: name) else {
            throw PprofError("unknown config field \(GoQuote.quote(name))")
        }
        switch spec.kind {
        case .choice(let choices):
            guard choices.contains(value) else {
                throw PprofError("invalid \(GoQuote.quote(name)) value \(GoQuote.quote(value))")
            }
            if name == "sort" { sort = value } else { granularity = value }
        case .bool:
            let b = try Config.stringToBool(value)
            switch name {
            case "call_tree": callTree = b
            case "relative_percentages": relativePercentages = b
            case "compact_labels": compactLabels = b
            case "intel_syntax": break
            case "mean": mean = b
            case "normalize": normalize = b
            case "drop_negative": dropNegative = b
            case "trim": trim = b
            case "noinlines": noInlines = b
            default: break
            }
        case .int:
            guard let v = Int(value) else {
                throw PprofError("strconv.Atoi: parsing \(GoQuote.quote(value)): invalid syntax")
            }
            nodeCount = v
        case .float:
            guard let v = Double(value) else {
                throw PprofError("strconv.ParseFloat: parsing \(GoQuote.quote(value)): invalid syntax")
            }
            switch name {
            case "divide_by": divideBy = v
            case "nodefraction": nodeFraction = v
            default: edgeFraction = v
            }
        case .string:
            switch name {
            case "output": output = value
            case "unit": unit = value
            case "source_path": sourcePath = value
            case "trim_path": trimPath = value
            case "sample_index": sampleIndex = value
            case "tagroot": tagRoot = value
            case "tagleaf": tagLeaf = value
            case "focus": focus = value
            case "ignore": ignore = value
            case "prune_from": pruneFrom = value
            case "hide": hide = value
            case "show": show = value
            case "show_from": showFrom = value
            case "tagfocus": tagFocus = value
            case "tagignore": tagIgnore = value
            case "tagshow": tagShow = value
            case "taghide": tagHide = value
            default: break
            }
        }
    }

    /// pprof's `configure`: a choice name (`cum`, `lines`) selects itself when the value is true.
    package mutating func configure(_ name: String, _ value: String) throws {
        guard let spec = CommandTable.optionOwning(name) else {
            throw PprofError("unknown config field \(GoQuote.quote(name))")
        }
        if spec.name == name {
            try set(name, value)
            return
        }
        if value == "1" || value.lowercased() == "t" || value == "true" || value == "TRUE" || value == "True" || value == "T" {
            try set(spec.name, name)
            return
        }
        throw PprofError("unknown config field \(GoQuote.quote(name))")
    }

    /// pprof's shell `stringToBool` (accepts yes/no and an empty value as true).
    package static func stringToBool(_ s: String) throws -> Bool {
        switch s.lowercased() {
        case "true", "t", "yes", "y", "1", "": return true
        case "false", "f", "no", "n", "0": return false
        default: throw PprofError("illegal value \"\(s)\" for bool variable")
        }
    }

    /// Go's `fmt.Sprint(float64)`: strconv's shortest `%g`, the exponent form ("1e+08",
    /// "1.5e-05") when the decimal exponent is below -4 or at least 6. The shortest digits
    /// are Swift's (`description` also round-trips with the fewest digits).
    package static func goFloat(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if v == 0 { return v.sign == .minus ? "-0" : "0" }
        let text = v.magnitude.description
        let parts = text.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let intPart = mantissa.prefix { $0 != "." }
        let fracPart = mantissa.contains(".") ? mantissa.drop { $0 != "." }.dropFirst() : ""
        // value = 0.digits x 10^point, as strconv's decimal.
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let sign = v < 0 ? "-" : ""
        let exp = point - 1
        if exp < -4 || exp >= 6 {
            let head = String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
            let e = abs(exp)
            return sign + head + (exp < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}
