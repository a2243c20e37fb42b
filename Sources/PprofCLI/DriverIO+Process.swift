import Foundation
import PprofReports

extension DriverIO {
    /// The real process: file descriptors 1 and 2 written directly (no stdio buffering to
    /// interleave wrongly), stdin lines, isatty checks.
    package static func process() -> DriverIO {
        DriverIO(
            writeOut: { bytes in writeAll(1, bytes) },
            writeErr: { s in writeAll(2, Array(s.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) },
            stdinIsTerminal: isatty(0) == 1,
            stdoutIsTerminal: isatty(1) == 1,
            environment: ProcessInfo.processInfo.environment,
            reportEnvironment: .system(environment: ProcessInfo.processInfo.environment))
    }

    /// write(2) until done; a closed pipe (EPIPE) just stops the output.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                guard let base = buf.baseAddress else { return }
                let n = write(fd, base + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                off += n
            }
        }
    }
}
