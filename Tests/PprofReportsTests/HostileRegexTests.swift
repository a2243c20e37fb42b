import Foundation
import GoRegex
import PprofModel
import PprofReports
import Testing

/// Regex options come from the user but run over untrusted names: an invalid pattern is a
/// clear one-line error, and a pattern that backtracking engines take exponential time on
/// finishes promptly (GoRegex is an automaton, linear in the input).
@Suite struct HostileRegexTests {
    /// Names made for catastrophic backtracking: long runs of `a` with no `b` anywhere.
    static func longNames() -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count")]
        let run = String(repeating: "a", count: 20_000)
        for i in 0..<8 {
            p.functions.append(Function(id: UInt64(i + 1), name: run + "\(i)", systemName: run, filename: "/" + run + ".go"))
            var l = Location(id: UInt64(i + 1))
            l.lines = [Line(function: Int32(i), line: 1)]
            p.locations.append(l)
        }
        var s = SampleTable(valueCount: 1)
        for i in 0..<8 {
            s.append(stack: (0...i).map { Int32($0) }, values: [Int64(i + 1)], labels: [SampleLabel(key: "key", str: run)])
        }
        p.samples = s
        return p
    }

    static func session() -> Session {
        Session(profile: longNames(), environment: HostileTerminalTests.environment)
    }

    static let options = ["focus", "ignore", "hide", "show", "show_from", "prune_from", "tagfocus", "tagignore", "tagshow", "taghide"]

    @Test(arguments: options)
    func invalidPatternIsAClearError(_ option: String) {
        var s = Self.session()
        let set = s.execute("\(option)=(unclosed")
        let outcome = set == .none ? s.execute("top") : set
        guard case .error(let message) = outcome else {
            Issue.record("\(option)=(unclosed: expected an error, got \(outcome)")
            return
        }
        #expect(message.contains("missing closing )"), "\(option): \(message)")
        #expect(message.contains("regexp"), "\(option): \(message)")
        #expect(!message.contains("\n"), "\(option): error spans lines: \(message)")
    }

    @Test func invalidSymbolPatternIsAClearError() {
        var s = Self.session()
        for command in ["peek", "list"] {
            guard case .error(let message) = s.execute("\(command) a**(") else {
                Issue.record("\(command): expected an error")
                continue
            }
            #expect(message.contains("regexp"), "\(command): \(message)")
        }
    }

    @Test func moreInvalidPatterns() {
        for pattern in ["[z-a]", "a{1001}", "(?P<n", "\\8", "x{2}{3}{4}{5}*", "[[:nope:]]", "(?z)"] {
            var s = Self.session()
            _ = s.execute("focus=" + pattern)
            guard case .error(let message) = s.execute("top") else {
                Issue.record("focus=\(pattern): expected an error")
                continue
            }
            #expect(message.hasPrefix("parsing focus regexp"), "focus=\(pattern): \(message)")
        }
    }

    static let catastrophic = [
        "(a*)*b", "(a|aa)*b", "(a+)+$x", "((a*)*)*b", "(a|a)*b", "(.*a){20}b", "(a?){30}a{30}b",
        "^(([a-z])+.)+[A-Z]([a-z])+$", "(\\w+\\s?)*b",
    ]

    /// Patterns that take a backtracking engine exponential time cost the VM at most
    /// (bytes + 1) x instructions threads per queue (two queues), on inputs that nearly match:
    /// a count, not a clock, so load on the machine cannot fail it.
    @Test(arguments: catastrophic)
    func catastrophicPatternsCostLinearWork(_ pattern: String) throws {
        let re = try GoRegex(pattern)
        for text in [String(repeating: "a", count: 64), String(repeating: "a", count: 64) + "!", "aaaa aaaa aaaa aaaa aaaa aaaa x"] {
            let (_, threads) = re.threadsEntered(matching: text)
            let bound = 2 * (text.utf8.count + 1) * re.instructionCount
            #expect(threads > 0 && threads <= bound, "\(pattern) on \(text.utf8.count) bytes: \(threads) threads > \(bound)")
        }
    }

    /// The same patterns in every option that takes a regex: the report runs, or the option
    /// is refused with a message (no trap).
    @Test func catastrophicPatternsInEveryOption() {
        for pattern in Self.catastrophic {
            for option in ["focus", "ignore", "hide", "show", "tagfocus", "prune_from"] {
                var s = Self.session()
                _ = s.execute("\(option)=\(pattern)")
                if case .error(let message) = s.execute("top") {
                    #expect(!message.isEmpty)
                }
            }
        }
    }
}
