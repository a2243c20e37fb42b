import Foundation
import PprofModel

extension Report {
    /// `-raw`: pprof's `Profile.String()` dump of the (address-granularity) profile.
    ///
    /// Sections in order: comments, period type, period, time, duration, `Samples:` with the
    /// sample-type header, one line per sample (plus label lines), `Locations`, `Mappings`.
    /// Names, files and labels go through `sanitizeForTerminal`.
    package func printRaw() -> String {
        var out = ""
        writeRaw { out += $0 }
        return out
    }

    /// `printRaw` delivered in chunks of about 1 MB (see `writeTraces`).
    package func writeRaw(_ sink: (String) -> Void) {
        let p = profile
        var out = ""
        for c in p.comments { out += "Comment: " + sanitizeLinesForTerminal(c) + "\n" }
        // Upstream #892; Go 1.19's decoder skipped the field.
        if options.compat != .go119 && !p.docURL.isEmpty { out += "Doc: " + sanitizeForTerminal(p.docURL) + "\n" }
        // pprof's decoder always fills in a period type (empty when absent), so it always prints.
        let pt = p.periodType ?? ValueType(type: "", unit: "")
        out += "PeriodType: \(sanitizeForTerminal(pt.type)) \(sanitizeForTerminal(pt.unit))\n"
        out += "Period: \(p.period)\n"
        if p.timeNanos != 0 { out += "Time: " + GoTimeFormat.timeString(unixNanos: p.timeNanos) + "\n" }
        if p.durationNanos != 0 {
            out += "Duration: " + GoTimeFormat.truncated(GoTimeFormat.durationString(p.durationNanos), 4) + "\n"
        }
        out += "Samples:\n"
        var header = ""
        for st in p.sampleTypes {
            let dflt = goEqual(st.type, p.defaultSampleType) ? "[dflt]" : ""
            header += "\(sanitizeForTerminal(st.type))/\(sanitizeForTerminal(st.unit))\(dflt) "
        }
        out += header.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        let s = p.samples
        // Samples dominate the output (millions of lines): written as bytes, each location
        // id rendered once.
        let ids: [[UInt8]] = p.locations.map { Array("\($0.id) ".utf8) }
        var buf: [UInt8] = []
        buf.reserveCapacity(1 << 21)
        for i in 0..<s.count {
            for v in s.values(i) {
                buf.append(0x20)
                appendPadded(&buf, v, width: 10)
            }
            buf.append(0x3A)
            buf.append(0x20)
            for l in s.stack(i) {
                if Int(l) >= 0 && Int(l) < ids.count {
                    buf.append(contentsOf: ids[Int(l)])
                } else {
                    buf.append(contentsOf: [0x30, 0x20])
                }
            }
            buf.append(0x0A)
            let labels = s.labels(i)
            if !labels.isEmpty { buf.append(contentsOf: rawLabelLines(labels).utf8) }
            if buf.count >= 1 << 20 {
                out += String(decoding: buf, as: UTF8.self)
                sink(out)
                out = ""
                buf.removeAll(keepingCapacity: true)
            }
        }
        out += String(decoding: buf, as: UTF8.self)
        out += "Locations\n"
        for loc in p.locations { out += rawLocation(loc) + "\n" }
        out += "Mappings\n"
        for m in p.mappings { out += rawMapping(m) + "\n" }
        sink(out)
    }

    /// A sample's label lines (string labels, then numeric labels), as `Sample.string()`.
    private func rawLabelLines(_ labels: ArraySlice<SampleLabel>) -> String {
        var line = ""
        let header = "                "
        // String labels and numeric labels are two separate maps in pprof, each printed
        // as its sorted "key:[v1 v2]" entries.
        var strGroups: [(key: String, values: [String])] = []
        var numGroups: [(key: String, values: [Int64], units: [String])] = []
        for l in labels {
            if let str = l.str {
                if let g = strGroups.firstIndex(where: { goEqual($0.key, l.key) }) {
                    strGroups[g].values.append(str)
                } else {
                    strGroups.append((l.key, [str]))
                }
            } else if let g = numGroups.firstIndex(where: { goEqual($0.key, l.key) }) {
                numGroups[g].values.append(l.num)
                numGroups[g].units.append(l.unit)
            } else {
                numGroups.append((l.key, [l.num], [l.unit]))
            }
        }
        if !strGroups.isEmpty {
            let parts = strGroups.map { g in
                sanitizeForTerminal(g.key) + ":[" + g.values.map(sanitizeForTerminal).joined(separator: " ") + "]"
            }
            line += header + parts.sorted(by: goLess).joined(separator: " ") + "\n"
        }
        if !numGroups.isEmpty {
            let parts = numGroups.map { g -> String in
                // pprof keeps a unit list only for keys where some value had a unit.
                let hasUnits = g.units.contains { !$0.isEmpty }
                let vals: [String] =
                    hasUnits
                    ? zip(g.values, g.units).map { "\($0) \(sanitizeForTerminal($1))" }
                    : g.values.map { String($0) }
                return sanitizeForTerminal(g.key) + ":[" + vals.joined(separator: " ") + "]"
            }
            line += header + parts.sorted(by: goLess).joined(separator: " ") + "\n"
        }
        return line
    }

