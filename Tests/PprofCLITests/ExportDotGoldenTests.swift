import Foundation
import PprofReports
import Testing
import TestSupport

/// One `go tool pprof -dot` run recorded by scripts/record-dot-goldens.sh.
struct DotGoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var args: [String]
    var testDescription: String { name }

    static func all() -> [DotGoldenCase] {
        let path = TestPaths.fixture("goldens/dot/MANIFEST.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cols = line.split(separator: "\t", maxSplits: 1)
            guard cols.count == 2 else { return nil }
            return DotGoldenCase(name: String(cols[0]), args: cols[1].split(separator: " ").map(String.init))
        }
    }
}

@Suite struct ExportDotGoldenTests {
    @Test func manifestCoversEveryFixture() throws {
        let cases = DotGoldenCase.all()
        let used = Set(cases.flatMap(\.args))
        for dir in ["profiles", "profiles/crafted"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture(dir))
            for n in names where n.hasSuffix(".pb.gz") || n.hasSuffix(".pb") {
                #expect(used.contains("Fixtures/\(dir)/\(n)"), "no -dot golden for Fixtures/\(dir)/\(n)")
            }
        }
    }

    /// `-dot` equals `go tool pprof -dot` byte for byte. The one normalisation: pprof copies
    /// invalid UTF-8 from the profile as raw bytes, which a Swift String holds as U+FFFD, so
    /// both sides are compared as decoded UTF-8; and control characters in names, which pprof
    /// writes raw, are escaped in ours (`sanitizeDocumentForTerminal`, applied to the golden).
    @Test(arguments: DotGoldenCase.all())
    func matchesPprof(_ c: DotGoldenCase) throws {
        let (code, out) = CLIHarness.run(c.args)
        #expect(code == 0, "exit \(code): \(out.stderr)")
        let path = TestPaths.fixture("goldens/dot/" + c.name)
        let golden = try #require(FileManager.default.contents(atPath: path), "missing \(path): run scripts/record-dot-goldens.sh")
        let expected = sanitizeDocumentForTerminal(String(decoding: golden, as: UTF8.self))
        let actual = out.stdout
        if expected == actual { return }
        Issue.record(Comment(rawValue: "\(c.args.joined(separator: " ")):\n" + Golden.lineDiff(expected: expected, actual: actual)))
    }
}
