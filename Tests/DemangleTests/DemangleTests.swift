import Foundation
import Testing
import TestSupport

import Demangle

/// One row of Fixtures/demangle/cases.tsv: Go's `demangle.Filter` output for a symbol under
/// one of pprof's demangler modes, recorded by scripts/record-demangle-cases.sh.
struct DemangleCase: CustomTestStringConvertible, Sendable {
    var line: Int
    var mangled: String
    var mode: String
    var expected: String

    var testDescription: String { "line \(line) [\(mode)]: \(mangled.prefix(80))" }

    static func load() throws -> [DemangleCase] {
        let path = TestPaths.fixture("demangle/cases.tsv")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaseFileError("missing \(path) (run scripts/record-demangle-cases.sh)")
        }
        var cases: [DemangleCase] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() where !raw.isEmpty && raw.first != UInt8(ascii: "#") {
            let f = raw.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard f.count == 3 else { throw CaseFileError("cases.tsv line \(i + 1): want 3 fields") }
            let s = f.map { String(decoding: $0, as: UTF8.self) }
            cases.append(DemangleCase(line: i + 1, mangled: s[0], mode: s[1], expected: s[2]))
        }
        return cases
    }
}

private let recordedCases: [DemangleCase] = (try? DemangleCase.load()) ?? []

/// A malformed or missing cases file.
struct CaseFileError: Error {
    var message: String
    init(_ m: String) { message = m }
}

@Suite struct DemangleTests {
    @Test func casesFileLoads() throws {
        let cases = try DemangleCase.load()
        #expect(cases.count > 4000)
        #expect(Set(cases.map(\.mode)) == ["default", "templates", "full", "none"])
    }

    /// Every recorded case, character for character.
    @Test func matchesGoFilter() throws {
        var failures: [String] = []
        for c in recordedCases {
            guard let opts = DemangleOptions.pprofMode(c.mode == "default" ? "" : c.mode) else {
                failures.append("line \(c.line): unknown mode \(c.mode)")
                continue
            }
            let got = demangleFilter(c.mangled, opts)
            if got != c.expected {
                failures.append("line \(c.line) [\(c.mode)] \(c.mangled)\n   got: \(got)\n  want: \(c.expected)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}

/// Hostile and edge inputs: no trap, no stack overflow, input returned when not demangled.
@Suite struct DemangleRobustnessTests {
    /// Nesting far beyond any real symbol (and past the depth limit) fails cleanly: the input
    /// comes back, with no stack overflow on a test thread.
    @Test func deepNestingReturnsInput() {
        let deep = [
            "_Z1f" + String(repeating: "P", count: 400_000) + "i",
            "_RNvC1a" + String(repeating: "RL0_", count: 400_000),
        ]
        for s in deep { #expect(demangleFilter(s, []) == s) }
    }

    /// Names nested past the old limits (96 parse, 192 print levels) demangle as Go's demangle
    /// (pprof) prints them.
    @Test(arguments: [200, 2_000, 50_000])
    func deepNamesDemangleAsPprof(_ n: Int) {
        let foo = Array(repeating: "foo", count: n).joined(separator: "::")
        #expect(demangleFilter("_ZN" + String(repeating: "3foo", count: n) + "E", [.noParams, .noTemplateParams]) == foo)
        #expect(demangleFilter("_Z1f" + String(repeating: "P", count: n) + "i", [.noClones]) == "f(int" + String(repeating: "*", count: n) + ")")
        #expect(demangleFilter("_Z1f" + String(repeating: "P", count: n) + "i", [.noParams, .noTemplateParams]) == "f")
        let rust = "crate" + String(repeating: "::m", count: n)
        #expect(demangleFilter("_R" + String(repeating: "Nv", count: n) + "C5crate" + String(repeating: "1m", count: n), []) == rust)
        #expect(demangleFilter("_ZN5crate" + String(repeating: "1m", count: n) + "17h0123456789abcdefE", []) == rust)
        let templates = "_Z1fI" + String(repeating: "N1aI", count: n) + "i" + String(repeating: "EE", count: n) + "Evv"
        #expect(demangleFilter(templates, [.noClones])
            == "void f<" + String(repeating: "a<", count: n) + "int>" + String(repeating: " >", count: n) + "()")
        let funcptrs = "_Z1f" + String(repeating: "PFv", count: n) + "i" + String(repeating: "E", count: n)
        #expect(demangleFilter(funcptrs, [.noClones])
            == "f(" + String(repeating: "void (*)(", count: n) + "int" + String(repeating: ")", count: n + 1))
    }

    /// Moderate nesting that real code produces still demangles.
    @Test func moderateNestingDemangles() {
        let s = "_Z1f" + String(repeating: "P", count: 40) + "i"
        #expect(demangleFilter(s, []) == "f(int" + String(repeating: "*", count: 40) + ")")
    }

    /// Back-references that point at each other are bounded in work and output.
    @Test func rustBackrefsAreBounded() {
        var s = "_RNvC1a1b"
        for _ in 0..<60 { s += "B_" }
        #expect(demangleFilter(s, []) == s)
        let chain = "_RINvC1a1fTNvC1a1gB9_B9_B9_B9_B9_B9_B9_B9_EE"
        _ = demangleFilter(chain, [])
    }

    /// Every prefix of real symbols, and bytes outside the grammar, never trap.
    @Test func truncationsAndGarbageNeverTrap() {
        let seeds = [
            "_ZNSt6vectorIiSaIiEE17_M_realloc_insertIJRKiEEEvN9__gnu_cxx17__normal_iteratorIPiS1_EEDpOT_",
            "_ZZN2ns4Pool6submitESt8functionIFvvEEENKUlvE_clEv",
            "_RINvCs7qp2U7fqm6G_7mycrate7exampleKc76_EB2_",
            "_ZN71_$LT$Test$u20$$u2b$$u20$$u27$static$u20$as$u20$foo..Bar$LT$Test$GT$$GT$3bar17h930b740aa94f1d3aE",
            "_Z1fIiEvDTcl3foofp_EE",
        ]
        for seed in seeds {
            let b = Array(seed.utf8)
            for n in 0...b.count {
                let s = String(decoding: b[..<n], as: UTF8.self)
                for opts: DemangleOptions in [[], [.noParams, .noTemplateParams], [.noClones], [.verbose, .llvmStyle]] {
                    _ = demangleFilter(s, opts)
                    _ = demangleFilter(s + "\u{0}\u{FF}é", opts)
                }
            }
        }
        #expect(demangleFilter("_Z\u{0}", []) == "_Z\u{0}")
        #expect(demangleFilter("", []) == "")
    }

    /// pprof's option sets per `-symbolize=demangle=` mode.
    @Test func pprofModes() {
        #expect(DemangleOptions.pprofMode("") == [.noParams, .noTemplateParams])
        #expect(DemangleOptions.pprofMode("templates") == [.noParams])
        #expect(DemangleOptions.pprofMode("full") == [.noClones])
        #expect(DemangleOptions.pprofMode("none") == [])
        #expect(DemangleOptions.pprofMode("bogus") == nil)
    }
}
