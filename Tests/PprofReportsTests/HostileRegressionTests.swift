import Foundation
import FuzzHarness
import PprofFormats
import PprofModel
import PprofReports
import TestSupport
import Testing

/// Replays every input under Fixtures/fuzz/regressions/<target>/ through the libFuzzer target's
/// own code (FuzzHarness, which Sources/Fuzz<target>/main.swift calls).
/// A file here is an input that once crashed, trapped, hung or printed raw control bytes.
@Suite struct HostileRegressionTests {
    static func files(_ target: String) -> [String] {
        let dir = TestPaths.fixture("fuzz/regressions/" + target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: path), "cannot read \(path)"))
    }

    @Test func thereAreRegressionsToReplay() {
        let all = ["FuzzDecode", "FuzzReports", "FuzzSession"].flatMap(Self.files)
        #expect(!all.isEmpty, "Fixtures/fuzz/regressions/ is empty")
    }

    @Test(arguments: files("FuzzDecode"))
    func decodeRegression(_ path: String) throws {
        #expect(FuzzHarness.decode(try Self.bytes(path)) == nil, "\(path)")
    }

    @Test(arguments: files("FuzzReports"))
    func reportsRegression(_ path: String) throws {
        #expect(FuzzHarness.reports(try Self.bytes(path)) == nil, "\(path)")
    }

    @Test(arguments: files("FuzzSession"))
    func sessionRegression(_ path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/tags.pb.gz")))
        let profile = try ProfileDecoder.decode(Array(data))
        #expect(FuzzHarness.session(try Self.bytes(path), profile: profile) == nil, "\(path)")
    }

    /// The harness's checks find what they are for (a clean pass above would mean little if
    /// they could not fail): a report printing ESC, a profile that fails validation.
    @Test func theHarnessReportsFindings() {
        #expect(FuzzHarness.firstUnsafeOffset(Array("ok\u{1b}[2J".utf8)) == 2)
        #expect(FuzzHarness.firstUnsafeOffset(Array("tab\tnewline\n\u{9b}".utf8)) == 12)
        #expect(FuzzHarness.firstUnsafeOffset(Array("plain \u{e9}\u{65e5}\n".utf8)) == nil)
    }
}
