import Foundation
import PprofModel
import PprofReports

extension ReportEnvironment {
    /// The process's real effects: files in the working directory, Graphviz's `dot` found on
    /// `$PATH`, sources from the file system with Go roots from `environment`.
    package static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReportEnvironment {
        ReportEnvironment(
            files: LocalReportFiles(), graphviz: ProcessGraphviz(environment: environment),
            sources: FileSystemSourceProvider(environment: environment),
            objects: Binutils(tools: .find(path: environment["PATH"]), searchEnvironment: environment))
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
    package func writeInPlace(path: String, bytes: [UInt8]) throws {
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
    /// Where `$PATH` comes from when `executable` is nil.
    package var environment: [String: String]
    package init(executable: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable
        self.environment = environment
    }

    package func render(dot: String, format: String) throws -> [UInt8] {
        guard let exe = executable ?? Self.findDot(path: environment["PATH"]) else {
            throw PprofError(missingDotMessage)
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
        let input = Array(dot.utf8)
        // Feed stdin and drain stderr on their own threads so a chatty `dot` can't fill a pipe
        // and block while we read stdout. `dot` may exit before reading all of its input (a
        // syntax error): the write then fails with EPIPE, which ends the feeding (SIGPIPE is
        // ignored, and FileHandle.write would trap), and dot's exit status and words follow.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            let fd = stdin.fileHandleForWriting.fileDescriptor
            input.withUnsafeBytes { buf in
                guard let base = buf.baseAddress else { return }
                var off = 0
                while off < buf.count {
                    let n = write(fd, base + off, buf.count - off)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return }
                    off += n
                }
            }
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

    static func findDot(path: String?) -> String? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
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

/// Reads sources from disk. Roots come from the environment only (never by running `go env`).
package struct FileSystemSourceProvider: SourceProvider {
    package var workingDirectory: String
    package var goRoots: [String]
    package var moduleCaches: [String]

    package init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.workingDirectory = workingDirectory
        if let root = environment["GOROOT"], !root.isEmpty {
            goRoots = [root]
        } else {
            goRoots = ["/usr/lib/go", "/usr/local/go"]
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let cache = environment["GOMODCACHE"], !cache.isEmpty {
            moduleCaches = [cache]
        } else if let gopath = environment["GOPATH"], let first = goSplitList(gopath).first, !first.isEmpty {
            // Go keeps the module cache under the first GOPATH entry.
            moduleCaches = [first + "/pkg/mod"]
        } else if let home {
            moduleCaches = [home + "/go/pkg/mod"]
        } else {
            moduleCaches = []
        }
    }

    /// Only regular files are read (a FIFO, a device or /dev/zero would block or never end),
    /// opened without blocking; reading stops at `sourceFileByteLimit` + 1 bytes and at a
    /// line of `sourceLineLimit` bytes, where pprof's scanner stops listing anyway.
    package func read(path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFDIR { return [] }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let limit = sourceFileByteLimit + 1
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(Int64(limit), max(0, Int64(st.st_size)))))
        var buf = [UInt8](repeating: 0, count: 65536)
        var lineStart = 0
        while out.count < limit {
            let want = min(buf.count, limit - out.count)
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                // Go keeps the lines read before a read error and reports nothing.
                return out
            }
            if n == 0 { return out }
            let base = out.count
            out.append(contentsOf: buf[0..<n])
            if let nl = buf[0..<n].lastIndex(of: UInt8(ascii: "\n")) { lineStart = base + nl + 1 }
            if out.count - lineStart >= sourceLineLimit { return out }
        }
        return out
    }

    package func openFailure(path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return goErrnoText(errno) }
        let kind = st.st_mode & S_IFMT
        if kind != S_IFREG && kind != S_IFDIR { return "not a regular file" }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd >= 0 {
            close(fd)
            return "no such file or directory"
        }
        return goErrnoText(errno)
    }
}

/// Go's `syscall.Errno` texts for the errors opening a file can give on Linux.
package func goErrnoText(_ e: Int32) -> String {
    switch e {
    case ENOENT: return "no such file or directory"
    case EACCES: return "permission denied"
    case ENOTDIR: return "not a directory"
    case EISDIR: return "is a directory"
    case ELOOP: return "too many levels of symbolic links"
    case ENAMETOOLONG: return "file name too long"
    case EMFILE: return "too many open files"
    case ENFILE: return "too many open files in system"
    case EIO: return "input/output error"
    case ENXIO: return "no such device or address"
    case EPERM: return "operation not permitted"
    default:
        var s = String(cString: strerror(e))
        if let f = s.first, f.isUppercase { s = f.lowercased() + s.dropFirst() }
        return s
    }
}