    private func rawLocation(_ l: Location) -> String {
        var locStr = padLeft(String(l.id), 6) + ": 0x" + String(l.address, radix: 16) + " "
        if l.mapping >= 0 && Int(l.mapping) < profile.mappings.count {
            locStr += "M=\(profile.mappings[Int(l.mapping)].id) "
        }
        if l.isFolded { locStr += "[F] " }
        if l.lines.isEmpty { return locStr }
        var rows: [String] = []
        for line in l.lines {
            var lnStr = "??"
            if line.function >= 0 && Int(line.function) < profile.functions.count {
                let fn = profile.functions[Int(line.function)]
                lnStr =
                    "\(sanitizeForTerminal(fn.name)) \(sanitizeForTerminal(fn.filename)):\(line.line) s=\(fn.startLine)"
                if !goEqual(fn.name, fn.systemName) { lnStr += "(" + sanitizeForTerminal(fn.systemName) + ")" }
            }
            rows.append(locStr + lnStr)
            // Only the first line carries the location's id and address.
            locStr = "             "
        }
        return rows.joined(separator: "\n")
    }

    private func rawMapping(_ m: Mapping) -> String {
        var bits = ""
        if m.hasFunctions { bits += "[FN]" }
        if m.hasFilenames { bits += "[FL]" }
        if m.hasLineNumbers { bits += "[LN]" }
        if m.hasInlineFrames { bits += "[IN]" }
        return "\(m.id): \(goHex(m.start))/\(goHex(m.limit))/\(goHex(m.offset)) "
            + "\(sanitizeForTerminal(m.file)) \(sanitizeForTerminal(m.buildID)) \(bits)"
    }
}

/// Go's `%Nd`: the decimal digits of `v`, left-padded with spaces to `width`.
func appendPadded(_ buf: inout [UInt8], _ v: Int64, width: Int) {
    var digits: [UInt8] = []
    var m = v.magnitude
    repeat {
        digits.append(UInt8(truncatingIfNeeded: 0x30 + m % 10))
        m /= 10
    } while m > 0
    if v < 0 { digits.append(0x2D) }
    if digits.count < width { buf.append(contentsOf: repeatElement(0x20, count: width - digits.count)) }
    buf.append(contentsOf: digits.reversed())
}

/// Go's `%#x`: `0x` then lower-case hex digits (`0x0` for zero).
func goHex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

/// Go's `%Ns` for strings: left-padded with spaces to `width` runes.
func padLeft(_ s: String, _ width: Int) -> String {
    let n = s.unicodeScalars.count
    return n >= width ? s : String(repeating: " ", count: width - n) + s
}

/// Go's `%-Ns`: right-padded with spaces to `width` runes.
func padRight(_ s: String, _ width: Int) -> String {
    let n = s.unicodeScalars.count
    return n >= width ? s : s + String(repeating: " ", count: width - n)
}

/// Go's `time` formatting as pprof uses it, in the local time zone (TZ or /etc/localtime).
enum GoTimeFormat {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    struct Broken {
        var year, month, day, hour, minute, second: Int
        var nanos: Int
        var offsetSeconds: Int
        var zone: String
    }

    /// A fixed zone (seconds east of UTC, abbreviation); nil means the local zone.
    typealias Zone = (offset: Int, name: String)

