/// The part of Go's `net/url` that pprof's source resolution depends on: which strings parse with
/// a host, and how the URL prints back. Paths are kept as written (no re-escaping).
struct GoURL: Equatable {
    var scheme = ""
    var opaque = ""
    var userinfo = ""
    var host = ""
    var path = ""
    var rawQuery = ""
    var forceQuery = false
    var fragment = ""

    /// Go's `url.Parse`; `nil` where Go returns an error.
    static func parse(_ raw: String) -> GoURL? {
        var rest = Substring(raw)
        var url = GoURL()
        if let hash = rest.firstIndex(of: "#") {
            url.fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            return nil
        }
        if rest == "*" {
            url.path = "*"
            return url
        }
        guard let (scheme, afterScheme) = splitScheme(rest) else { return nil }
        url.scheme = scheme.lowercased()
        rest = afterScheme
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            url.forceQuery = true
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: "?") {
            url.rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty {
                url.opaque = String(rest)
                return url
            }
            // Go refuses a relative path whose first segment holds a colon ("host:port/x").
            let segment = rest.prefix { $0 != "/" }
            if segment.contains(":") { return nil }
        }
        if (!url.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let authority = afterSlashes.prefix { $0 != "/" }
            rest = afterSlashes.dropFirst(authority.count)
            if let at = authority.lastIndex(of: "@") {
                url.userinfo = String(authority[..<at])
                guard let host = parseHost(authority[authority.index(after: at)...]) else { return nil }
                url.host = host
            } else {
                guard let host = parseHost(authority) else { return nil }
                url.host = host
            }
        }
        url.path = String(rest)
        return url
    }

    /// Go's `getScheme`: letters, then letters/digits/`+-.`, up to a colon.
    private static func splitScheme(_ raw: Substring) -> (String, Substring)? {
        for (offset, char) in raw.enumerated() {
            let isLetter = char.isASCII && char.isLetter
            let isSchemeExtra = char.isASCII && (char.isNumber || char == "+" || char == "-" || char == ".")
            if isLetter { continue }
            if isSchemeExtra {
                if offset == 0 { return ("", raw) }
                continue
            }
            if char == ":" {
                if offset == 0 { return nil }  // "missing protocol scheme"
                let colon = raw.index(raw.startIndex, offsetBy: offset)
                return (String(raw[..<colon]), raw[raw.index(after: colon)...])
            }
            return ("", raw)
        }
        return ("", raw)
    }

    /// Go's host check: an optional `:port` must be all digits; IPv6 literals are bracketed.
    private static func parseHost(_ host: Substring) -> String? {
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), after.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            }
            return String(host)
        }
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        return String(host)
    }

    /// Go's `URL.String` for the fields kept here.
    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || !userinfo.isEmpty {
                if !host.isEmpty || !path.isEmpty || !userinfo.isEmpty { out += "//" }
                if !userinfo.isEmpty { out += userinfo + "@" }
                out += host
            }
            if !path.isEmpty && !path.hasPrefix("/") && !host.isEmpty { out += "/" }
            out += path
        }
        if forceQuery || !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + fragment }
        return out
    }
}

/// Go's `url.Values`: keys in first-seen order with their values; `encode` sorts keys as Go does.
struct GoQuery: Equatable {
    private(set) var entries: [(key: String, values: [String])] = []

    static func == (lhs: GoQuery, rhs: GoQuery) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.values) == rhs.entries.map(\.values)
    }

    /// Go's `ParseQuery`, dropping the pairs it rejects (a `;`, a bad escape), as `URL.Query` does.
    static func parse(_ raw: String) -> GoQuery {
        var query = GoQuery()
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            if pair.contains(";") { continue }
            let key: Substring
            let value: Substring
            if let eq = pair.firstIndex(of: "=") {
                key = pair[..<eq]
                value = pair[pair.index(after: eq)...]
            } else {
                key = pair
                value = ""
            }
            guard let k = unescape(key), let v = unescape(value) else { continue }
            query.add(k, v)
        }
        return query
    }

    func first(_ key: String) -> String? {
        entries.first { $0.key == key }?.values.first
    }

    mutating func add(_ key: String, _ value: String) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].values.append(value)
        } else {
            entries.append((key, [value]))
        }
    }

    mutating func set(_ key: String, _ value: String) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].values = [value]
        } else {
            entries.append((key, [value]))
        }
    }

    /// Go's `Values.Encode`: keys sorted bytewise, each value `QueryEscape`d.
    func encode() -> String {
        let sorted = entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        var parts: [String] = []
        for entry in sorted {
            let key = Self.escape(entry.key)
            for value in entry.values {
                parts.append(key + "=" + Self.escape(value))
            }
        }
        return parts.joined(separator: "&")
    }

    /// Go's `QueryEscape`: unreserved bytes kept, space as `+`, everything else `%XX`.
    static func escape(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `QueryUnescape`: `+` is a space; a malformed `%` escape is an error (`nil`).
    static func unescape(_ s: Substring) -> String? {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(hi << 4 | lo)
                i += 3
            } else if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
                i += 1
            } else {
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
