import Foundation
import PprofModel

/// Where reports write files (`> f`, `svg` with no target). A protocol so tests script it.
package protocol ReportFiles: Sendable {
    /// pprof's unnamed form: the first `prefixNNN.suffix` (001, 002, ...) that does not exist yet,
    /// created empty so a second call can't pick it too.
    func newNumberedFile(prefix: String, suffix: String) throws -> String
    /// Writes through a temporary file and a rename, so a reader never sees half a file.
    func writeAtomically(path: String, bytes: [UInt8]) throws
}

/// Runs Graphviz's `dot` (a process with an argument list, never a shell string).
package protocol GraphvizRunner: Sendable {
    func render(dot: String, format: String) throws -> [UInt8]
}

/// The effects a report may need, injected so the pipeline stays testable.
package struct ReportEnvironment: Sendable {
    package var files: any ReportFiles
    package var graphviz: any GraphvizRunner
    package var sources: any SourceProvider

    package init(
        files: any ReportFiles = LocalReportFiles(),
        graphviz: any GraphvizRunner = ProcessGraphviz(),
        sources: any SourceProvider = FileSystemSourceProvider()
    ) {
        self.files = files
        self.graphviz = graphviz
        self.sources = sources
    }
}

/// Files in the current directory, as pprof writes them.
package struct LocalReportFiles: ReportFiles {
    package init() {}

    package func newNumberedFile(prefix: String, suffix: String) throws -> String {
        for i in 1..<10_000 {
            let name = prefix + String(format: "%03d", i) + suffix
            let fd = open(name, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                close(fd)
                return name
            }
            if errno != EEXIST { throw PprofError("\(name): \(String(cString: strerror(errno)))") }
        }
        throw PprofError("could not find a free \(prefix)NNN\(suffix) file name")
    }

    /// Writes as pprof's `os.Create` does: in place, through symlinks and into devices or pipes
    /// (`-output=/dev/stdout`), never replacing the path with a new file; errors in Go's words.
    package func writeAtomically(path: String, bytes: [UInt8]) throws {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw PprofError("open \(path): \(goErrnoText(errno))") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress.map { $0 + off }, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failure = n < 0 ? errno : EIO
                    return
                }
                off += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw PprofError("write \(path): \(goErrnoText(failure))") }
    }
}

/// `dot -T<format>` as a child process fed through pipes.
package struct ProcessGraphviz: GraphvizRunner {
    package var executable: String?
    package init(executable: String? = nil) { self.executable = executable }

    package func render(dot: String, format: String) throws -> [UInt8] {
        guard let exe = executable ?? Self.findDot() else {
            throw PprofError("failed to execute dot. Is Graphviz installed? Error: exec: \"dot\": executable file not found in $PATH")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["-T" + format]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = stderr
        do {
            try p.run()
        } catch {
            throw PprofError("failed to execute dot. Is Graphviz installed? Error: \(error.localizedDescription)")
        }
        let input = Data(dot.utf8)
        // Feed stdin and drain stderr on their own threads so a chatty `dot` can't fill a pipe
        // and block while we read stdout.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errBox = DataBox()
        let done = DispatchSemaphore(value: 0)
        let errReader = Thread {
            errBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let err = errBox.data
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let first = String(decoding: err, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw PprofError("failed to execute dot. Is Graphviz installed? Error: exit status \(p.terminationStatus) \(first)")
        }
        return [UInt8](out)
    }

    static func findDot() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/dot"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Hands the stderr bytes read on a helper thread back to the caller (read after a semaphore).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
