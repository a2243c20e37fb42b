import Foundation
import Testing
import TestSupport

import GoRegex

/// One row of Fixtures/regex/cases.tsv, recorded from Go's regexp by scripts/record-regex-cases.sh.
struct GoRegexCase: CustomTestStringConvertible, Sendable {
    enum Outcome: Sendable, Equatable {
        case match(Range<Int>)
        case noMatch
        case error(String)
    }

    var line: Int
    var pattern: String
    var input: String
    var outcome: Outcome

    var testDescription: String {
        let p = pattern.count > 60 ? String(pattern.prefix(60)) + "…" : pattern
        return "line \(line): /\(p)/"
    }

    static func unescape(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for c in s.unicodeScalars {
            if escaped {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    static func load() throws -> [GoRegexCase] {
        let path = TestPaths.fixture("regex/cases.tsv")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GoRegexError("missing \(path) (run scripts/record-regex-cases.sh)")
        }
        var cases: [GoRegexCase] = []
        // Split on \n only: a Character-level split would merge "\r\n" into one grapheme.
        let lines = String(decoding: data, as: UTF8.self).utf8.split(separator: UInt8(ascii: "\n"))
        for (i, raw) in lines.enumerated() {
            if raw.first == UInt8(ascii: "#") { continue }
            // Split on bytes too: a tab followed by a combining mark is one Character.
            let fields = raw.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) }
            guard fields.count == 4 else { throw GoRegexError("cases.tsv line \(i + 1): want 4 fields") }
            let outcome: Outcome
            switch fields[2] {
            case "match":
                let bounds = fields[3].split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2 else { throw GoRegexError("cases.tsv line \(i + 1): bad range") }
                outcome = .match(bounds[0]..<bounds[1])
            case "nomatch": outcome = .noMatch
            case "error": outcome = .error(unescape(fields[3]))
            default: throw GoRegexError("cases.tsv line \(i + 1): bad outcome \(fields[2])")
            }
            cases.append(
                GoRegexCase(line: i + 1, pattern: unescape(fields[0]), input: unescape(fields[1]), outcome: outcome))
        }
        return cases
    }
}

private let recordedCases: [GoRegexCase] = (try? GoRegexCase.load()) ?? []

@Suite struct GoRegexTests {
    @Test func casesFileLoads() throws {
        let cases = try GoRegexCase.load()
        #expect(cases.count > 300)
        #expect(cases.contains { if case .error = $0.outcome { true } else { false } })
        #expect(cases.contains { $0.input.utf8.count >= 10_000 })
    }

    /// Every recorded case: same compile error text, same MatchString, same FindStringIndex as Go.
    @Test(arguments: recordedCases)
    func matchesGo(_ c: GoRegexCase) {
        switch c.outcome {
        case .error(let message):
            #expect(throws: GoRegexError(message)) { try GoRegex(c.pattern) }
        case .noMatch:
            guard let re = compiled(c) else { return }
            #expect(!re.matches(c.input))
            #expect(re.firstMatchOffsets(in: c.input) == nil)
            #expect(re.firstMatch(in: c.input) == nil)
        case .match(let range):
            guard let re = compiled(c) else { return }
            #expect(re.matches(c.input))
            #expect(re.firstMatchOffsets(in: c.input) == range)
        }
    }

    private func compiled(_ c: GoRegexCase) -> GoRegex? {
        do {
            return try GoRegex(c.pattern)
        } catch {
            Issue.record("unexpected compile error \(error)")
            return nil
        }
    }

    /// Go's QuoteMeta: every metacharacter escaped, so the quoted name matches only itself.
    @Test func quoteMetaMatchesLiterally() throws {
        let name = #"main.(*matrix).mul[T]{1}|x+y?^$\"#
        let quoted = GoRegex.quoteMeta(name)
        #expect(quoted == #"main\.\(\*matrix\)\.mul\[T\]\{1\}\|x\+y\?\^\$\\"#)
        let re = try GoRegex("^" + quoted + "$")
        #expect(re.matches(name))
        #expect(!re.matches("mainX(*matrix).mul[T]{1}|x+y?^$\\"))
        #expect(GoRegex.quoteMeta("plain_name-1") == "plain_name-1")
    }

