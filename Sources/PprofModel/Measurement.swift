import Foundation

/// Unit scaling and percentages exactly as pprof's `internal/measurement` prints them.
package enum Measurement {
    struct Unit {
        let canonicalName: String
        let aliases: [String]
        let factor: Double
    }

    struct UnitType {
        let units: [Unit]
        let defaultUnit: Unit

        func findByAlias(_ alias: String) -> Unit? {
            units.first { $0.aliases.contains(alias) }
        }

        /// pprof lower-cases and drops a plural "s" from names longer than two characters.
        func sniffUnit(_ unit: String) -> Unit? {
            var unit = unit.lowercased()
            if unit.count > 2, unit.hasSuffix("s") { unit.removeLast() }
            return findByAlias(unit)
        }

        func autoScale(_ value: Double) -> (Double, String)? {
            var factor = 0.0
            var name = ""
            for u in units where u.factor >= factor && value / u.factor >= 1.0 {
                factor = u.factor
                name = u.canonicalName
            }
            return factor == 0 ? nil : (value / factor, name)
        }

        func convert(_ value: Int64, from: String, to: String) -> (Double, String)? {
            guard let fromUnit = sniffUnit(from) else { return nil }
            let v = Double(value) * fromUnit.factor
            if to == "minimum" || to == "auto" {
                if let scaled = autoScale(v) { return scaled }
                return (v / defaultUnit.factor, defaultUnit.canonicalName)
            }
            guard let toUnit = sniffUnit(to) else { return (v / defaultUnit.factor, defaultUnit.canonicalName) }
            return (v / toUnit.factor, toUnit.canonicalName)
        }
    }

    static let unitTypes: [UnitType] = [
        UnitType(
            units: [
                Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1),
                Unit(canonicalName: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 1024),
                Unit(canonicalName: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 1_048_576),
                Unit(canonicalName: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 1_073_741_824),
                Unit(canonicalName: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 1_099_511_627_776),
                Unit(canonicalName: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 1_125_899_906_842_624),
            ],
            defaultUnit: Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1)),
        UnitType(
            units: [
                Unit(canonicalName: "ns", aliases: ["ns", "nanosecond"], factor: 1),
                Unit(canonicalName: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3),
                Unit(canonicalName: "ms", aliases: ["ms", "millisecond"], factor: 1e6),
                Unit(canonicalName: "s", aliases: ["s", "sec", "second"], factor: 1e9),
                Unit(canonicalName: "hrs", aliases: ["hour", "hr"], factor: 3600e9),
            ],
            defaultUnit: Unit(canonicalName: "s", aliases: [], factor: 1e9)),
        UnitType(
            units: [
                Unit(canonicalName: "n*GCU", aliases: ["nanogcu"], factor: 1e-9),
                Unit(canonicalName: "u*GCU", aliases: ["microgcu"], factor: 1e-6),
                Unit(canonicalName: "m*GCU", aliases: ["milligcu"], factor: 1e-3),
                Unit(canonicalName: "GCU", aliases: ["gcu"], factor: 1),
                Unit(canonicalName: "k*GCU", aliases: ["kilogcu"], factor: 1e3),
                Unit(canonicalName: "M*GCU", aliases: ["megagcu"], factor: 1e6),
                Unit(canonicalName: "G*GCU", aliases: ["gigagcu"], factor: 1e9),
                Unit(canonicalName: "T*GCU", aliases: ["teragcu"], factor: 1e12),
                Unit(canonicalName: "P*GCU", aliases: ["petagcu"], factor: 1e15),
            ],
            defaultUnit: Unit(canonicalName: "GCU", aliases: [], factor: 1)),
    ]

    /// Converts `value` in `fromUnit` to `toUnit` ("minimum"/"auto" pick a readable unit).
    package static func scale(_ value: Int64, from fromUnit: String, to toUnit: String) -> (Double, String) {
        if value < 0 && value != Int64.min {
            let (v, u) = scale(-value, from: fromUnit, to: toUnit)
            return (-v, u)
        }
        for ut in unitTypes {
            if let r = ut.convert(value, from: fromUnit, to: toUnit) { return r }
        }
        switch toUnit {
        case "count", "sample", "unit", "minimum", "auto": return (Double(value), "")
        default: return (Double(value), toUnit)
        }
    }

    package static func label(_ value: Int64, unit: String) -> String {
        scaledLabel(value, from: unit, to: "auto")
    }

    /// "%.2f" with a trailing ".00" removed, then the unit; zero prints as "0".
    package static func scaledLabel(_ value: Int64, from fromUnit: String, to toUnit: String) -> String {
        let (v, u) = scale(value, from: fromUnit, to: toUnit)
        var sv = GoFormat.fixed(v, precision: 2)
        if sv.hasSuffix(".00") { sv.removeLast(3) }
        if sv == "0" || sv == "-0" { return "0" }
        return sv + u
    }

    /// pprof's six-character percentage column ("  100%", "12.34%", " 0.12%").
    package static func percentage(_ value: Int64, _ total: Int64) -> String {
        var ratio = 0.0
        if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
        if abs(ratio) >= 99.95 && abs(ratio) <= 100.05 { return "  100%" }
        if abs(ratio) >= 1.0 {
            // "%5.2f%%": the fixed text, right-aligned in five columns.
            let s = GoFormat.fixed(ratio, precision: 2)
            return String(repeating: " ", count: Swift.max(0, 5 - s.utf8.count)) + s + "%"
        }
        if ratio == 0 { return "    0%" }
        return GoFormat.printf("%5.2g%%", ratio)
    }
}

