import Foundation
import PprofReports

extension DriverIO {
    /// The real process: file descriptors written directly (no stdio buffering to interleave
    /// wrongly), stdin lines, isatty checks. The descriptors are parameters so tests can hand
    /// in one of /dev/full or a closed one.
    package static func process(stdout: Int32 = 1, stderr: Int32 = 2) -> DriverIO {
        let closed = reserveClosedDescriptors([0, stdout, stderr])
        let out = DescriptorWriter(fd: stdout, name: "/dev/stdout", closed: closed.contains(stdout))
        let err = DescriptorWriter(fd: stderr, name: "/dev/stderr", closed: closed.contains(stderr))
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

    /// Descriptors of `fds` that were closed when the process started, each now held by
    /// /dev/null: otherwise the next file or pipe opened (the profile, dot's stdin) takes the
    /// number and the report is written into it. Writes to them still fail as Go's do on a
    /// closed descriptor (`DescriptorWriter.closed`).
    package static func reserveClosedDescriptors(_ fds: [Int32]) -> Set<Int32> {
        var closed: Set<Int32> = []
        for fd in fds where fd >= 0 && fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDWR | O_CLOEXEC)
            guard null >= 0 else { continue }
            if null != fd {
                _ = dup2(null, fd)
                close(null)
            }
            closed.insert(fd)
        }
        return closed
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

    /// The descriptor was closed at start (now /dev/null): the first write fails with EBADF.
    private let closed: Bool

    package init(fd: Int32, name: String, closed: Bool = false) {
        self.fd = fd
        self.name = name
        self.closed = closed
    }

    /// The first write error in Go's words; "" for a closed pipe; nil when all went out.
    package var failure: String? { lock.withLock { error } }

    package func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, !bytes.isEmpty else { return }
        if closed {
            error = "write \(name): \(goErrnoText(EBADF))"
            return
        }
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