    /// `time.Unix(0, nanos)` in `zone` (local time by default), split into fields.
    static func broken(unixNanos: Int64, zone: Zone? = nil) -> Broken {
        var sec = unixNanos / 1_000_000_000
        var nsec = unixNanos % 1_000_000_000
        if nsec < 0 {
            nsec += 1_000_000_000
            sec -= 1
        }
        var tmv = tm()
        let offset: Int
        let name: String
        if let zone {
            var t = time_t(sec + Int64(zone.offset))
            gmtime_r(&t, &tmv)
            offset = zone.offset
            name = zone.name
        } else {
            var t = time_t(sec)
            localtime_r(&t, &tmv)
            offset = Int(tmv.tm_gmtoff)
            name = tmv.tm_zone.map { String(cString: $0) } ?? "UTC"
        }
        return Broken(
            year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday),
            hour: Int(tmv.tm_hour), minute: Int(tmv.tm_min), second: Int(tmv.tm_sec),
            nanos: Int(nsec), offsetSeconds: offset, zone: name)
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `time.Time.String()` without a monotonic reading: "2006-01-02 15:04:05.999999999 -0700 MST".
    static func timeString(unixNanos: Int64, zone: Zone? = nil) -> String {
        let b = broken(unixNanos: unixNanos, zone: zone)
        var s = dateTime(b)
        if b.nanos != 0 {
            var frac = String(b.nanos)
            frac = String(repeating: "0", count: 9 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        let off = b.offsetSeconds
        let sign = off < 0 ? "-" : "+"
        let a = abs(off) / 60
        s += " \(sign)\(two(a / 60))\(two(a % 60)) \(b.zone)"
        return s
    }

    /// pprof's header layout "Jan 2, 2006 at 3:04pm (MST)".
    static func headerString(unixNanos: Int64, zone: Zone? = nil) -> String {
        let b = broken(unixNanos: unixNanos, zone: zone)
        var h = b.hour % 12
        if h == 0 { h = 12 }
        let ampm = b.hour >= 12 ? "pm" : "am"
        return "\(months[b.month - 1]) \(b.day), \(b.year) at \(h):\(two(b.minute))\(ampm) (\(b.zone))"
    }

    /// Upstream's header layout since #903, "2006-01-02 15:04:05 MST" (no fraction, no offset).
    static func isoHeaderString(unixNanos: Int64, zone: Zone? = nil) -> String {
        let b = broken(unixNanos: unixNanos, zone: zone)
        return dateTime(b) + " " + b.zone
    }

    /// "2006-01-02 15:04:05" of `b`, as Go's layouts print it.
    private static func dateTime(_ b: Broken) -> String {
        var year = String(b.year)
        if b.year >= 0 && b.year < 1000 { year = String(repeating: "0", count: 4 - year.count) + year }
        return "\(year)-\(two(b.month))-\(two(b.day)) \(two(b.hour)):\(two(b.minute)):\(two(b.second))"
    }

    /// `time.Duration.String()`: "1h2m3.5s", "1.5ms", "0s".
    static func durationString(_ d: Int64) -> String {
        let neg = d < 0
        var u = neg ? UInt64(bitPattern: 0 &- d) : UInt64(d)
        var out: String
        if u < 1_000_000_000 {
            if u == 0 { return "0s" }
            let prec: Int
            let unit: String
            if u < 1_000 {
                prec = 0
                unit = "ns"
            } else if u < 1_000_000 {
                prec = 3
                unit = "µs"
            } else {
                prec = 6
                unit = "ms"
            }
            let (frac, rest) = fraction(u, prec)
            out = String(rest) + frac + unit
        } else {
            let (frac, secs) = fraction(u, 9)
            u = secs
            out = String(u % 60) + frac + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return neg ? "-" + out : out
    }

    /// The fractional part of `v / 10^prec` as ".ddd" without trailing zeros ("" when zero).
    private static func fraction(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
        var v = v
        var digits: [Character] = []
        var printed = false
        for _ in 0..<prec {
            let digit = v % 10
            printed = printed || digit != 0
            if printed { digits.append(Character(String(digit))) }
            v /= 10
        }
        if !printed { return ("", v) }
        return ("." + String(digits.reversed()), v)
    }

    /// Go's `%.Nv` precision on a string: at most N runes.
    static func truncated(_ s: String, _ n: Int) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.prefix(n)))
    }
}