/// printf-style number formatting; glibc's rounding agrees with Go's for these verbs.
package enum GoFormat {
    package static func fixed(_ v: Double, precision: Int) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if let s = fastFixed(v, precision: precision) { return s }
        return printf("%.*f", Int32(clamping: precision), v)
    }

    /// `%.Nf` by integer arithmetic when the value is clear of a rounding half: `v * 10^N`
    /// is then within 0.5 of the same integer as the exact decimal, which printf rounds (the
    /// error of the product is under 2^-13 below 10^12). Near a half, or out of range, nil:
    /// printf decides. The sign is printf's: "-0.00" for -0.001 and for -0.0.
    private static func fastFixed(_ v: Double, precision: Int) -> String? {
        guard precision >= 0 && precision <= 6 else { return nil }
        var unit: Int64 = 1
        for _ in 0..<precision { unit *= 10 }
        let scaled = v * Double(unit)
        guard scaled.magnitude < 1e12 else { return nil }
        let r = scaled.rounded(.toNearestOrEven)
        guard (scaled - r).magnitude < 0.499 else { return nil }
        let n = Int64(r).magnitude
        var s = v.sign == .minus ? "-" : ""
        s += String(n / UInt64(unit))
        if precision > 0 {
            let frac = String(n % UInt64(unit))
            s += "." + String(repeating: "0", count: precision - frac.utf8.count) + frac
        }
        return s
    }

    /// C's printf of one double (what Foundation's String(format:) calls for %f and %g, in
    /// the C locale), at a fraction of its cost: String(format:)'s argument boxing and
    /// bridging were a third of -peek on a 99k-frame stack.
    package static func printf(_ spec: String, _ v: Double) -> String {
        printf(spec, nil, v)
    }

    /// `printf` with a `*` precision before the double.
    package static func printf(_ spec: String, _ precision: Int32, _ v: Double) -> String {
        printf(spec, Optional(precision), v)
    }

    private static func printf(_ spec: String, _ precision: Int32?, _ v: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        func run() -> Int32 {
            let args: [any CVarArg] = precision.map { [$0, v] } ?? [v]
            return withVaList(args) { vsnprintf(&buffer, buffer.count, spec, $0) }
        }
        var n = run()
        if n >= 0 && Int(n) >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(n) + 1)
            n = run()
        }
        guard n >= 0 else { return "" }
        return buffer.withUnsafeBufferPointer { b in
            String(decoding: UnsafeRawBufferPointer(b).prefix(Int(n)), as: UTF8.self)
        }
    }

    package static func format(_ f: String, _ args: any CVarArg...) -> String {
        String(format: f, arguments: args)
    }
}

/// Go's float-to-int conversions as they behave on amd64 (out of range gives Int64.min).
package enum GoConvert {
    package static func int64(_ d: Double) -> Int64 {
        guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else { return Int64.min }
        return Int64(d)
    }

    /// Whole units of a duration for display, saturating instead of trapping: `Int(d)` stops
    /// the process on NaN, infinities and magnitudes past Int.max (`-seconds=1e300`, a
    /// duration_nanos near Int64.max turned into seconds and scaled). NaN shows as 0.
    package static func clampedInt(_ d: Double) -> Int {
        if d.isNaN { return 0 }
        if d >= 9.223372036854775807e18 { return Int.max }
        if d <= -9.223372036854775808e18 { return Int.min }
        return Int(d)
    }
}
