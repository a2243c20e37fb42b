import Foundation

/// Where `list` reads source files from: the file system, or an in-memory double in tests.
///
/// The search itself (pprof's `openSourceFile` plus the Go-aware fallbacks) lives in
/// `SourceLocator`, so it runs the same against any provider.
package protocol SourceProvider: Sendable {
    /// The bytes of the file at `path`; nil when it cannot be opened. A directory reads as
    /// empty, as Go's `os.Open` opens it and the scan then finds no lines.
    func read(path: String) -> [UInt8]?
    /// Why `path` cannot be opened, in Go's words ("no such file or directory").
    func openFailure(path: String) -> String
    /// Searched when `source_path` is empty (pprof uses its working directory).
    var workingDirectory: String { get }
    /// `$GOROOT` candidates, consulted only after pprof's own search fails.
    var goRoots: [String] { get }
    /// Module cache candidates (`$GOMODCACHE`, `$GOPATH/pkg/mod`, `~/go/pkg/mod`).
    var moduleCaches: [String] { get }
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

    package func read(path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFDIR { return [] }
        var out: [UInt8] = []
        if st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                // Go keeps the lines read before a read error and reports nothing.
                return out
            }
            if n == 0 { return out }
            out.append(contentsOf: buf[0..<n])
        }
    }

    package func openFailure(path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
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

/// The scripted double: files held in memory, roots given explicitly. Paths are looked up
/// after Go's `filepath.Clean`, so "a/./b.go" finds "a/b.go". Directories are implied by
/// the files under them and read as empty, as on disk.
package struct InMemorySourceProvider: SourceProvider {
    package var files: [String: [UInt8]]
    package var workingDirectory: String
    package var goRoots: [String]
    package var moduleCaches: [String]

    package init(
        files: [String: String], workingDirectory: String = "/work", goRoots: [String] = [],
        moduleCaches: [String] = []
    ) {
        var byPath: [String: [UInt8]] = [:]
        for (k, v) in files { byPath[goPathClean(k)] = Array(v.utf8) }
        self.files = byPath
        self.workingDirectory = workingDirectory
        self.goRoots = goRoots
        self.moduleCaches = moduleCaches
    }

    package func read(path: String) -> [UInt8]? {
        // Relative paths resolve against the working directory, as the OS would.
        let full = goPathClean(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
        if let f = files[full] { return f }
        let dir = full == "/" ? "/" : full + "/"
        if files.keys.contains(where: { $0.hasPrefix(dir) }) { return [] }
        return nil
    }

    package func openFailure(path: String) -> String { "no such file or directory" }
}
