import PprofModel

/// Where reports write files (`> f`, `svg` with no target). A protocol so tests script it.
package protocol ReportFiles: Sendable {
    /// pprof's unnamed form: the first `prefixNNN.suffix` (001, 002, ...) that does not exist yet,
    /// created empty so a second call can't pick it too.
    func newNumberedFile(prefix: String, suffix: String) throws -> String
    /// Creates or truncates `path` and writes `bytes` into it, as Go's `os.Create` does: in
    /// place, so `-output=/dev/stdout`, a pipe or a symlink keep working (a temporary file
    /// renamed over the path would replace them). Errors in Go's words.
    func writeInPlace(path: String, bytes: [UInt8]) throws
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
    /// The program's binaries, for `disasm` and `weblist`.
    package var objects: any ObjectTool

    /// The defaults perform no effect (PprofReports does no real I/O): the CLI passes the
    /// process's files, `dot` and source tree (`ReportEnvironment.system()` in PprofCLI).
    package init(
        files: any ReportFiles = NoReportFiles(),
        graphviz: any GraphvizRunner = NoGraphviz(),
        sources: any SourceProvider = InMemorySourceProvider(files: [:]),
        objects: any ObjectTool = NoObjectTool()
    ) {
        self.files = files
        self.graphviz = graphviz
        self.sources = sources
        self.objects = objects
    }
}

/// No file system: every write fails (a report environment nobody gave files to).
package struct NoReportFiles: ReportFiles {
    package init() {}
    package func newNumberedFile(prefix: String, suffix: String) throws -> String {
        throw PprofError("cannot create \(prefix)NNN\(suffix): no file system in this environment")
    }
    package func writeInPlace(path: String, bytes: [UInt8]) throws {
        throw PprofError("open \(path): no file system in this environment")
    }
}

/// No Graphviz: pprof's words for a missing `dot`.
package struct NoGraphviz: GraphvizRunner {
    package init() {}
    package func render(dot: String, format: String) throws -> [UInt8] {
        throw PprofError(missingDotMessage)
    }
}

/// pprof's error when `dot` cannot be run.
package let missingDotMessage =
    "failed to execute dot. Is Graphviz installed? Error: exec: \"dot\": executable file not found in $PATH"
