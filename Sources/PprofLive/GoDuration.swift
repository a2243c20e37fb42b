import PprofModel

/// Go's `time.ParseDuration`, for `-refresh=DURATION` ("10s", "1m30s", "500ms", "1.5h").
package enum GoDuration {
    /// - Returns: seconds.
    /// - Throws: `PprofError` with Go's `time: invalid duration "x"` style message.
    package static func parse(_ text: String) throws -> Double {
        let invalid = PprofError("time: invalid duration \"\(text)\"")
        var chars = Substring(text)
        var sign = 1.0
        if let first = chars.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            chars = chars.dropFirst()
        }
        if chars == "0" { return 0 }
        if chars.isEmpty { throw invalid }
        var total = 0.0
        while !chars.isEmpty {
            let number = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
            else { throw invalid }
            chars = chars.dropFirst(number.count)
            let unit = chars.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            chars = chars.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs", "μs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "": throw PprofError("time: missing unit in duration \"\(text)\"")
            default: throw PprofError("time: unknown unit \"\(unit)\" in duration \"\(text)\"")
            }
            total += value * scale
        }
        return sign * total
    }
}
