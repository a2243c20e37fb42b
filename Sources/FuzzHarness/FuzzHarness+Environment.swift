import PprofReports

/// The fuzzers' scripted effects: no file is written, Graphviz is never run, and every source
/// path reads as a short file, so `list` reaches its line-range code for any profile.
extension FuzzHarness {
    /// Every path is the same 40-line Go file with an escape sequence in each line.
    struct ReportSource: SourceProvider {
        static let text: [UInt8] = Array(
            (1...40).map { "\tline\($0) := \"\\x1b[31m\" // \($0)\n" }.joined().utf8)
        func read(path: String) -> [UInt8]? { path.isEmpty ? nil : Self.text }
        func openFailure(path: String) -> String { "no such file or directory" }
        var workingDirectory: String { "/src" }
        var goRoots: [String] { [] }
        var moduleCaches: [String] { [] }
    }

    /// The session's sources: 60 plain lines.
    struct SessionSource: SourceProvider {
        static let text: [UInt8] = Array((1...60).map { "\tline\($0)()\n" }.joined().utf8)
        func read(path: String) -> [UInt8]? { path.isEmpty ? nil : Self.text }
        func openFailure(path: String) -> String { "no such file or directory" }
        var workingDirectory: String { "/src" }
        var goRoots: [String] { [] }
        var moduleCaches: [String] { [] }
    }

    /// Writes go nowhere: the fuzzer must not touch the disk.
    struct NoFiles: ReportFiles {
        func newNumberedFile(prefix: String, suffix: String) throws -> String { prefix + "001" + suffix }
        func writeInPlace(path: String, bytes: [UInt8]) throws {}
    }

    /// Graphviz's "output" is the DOT text itself.
    struct EchoGraphviz: GraphvizRunner {
        func render(dot: String, format: String) throws -> [UInt8] { Array(dot.utf8) }
    }

    static let reportEnvironment = ReportEnvironment(files: NoFiles(), graphviz: EchoGraphviz(), sources: ReportSource())
    static let sessionEnvironment = ReportEnvironment(files: NoFiles(), graphviz: EchoGraphviz(), sources: SessionSource())
}
