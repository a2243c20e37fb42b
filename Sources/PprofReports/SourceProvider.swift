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

/// The most bytes of one source file `list` and the Source pane read: a profile may name any
/// file (a 2 GiB log, a sparse file); providers return at most this + 1 bytes, and a listing
/// cut there says so.
package let sourceFileByteLimit = 64 << 20

/// pprof's `bufio.Scanner` stops at a line this long, so nothing after it is ever listed.
package let sourceLineLimit = 64 * 1024

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
