import Foundation
import PprofCLI
import PprofReports
import TestSupport

/// Runs the whole driver in-process, capturing what it writes.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var out: [UInt8] = []
    private var err = ""
    func appendOut(_ b: [UInt8]) { lock.lock(); out += b; lock.unlock() }
    func appendErr(_ s: String) { lock.lock(); err += s; lock.unlock() }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    var stdoutBytes: [UInt8] { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return err }
}

enum CLIHarness {
    /// Tests use paths relative to the repository root, as the golden manifest does, and the
    /// UTC time zone, as the goldens were recorded.
    static let setUp: Void = {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.root.path)
        setenv("TZ", "UTC", 1)
        tzset()
    }()

    /// Runs the driver. `compat` is the PPROF_COMPAT value (unless `environment` sets one):
    /// Go 1.19's by default, since the CLI tests' expectations and goldens were taken from
    /// `go tool pprof` 1.19; tests of the current-upstream default pass nil.
    static func run(
        _ args: [String], stdin: [String] = [], environment: [String: String] = [:],
        compat: String? = GoldenReference.compat
    ) -> (code: Int32, out: Captured) {
        _ = setUp
        var environment = environment
        if let compat, environment["PPROF_COMPAT"] == nil { environment["PPROF_COMPAT"] = compat }
        let c = Captured()
        let lines = LineQueue(stdin)
        let io = DriverIO(
            writeOut: { c.appendOut($0) }, writeErr: { c.appendErr($0) }, readLine: { lines.next() },
            stdinIsTerminal: false, stdoutIsTerminal: false, environment: environment)
        let code = Driver.run(args, io: io)
        return (code, c)
    }
}

final class LineQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]
    init(_ lines: [String]) { self.lines = lines }
    func next() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}
