import Foundation
import PprofReports

extension DriverIO {
    /// The real process: file descriptors written directly (no stdio buffering to interleave
    /// wrongly), stdin lines, isatty checks. The descriptors are parameters so tests can hand
    /// in one of /dev/full or a closed one.
    package static func process(stdout: Int32 = 1, stderr: Int32 = 2) -> DriverIO {
        let out = DescriptorWriter(fd: stdout, name: "/dev/stdout")
        let err = DescriptorWriter(fd: stderr, name: "/dev/stderr")
        return DriverIO(
            writeOut: { bytes in out.write(bytes) },
            writeErr: { s in err.write(Array(s.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) },
            stdinIsTerminal: isatty(0) == 1,
            stdoutIsTerminal: isatty(stdout) == 1,
            environment: ProcessInfo.processInfo.environment,
            reportEnvironment: .system(environment: ProcessInfo.processInfo.environment),
            outputError: { out.failure })
    }
}

/// write(2) to one descriptor until done. The first failure is kept and later writes are
/// dropped, so the driver can report it as Go's `os.File` does ("write /dev/stdout: no space
/// left on device") and exit 1; a closed pipe (EPIPE, SIGPIPE being ignored) ends the output
/// quietly, as `pprof-tui -raw x | head` expects.
package final class DescriptorWriter: @unchecked Sendable {
    private let fd: Int32
    private let name: String
    private let lock = NSLock()
    private var error: String?

    package init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    /// The first write error in Go's words; "" for a closed pipe; nil when all went out.
    package var failure: String? { lock.withLock { error } }

    package func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil else { return }
        let failed: Int32? = bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return nil }
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, base + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : EIO }
                off += n
            }
            return nil
        }
        if let failed { error = failed == EPIPE ? "" : "write \(name): \(goErrnoText(failed))" }
    }
}