    @Test func firstMatchReturnsStringIndices() throws {
        let re = try GoRegex(#"\pL+"#)
        let s = "123héllo wörld"
        let range = try #require(re.firstMatch(in: s))
        #expect(s[range] == "héllo")
        let greek = try GoRegex("β+")
        let t = "αββγ"
        let r2 = try #require(greek.firstMatch(in: t))
        #expect(t[r2] == "ββ")
        #expect(try GoRegex("^").firstMatch(in: "") == "".startIndex..<"".startIndex)
    }

    /// Literal patterns skip the VM; they must answer as the VM does (`firstMatchOffsets`
    /// always runs it), and only patterns that really are one literal take that path.
    @Test func literalFastPathAgreesWithTheVM() throws {
        let literal = ["main", "^main", "main$", #"^main\.fib$"#, #"^github\.com/x\.\(\*T\)\.Run$"#, "é", "^日本$", #"\Amain\z"#]
        let notLiteral = ["(?i)main", "(?m)^main", "ma+in", "^main.fib$", "main|fib", "[m]ain", "", "^$", "\u{FFFD}", "(main)", "m.in"]
        let inputs = [
            "main", "main.fib", "runtime.main", "xmain", "mai", "", "github.com/x.(*T).Run", "github.com/x.(*T).Run2",
            "é", "e\u{301}", "日本", "日本語", "MAIN", "main\n", "\u{FFFD}main",
        ]
        for p in literal {
            let re = try GoRegex(p)
            #expect(re.literal != nil, "\(p) should be literal")
            for s in inputs { #expect(re.matches(s) == (re.firstMatchOffsets(in: s) != nil), "/\(p)/ on \(s)") }
        }
        for p in notLiteral {
            let re = try GoRegex(p)
            #expect(re.literal == nil, "\(p) should use the VM")
        }
    }

    @Test func keepsPattern() throws {
        #expect(try GoRegex("(?i)alloc").pattern == "(?i)alloc")
    }

    @Test func errorMessageMatchesGoFormat() {
        #expect(throws: GoRegexError("error parsing regexp: missing closing ): `(abc`")) { try GoRegex("(abc") }
    }

    /// Non-native (bridged or lazily built) strings take the copying path and must agree.
    @Test func worksOnSubstringsAndNonContiguousInput() throws {
        let re = try GoRegex(#"runtime\.\w+"#)
        let line = "x runtime.mallocgc y"
        let sub = String(line.dropFirst(2))
        #expect(re.firstMatchOffsets(in: sub) == 0..<16)
        let bridged = NSString(string: line) as String
        #expect(re.firstMatchOffsets(in: bridged) == 2..<18)
    }

    /// Patterns that make backtracking engines take exponential time finish at once here;
    /// 100 kB inputs would take ages if matching were not linear.
    @Test func pathologicalPatternsStayLinear() throws {
        let a = String(repeating: "a", count: 100_000)
        #expect(!(try GoRegex("(a*)*b").matches(a)))
        #expect(try GoRegex("(a|aa)+$").firstMatchOffsets(in: a) == 0..<100_000)
        #expect(!(try GoRegex("(x+x+)+y").matches(String(repeating: "x", count: 100_000))))
        #expect(!(try GoRegex("(?:a?){50}a{50}").matches(String(repeating: "a", count: 49))))
        #expect(try GoRegex("(?:a?){50}a{50}").firstMatchOffsets(in: String(repeating: "a", count: 50)) == 0..<50)
    }

    /// Long chains of optional pieces and deep nesting compile and run without deep recursion.
    @Test func deepStructuresDoNotOverflow() throws {
        let nested = String(repeating: "(", count: 999) + "a" + String(repeating: ")", count: 999)
        #expect(try GoRegex(nested).matches("a"))
        let stars = String(repeating: "(", count: 450) + "a" + String(repeating: ")*", count: 450)
        #expect(try GoRegex(stars).firstMatchOffsets(in: "aaab") == 0..<3)
        let tooDeep = String(repeating: "(", count: 600) + "a" + String(repeating: ")*", count: 600)
        #expect(throws: GoRegexError("error parsing regexp: expression nests too deeply: `\(tooDeep)`")) {
            try GoRegex(tooDeep)
        }
        let chain = try GoRegex("(?:ab?){0,1000}c")
        #expect(try #require(chain.firstMatchOffsets(in: String(repeating: "ab", count: 600) + "c")) == 0..<1201)
        let alternatives = (0..<5000).map { "w\($0)x" }.joined(separator: "|")
        #expect(try GoRegex(alternatives).firstMatchOffsets(in: "--w4999x--") == 2..<8)
    }

    /// Match state is made once per regex and reused: a thousand sequential matches of a large
    /// program allocate one machine (they used to zero-fill program-sized state each time).
    @Test func matchStateIsReused() throws {
        let alternatives = (0..<3000).map { "name\($0)x" }.joined(separator: "|")
        let re = try GoRegex(alternatives)
        #expect(re.machinesAllocated == 0)
        for i in 0..<1000 { _ = re.matches("main.func\(i)") }
        #expect(re.machinesAllocated == 1)
        #expect(re.matchStateBytes > 100_000)
    }

    /// Go's FindSubmatchIndex: group ranges, nil for a group that took no part.
    @Test func submatchesAreGoFindSubmatchIndex() throws {
        let re = try GoRegex(#"(a+)(b)?(c|(d))"#)
        #expect(re.groupCount == 4)
        #expect(re.submatchOffsets(Array("xaacz".utf8))! == [1..<4, 1..<3, nil, 3..<4, nil])
        #expect(re.submatchOffsets(Array("abd".utf8))! == [0..<3, 0..<1, 1..<2, 2..<3, 2..<3])
        #expect(re.submatchOffsets(Array("xyz".utf8)) == nil)
        #expect(try GoRegex("(x)").submatches(Array("axb".utf8)) == [Array("x".utf8), Array("x".utf8)])
    }

    /// Go's nesting limit (maxHeight 1000) counts a literal string as one node: 999 groups
    /// around `ab` are accepted, 1000 are refused with Go's message.
    @Test func nestingLimitMatchesGo() throws {
        for lit in ["a", "ab", "main"] {
            let ok = String(repeating: "(", count: 999) + lit + String(repeating: ")", count: 999)
            #expect(try GoRegex(ok).matches(lit))
            let deep = String(repeating: "(", count: 1000) + lit + String(repeating: ")", count: 1000)
            #expect(throws: GoRegexError("error parsing regexp: expression nests too deeply: `\(deep)`")) { try GoRegex(deep) }
        }
    }
}
