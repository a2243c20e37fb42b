import Foundation

/// A regular expression with Go's RE2 syntax and semantics (linear-time matching).
///
/// Placeholder implementation over NSRegularExpression; being replaced by a linear-time
/// RE2-compatible engine (see docs/DECISIONS.md).
package struct GoRegex: @unchecked Sendable {
    package let pattern: String
    private let re: NSRegularExpression

    package init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            re = try NSRegularExpression(pattern: pattern)
        } catch {
            throw PprofError("error parsing regexp: \(pattern)")
        }
    }

    /// True if the pattern matches anywhere in `s` (Go's `MatchString`).
    package func matches(_ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
