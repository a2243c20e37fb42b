import Foundation

/// Runs one of the Go programs under Fixtures/live on a loopback port for the tests.
///
/// Built once by scripts/build-live-fixtures.sh; started with `-watch-stdin` so it exits when
/// this test process does, and with `-limit` so it exits by itself in any case.
final class LiveFixtureServer: @unchecked Sendable {
    let address: String
    private let process: Process
    private let stdin: Pipe

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let goAvailable: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/go") }
    }()

    /// The build directory, or the reason the build failed.
    static let built: Result<String, FixtureError> = {
        let script = repoRoot.appendingPathComponent("scripts/build-live-fixtures.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return .failure(FixtureError("cannot run \(script): \(error)"))
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(FixtureError("build-live-fixtures.sh failed: \(String(decoding: errors, as: UTF8.self))"))
        }
        let dir = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(dir)
    }()

    static let service: Result<LiveFixtureServer, FixtureError> = start("service")
    static let faults: Result<LiveFixtureServer, FixtureError> = start("faults")

    private static func start(_ name: String) -> Result<LiveFixtureServer, FixtureError> {
        built.flatMap { dir in
            Result { try LiveFixtureServer(binary: "\(dir)/\(name)") }.mapError {
                $0 as? FixtureError ?? FixtureError("\($0)")
            }
        }
    }

    private init(binary: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // -limit is a backstop only (stdin's EOF ends it): one test process runs live suites beside
        // CPU-heavy ones, so the last live test may come minutes after the first.
        process.arguments = ["-addr", "127.0.0.1:0", "-limit", "1800s", "-watch-stdin"]
        stdin = Pipe()
        let out = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Read the "listening on ADDR" line, waiting at most 10 s.
        let lineBox = LineBox()
        let ready = DispatchSemaphore(value: 0)
        let reader = out.fileHandleForReading
        DispatchQueue.global().async {
            var collected = Data()
            while !collected.contains(UInt8(ascii: "\n")) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                collected.append(chunk)
            }
            lineBox.line = String(decoding: collected, as: UTF8.self)
            ready.signal()
        }
        guard ready.wait(timeout: .now() + 10) == .success,
            let line = lineBox.line?.split(separator: "\n").first,
            line.hasPrefix("listening on 127.0.0.1:")
        else {
            process.terminate()
            throw FixtureError("\(binary) did not report its address within 10 s")
        }
        address = String(line.dropFirst("listening on ".count))
    }

    func url(_ path: String) -> String { "http://\(address)\(path)" }
}

private final class LineBox: @unchecked Sendable {
    var line: String?
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
