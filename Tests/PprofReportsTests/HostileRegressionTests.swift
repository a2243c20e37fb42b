import Foundation
import PprofFormats
import PprofModel
import PprofReports
import Testing
import TestSupport

/// Replays every input under Fixtures/fuzz/regressions/<target>/ through the code path of the
/// libFuzzer target that found it (Sources/Fuzz<target>/main.swift; keep the two in step).
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

    /// The limits FuzzDecode uses.
    static let decodeLimits: DecodeLimits = {
        var l = DecodeLimits()
        l.maxDecompressedBytes = 4 << 20
        l.maxSamples = 100_000
        l.maxLocations = 100_000
        l.maxFunctions = 100_000
        l.maxStringLength = 1 << 16
        l.maxStackDepth = 1_000
        l.maxLabelsPerSample = 100
        return l
    }()

    /// The limits FuzzReports uses.
    static let reportLimits: DecodeLimits = {
        var l = DecodeLimits()
        l.maxDecompressedBytes = 1 << 20
        l.maxSamples = 10_000
        l.maxLocations = 10_000
        l.maxFunctions = 10_000
        l.maxStringLength = 1 << 12
        l.maxStackDepth = 500
        l.maxLabelsPerSample = 50
        return l
    }()

    @Test func thereAreRegressionsToReplay() {
        let all = ["FuzzDecode", "FuzzReports", "FuzzSession"].flatMap(Self.files)
        #expect(!all.isEmpty, "Fixtures/fuzz/regressions/ is empty")
    }

    @Test(arguments: files("FuzzDecode"))
    func decodeRegression(_ path: String) throws {
        let input = try Self.bytes(path)
        guard let p = try? ProfileDecoder.decode(input, limits: Self.decodeLimits) else { return }
        try p.checkValid()
        var relaxed = Self.decodeLimits
        relaxed.maxDecompressedBytes = 64 << 20
        _ = try ProfileDecoder.decode(try ProfileEncoder.encodeGzip(p), limits: relaxed)
    }

    @Test(arguments: files("FuzzReports"))
    func reportsRegression(_ path: String) throws {
        let input = try Self.bytes(path)
        guard let p = try? ProfileDecoder.decode(input, limits: Self.reportLimits) else { return }
        for (command, symbol) in HostileTerminalTests.reports {
            guard let prepared = try? Pipeline.prepare(profile: p, command: command, symbol: symbol, config: Config()),
                let rendered = try? prepared.report.render(command: command, environment: HostileTerminalTests.environment)
            else { continue }
            #expect(HostileTerminalTests.firstUnsafeOffset(rendered.bytes) == nil, "\(path): \(command) prints raw control bytes")
        }
    }

    @Test(arguments: files("FuzzSession"))
    func sessionRegression(_ path: String) throws {
        let input = try Self.bytes(path)
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/tags.pb.gz")))
        var session = Session(profile: try ProfileDecoder.decode(Array(data)), environment: HostileTerminalTests.environment)
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n").prefix(16) {
            if case .quit = session.execute(String(line)) { break }
        }
    }
}
