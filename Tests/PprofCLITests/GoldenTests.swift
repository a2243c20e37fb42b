import Foundation
import Testing
import TestSupport

/// One recorded `go tool pprof` run: Fixtures/goldens/MANIFEST.tsv maps a golden file to its flags.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var args: [String]
    var testDescription: String { name }

    static func all() -> [GoldenCase] {
        let path = TestPaths.fixture("goldens/MANIFEST.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cols = line.split(separator: "\t", maxSplits: 1)
            guard cols.count == 2 else { return nil }
            return GoldenCase(name: String(cols[0]), args: cols[1].split(separator: " ").map(String.init))
        }
    }
}

@Suite struct GoldenTests {
    @Test func manifestIsPresentAndLarge() {
        #expect(GoldenCase.all().count >= 100, "Fixtures/goldens/MANIFEST.tsv should list the recorded pprof runs")
    }

    /// Our output equals `go tool pprof`'s, byte for byte, for every recorded case.
    @Test(arguments: GoldenCase.all())
    func matchesPprof(_ c: GoldenCase) {
        let (code, out) = CLIHarness.run(c.args)
        let golden = TestPaths.fixture("goldens/" + c.name)
        let exitFile = golden + ".exit"
        if FileManager.default.fileExists(atPath: exitFile) {
            #expect(code != 0, "pprof failed on \(c.args.joined(separator: " ")); we exited 0. stdout:\n\(out.stdout)")
            return
        }
        #expect(code == 0, "exit \(code): \(out.stderr)")
        if let problem = Golden.compare(out.stdout, against: golden) {
            Issue.record("\(c.args.joined(separator: " ")):\n\(problem)")
        }
    }
}
