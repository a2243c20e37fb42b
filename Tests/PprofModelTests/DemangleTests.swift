import Foundation
import Testing
import TestSupport

@testable import PprofModel

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
            throw PprofError("missing \(path) (run scripts/record-demangle-cases.sh)")
        }
        var cases: [DemangleCase] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() where !raw.isEmpty && raw.first != UInt8(ascii: "#") {
            let f = raw.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard f.count == 3 else { throw PprofError("cases.tsv line \(i + 1): want 3 fields") }
            let s = f.map { String(decoding: $0, as: UTF8.self) }
            cases.append(DemangleCase(line: i + 1, mangled: s[0], mode: s[1], expected: s[2]))
        }
        return cases
    }
}

private let recordedCases: [DemangleCase] = (try? DemangleCase.load()) ?? []

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
