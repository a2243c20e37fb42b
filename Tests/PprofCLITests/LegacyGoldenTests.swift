import Foundation
import Testing
import TestSupport

/// `go tool pprof` runs on the legacy-format fixtures (Fixtures/legacy/goldens/MANIFEST.tsv,
/// recorded by scripts/record-legacy-goldens.sh).
@Suite struct LegacyGoldenTests {
    static func cases() -> [GoldenCase] {
        let path = TestPaths.fixture("legacy/goldens/MANIFEST.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cols = line.split(separator: "\t", maxSplits: 1)
            guard cols.count == 2 else { return nil }
            return GoldenCase(name: String(cols[0]), args: cols[1].split(separator: " ").map(String.init))
        }
    }

    @Test func manifestCoversEveryFormat() {
        let args = Self.cases().flatMap(\.args).joined(separator: " ")
        for fixture in [
            "cpu.le64.prof", "cpu.be32.prof", "java.cpu.prof", "heap.v2.txt", "heap.go.txt", "growth.txt",
            "contention.cpp.txt", "mutex.go.txt", "goroutine.txt", "threadz.txt", "java.heap.txt",
            "java.contention.txt",
        ] {
            #expect(args.contains("Fixtures/legacy/\(fixture)"), "no golden for \(fixture)")
        }
    }

    /// Our stdout equals pprof's byte for byte; where pprof failed, we fail with its message.
    @Test(arguments: cases())
    func matchesPprof(_ c: GoldenCase) throws {
        let (code, out) = CLIHarness.run(c.args)
        let golden = TestPaths.fixture("legacy/goldens/" + c.name)
        if FileManager.default.fileExists(atPath: golden + ".exit") {
            #expect(code != 0, "pprof failed on \(c.args.joined(separator: " ")); we exited 0:\n\(out.stdout)")
            let expected = try String(contentsOfFile: golden + ".stderr", encoding: .utf8)
            let firstLine = expected.split(separator: "\n").first.map(String.init) ?? ""
            let got = out.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(got == firstLine, "stderr: \(out.stderr)")
            return
        }
        #expect(code == 0, "exit \(code): \(out.stderr)")
        if let problem = Golden.compare(out.stdout, against: golden) {
            Issue.record("\(c.args.joined(separator: " ")):\n\(problem)")
        }
    }
}
