import GoRegex

/// A compiled `tagfocus` / `tagignore` value, as pprof's `compileTagFilter` builds it.
///
/// `key=value` restricts the test to one label key. A value that reads as a numeric range
/// (`64b`, `1kb:`, `:10mb`, `10ms:1s`) tests numeric labels, converted to the range's unit
/// through the key's unit from `numLabelUnits`; otherwise the value is a comma-separated list
/// of regexes over string labels: with a key, any regex matching any value of that key; without
/// one, every regex must match some `key:value` of the sample.
package struct TagFilter: Sendable {
    enum Bound: Sendable, Equatable {
        case equal(Double)
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
    }

    enum Kind: Sendable {
        case numeric(bound: Bound, unit: String)
        case regexes([GoRegex])
    }

    /// Empty when the filter applies to every key.
    let key: String
    let kind: Kind
    let numLabelUnits: [String: String]

    /// - Returns: the filter (nil for an empty value) and pprof's stderr notes
    ///   (`tagfocus:Interpreted '1kb' as range, not regexp`).
    /// - Throws: `parsing <name> regexp: ...` for a bad regex.
    package static func compile(
        name: String, value: String, numLabelUnits: [String: String]
    ) throws -> (filter: TagFilter?, warnings: [String]) {
        if value.isEmpty { return (nil, []) }
        var wantKey = ""
        var rest = value
        if let eq = value.firstIndex(of: "=") {
            wantKey = String(value[..<eq])
            rest = String(value[value.index(after: eq)...])
        }
        if let (bound, unit) = try parseRange(rest) {
            let filter = TagFilter(key: wantKey, kind: .numeric(bound: bound, unit: unit), numLabelUnits: numLabelUnits)
            return (filter, ["\(name):Interpreted '\(rest)' as range, not regexp"])
        }
        var regexes: [GoRegex] = []
        for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
            do {
                regexes.append(try GoRegex(String(part)))
            } catch {
                throw PprofError("parsing \(name) regexp: \(error.message)")
            }
        }
        return (TagFilter(key: wantKey, kind: .regexes(regexes), numLabelUnits: numLabelUnits), [])
    }

    /// True when the sample with these labels passes the filter.
    package func matches(_ labels: ArraySlice<SampleLabel>) -> Bool {
        var memo = Memo()
        return matches(labels, memo: &memo)
    }

    /// Regex results per distinct label, so a regex runs once per label value, not per sample.
    package struct Memo {
        var bits: [SampleLabel: UInt64] = [:]
        package init() {}
    }

    /// Bit r set when regex r matches the label (`key:value` without a filter key).
    private func regexBits(_ label: SampleLabel, _ regexes: [GoRegex], _ memo: inout Memo) -> UInt64 {
        if let b = memo.bits[label] { return b }
        let text = key.isEmpty ? label.key + ":" + (label.str ?? "") : (label.str ?? "")
        var b: UInt64 = 0
        for (r, re) in regexes.enumerated() where re.matches(text) { b |= 1 << UInt64(r) }
        memo.bits[label] = b
        return b
    }

    package func matches(_ labels: ArraySlice<SampleLabel>, memo: inout Memo) -> Bool {
        switch kind {
        case .numeric(let bound, let unit):
            for label in labels where label.isNumeric && (key.isEmpty || label.key == key) {
                if Self.inRange(label.num, numLabelUnits[label.key] ?? "", bound, unit) { return true }
            }
            return false
        case .regexes(let regexes) where regexes.count <= 64:
            let all: UInt64 = regexes.count == 64 ? ~0 : (1 << UInt64(regexes.count)) - 1
            if key.isEmpty {
                var seen: UInt64 = 0
                for label in labels where !label.isNumeric {
                    seen |= regexBits(label, regexes, &memo)
                    if seen == all { return true }
                }
                return seen == all
            }
            for label in labels where !label.isNumeric && label.key == key {
                if regexBits(label, regexes, &memo) != 0 { return true }
            }
            return false
        case .regexes(let regexes):
            if key.isEmpty {
                for re in regexes {
                    let hit = labels.contains { !$0.isNumeric && re.matches($0.key + ":" + ($0.str ?? "")) }
                    if !hit { return false }
                }
                return true
            }
            for re in regexes {
                for label in labels where !label.isNumeric && label.key == key {
                    if re.matches(label.str ?? "") { return true }
                }
            }
            return false
        }
    }

    static func inRange(_ v: Int64, _ fromUnit: String, _ bound: Bound, _ unit: String) -> Bool {
        let (sv, su) = Measurement.scale(v, from: fromUnit, to: unit)
        guard su == unit else { return false }
        switch bound {
        case .equal(let x): return sv == x
        case .atLeast(let x): return sv >= x
        case .atMost(let x): return sv <= x
        case .between(let lo, let hi): return sv >= lo && sv <= hi
        }
    }

    /// One match of pprof's `([+-]?[[:digit:]]+)([[:alpha:]]+)?` (leftmost, greedy).
    struct RangeToken {
        var whole: String
        var number: String
        var unit: String
    }

    static func tokens(_ s: String, limit: Int) -> [RangeToken] {
        let u = s.utf8
        var out: [RangeToken] = []
        var i = u.startIndex
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        while i < u.endIndex && out.count < limit {
            let b = u[i]
            var start: String.UTF8View.Index?
            if isDigit(b) {
                start = i
            } else if b == 0x2B || b == 0x2D {
                let next = u.index(after: i)
                if next < u.endIndex && isDigit(u[next]) { start = i }
            }
            guard let start else {
                i = u.index(after: i)
                continue
            }
            var j = u.index(after: start)
            while j < u.endIndex && isDigit(u[j]) { j = u.index(after: j) }
            let numEnd = j
            while j < u.endIndex && isAlpha(u[j]) { j = u.index(after: j) }
            let whole = String(decoding: u[start..<j], as: UTF8.self)
            out.append(
                RangeToken(
                    whole: whole,
                    number: String(decoding: u[start..<numEnd], as: UTF8.self),
                    unit: String(decoding: u[numEnd..<j], as: UTF8.self)))
            i = j
        }
        return out
    }

    /// pprof's `parseTagFilterRange`: nil when `filter` is not exactly one of the range forms.
    static func parseRange(_ filter: String) throws -> (Bound, String)? {
        let ranges = tokens(filter, limit: 2)
        guard let first = ranges.first else { return nil }
        guard let v = Int64(first.number) else {
            throw PprofError(
                "failed to parse int \(first.number): strconv.ParseInt: parsing \"\(first.number)\": value out of range")
        }
        let (scaled, unit) = Measurement.scale(v, from: first.unit, to: first.unit)
        let m = first.whole
        if ranges.count == 1 {
            switch filter {
            case m: return (.equal(scaled), unit)
            case m + ":": return (.atLeast(scaled), unit)
            case ":" + m: return (.atMost(scaled), unit)
            default: return nil
            }
        }
        let second = ranges[1]
        guard filter == m + ":" + second.whole else { return nil }
        guard let v2 = Int64(second.number) else {
            throw PprofError(
                "failed to parse int \(second.number): strconv.ParseInt: parsing \"\(second.number)\": value out of range")
        }
        let (scaled2, unit2) = Measurement.scale(v2, from: second.unit, to: unit)
        guard unit2 == unit else { return nil }
        return (.between(scaled, scaled2), unit)
    }
}

extension Profile {
    /// pprof's `FilterSamplesByTag`: keeps samples that pass `focus` (when set) and fail
    /// `ignore` (when set). Returns whether any sample was focused / ignored.
    @discardableResult
    package mutating func filterSamplesByTag(focus: TagFilter?, ignore: TagFilter?) -> (focus: Bool, ignore: Bool) {
        // Without filters every sample is kept (and "focused"): no pass over the samples.
        if focus == nil && ignore == nil { return (samples.count > 0, false) }
        var fm = false
        var im = false
        let table = samples
        var focusMemo = TagFilter.Memo()
        var ignoreMemo = TagFilter.Memo()
        samples.retainSamples { i in
            let labels = table.labels(i)
            let focused = focus?.matches(labels, memo: &focusMemo) ?? true
            let ignored = ignore?.matches(labels, memo: &ignoreMemo) ?? false
            fm = fm || focused
            im = im || ignored
            return focused && !ignored
        }
        return (fm, im)
    }
}
