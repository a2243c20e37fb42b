import Foundation
import PprofModel

/// Go's `flag` package grammar, table-driven: `-name`, `--name`, `-name=value`, `-name value`
/// (non-bool only), bool flags take no separate value, parsing stops at the first non-flag
/// argument or at `--`. swift-argument-parser cannot express single-dash long options with
/// separate values (see docs/DECISIONS.md), so this small parser does.
struct FlagSpec: Sendable {
    enum Kind: Sendable { case bool, int, float, string }
    var name: String
    var kind: Kind
    var help: String
}

/// A flag value as parsed, typed by its spec.
enum FlagValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

struct ParsedFlags: Sendable {
    /// In command-line order; a repeated flag appears once per occurrence (the last one wins).
    var values: [(name: String, value: FlagValue)] = []
    var arguments: [String] = []
    var helpRequested = false

    func last(_ name: String) -> FlagValue? { values.last { $0.name == name }?.value }
    func isSet(_ name: String) -> Bool { values.contains { $0.name == name } }
}

enum FlagParser {
    /// Parses `args` (without the program name) against `specs`.
    /// - Throws: `PprofErrorCLI` with Go's wording ("flag provided but not defined: -x").
    static func parse(_ args: [String], specs: [FlagSpec]) throws -> ParsedFlags {
        var byName: [String: FlagSpec] = [:]
        for s in specs { byName[s.name] = s }
        var out = ParsedFlags()
        var i = 0
        while i < args.count {
            let arg = args[i]
            guard arg.count >= 2, arg.hasPrefix("-") else { break }
            var body = Substring(arg.dropFirst())
            if body.hasPrefix("-") {
                body = body.dropFirst()
                if body.isEmpty {  // "--" terminates the flags
                    i += 1
                    break
                }
            }
            if body.isEmpty || body.hasPrefix("-") || body.hasPrefix("=") {
                throw CLIError("bad flag syntax: \(arg)", usage: true)
            }
            i += 1
            var name = String(body)
            var inlineValue: String?
            if let eq = body.firstIndex(of: "=") {
                name = String(body[body.startIndex..<eq])
                inlineValue = String(body[body.index(after: eq)...])
            }
            guard let spec = byName[name] else {
                if name == "help" || name == "h" {
                    out.helpRequested = true
                    continue
                }
                throw CLIError("flag provided but not defined: -\(name)", usage: true)
            }
            if spec.kind == .bool {
                if let v = inlineValue {
                    guard let b = parseGoBool(v) else {
                        throw CLIError("invalid boolean value \(GoQuote.quote(v)) for -\(name): parse error", usage: true)
                    }
                    out.values.append((name, .bool(b)))
                } else {
                    out.values.append((name, .bool(true)))
                }
                continue
            }
            let raw: String
            if let v = inlineValue {
                raw = v
            } else if i < args.count {
                raw = args[i]
                i += 1
            } else {
                throw CLIError("flag needs an argument: -\(name)", usage: true)
            }
            switch spec.kind {
            case .int:
                guard let v = parseGoInt(raw) else {
                    throw CLIError("invalid value \(GoQuote.quote(raw)) for flag -\(name): parse error", usage: true)
                }
                out.values.append((name, .int(v)))
            case .float:
                guard let v = parseGoFloat(raw) else {
                    throw CLIError("invalid value \(GoQuote.quote(raw)) for flag -\(name): parse error", usage: true)
                }
                out.values.append((name, .float(v)))
            case .string, .bool:
                out.values.append((name, .string(raw)))
            }
        }
        out.arguments = Array(args[i...])
        return out
    }

    /// strconv.ParseBool.
    static func parseGoBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b/0 prefixes, underscores with a prefix.
    static func parseGoInt(_ s: String) -> Int? {
        var t = Substring(s)
        var negative = false
        if t.hasPrefix("+") || t.hasPrefix("-") {
            negative = t.hasPrefix("-")
            t = t.dropFirst()
        }
        var radix = 10
        let lower = t.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            t = t.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            t = t.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            t = t.dropFirst(2)
        } else if t.count > 1 && t.hasPrefix("0") {
            radix = 8
            t = t.dropFirst()
        }
        var digits = String(t)
        if digits.contains("_") {
            // Go: underscores only with a base prefix, each one between digits (or after the prefix).
            let prefixed = radix != 10
            guard prefixed, !digits.hasSuffix("_"), !digits.contains("__") else { return nil }
            digits.removeAll { $0 == "_" }
        }
        guard !digits.isEmpty, let mag = UInt64(digits, radix: radix) else { return nil }
        if negative {
            if mag == UInt64(Int64.max) + 1 { return Int(Int64.min) }
            guard mag <= UInt64(Int64.max) else { return nil }
            return -Int(mag)
        }
        guard mag <= UInt64(Int64.max) else { return nil }
        return Int(mag)
    }

    /// strconv.ParseFloat(s, 64) for the forms people type (decimal, exponent, inf, nan).
    static func parseGoFloat(_ s: String) -> Double? {
        let t = s
        switch t.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !t.isEmpty, !t.contains("_"), t.allSatisfy({ "0123456789+-.eEpPxXabcdefABCDEF".contains($0) }) else {
            return nil
        }
        return Double(t)
    }
}

/// A command-line error: printed as one line, exit status 2 for usage errors, 1 otherwise.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var usage: Bool
    init(_ message: String, usage: Bool = false) {
        self.message = message
        self.usage = usage
    }
    var description: String { message }
}
