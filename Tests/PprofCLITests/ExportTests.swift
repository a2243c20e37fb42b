import Foundation
import PprofCLI
import PprofFormats
import PprofModel
import PprofReports
import Testing
import TestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs the driver with an injected report environment (Graphviz, files).
private func runExport(_ args: [String], environment: ReportEnvironment = .system()) -> (code: Int32, out: Captured) {
    _ = CLIHarness.setUp
    let c = Captured()
    let io = DriverIO(
        writeOut: { c.appendOut($0) }, writeErr: { c.appendErr($0) }, readLine: { nil },
        stdinIsTerminal: false, stdoutIsTerminal: false, environment: [:], reportEnvironment: environment)
    return (Driver.run(args, io: io), c)
}

private let haveDot = ProcessInfo.processInfo.environment["PATH"].map { path in
    path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
} ?? false

/// Parses `data` as XML; returns the parse error, nil when well-formed.
func xmlError(_ data: Data) -> String? {
    let p = XMLParser(data: data)
    return p.parse() ? nil : (p.parserError.map { "\($0)" } ?? "unparsable")
}

private func tempPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-export-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// Files written into memory, numbered as pprof numbers them.
final class ScriptedFiles: ReportFiles, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var written: [String: [UInt8]] = [:]
    private var existing: Set<String>
    init(existing: Set<String> = []) { self.existing = existing }

    func newNumberedFile(prefix: String, suffix: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        for i in 1..<1000 {
            let name = prefix + String(format: "%03d", i) + suffix
            if !existing.contains(name) && written[name] == nil {
                existing.insert(name)
                return name
            }
        }
        throw PprofError("no free name")
    }

    func writeInPlace(path: String, bytes: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        written[path] = bytes
    }

    func contents(_ path: String) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return written[path]
    }
}

@Suite struct ExportTests {
    @Test func dotFlagPrintsAGraph() {
        let (code, out) = runExport(["-dot", "Fixtures/profiles/cpu.pb.gz"])
        #expect(code == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("digraph \"cpu\" {\n"))
        #expect(out.stdout.hasSuffix("}\n"))
        #expect(out.stdout.contains("subgraph cluster_L"))
    }

    @Test(arguments: ["Fixtures/profiles/cpu.pb.gz", "Fixtures/profiles/heap.pb.gz", "Fixtures/profiles/crafted/control.pb.gz",
                      "Fixtures/profiles/crafted/tags.pb.gz", "Fixtures/profiles/crafted/empty.pb.gz"])
    func svgToOutputFileIsValidXML(_ profile: String) throws {
        guard haveDot else {
            Issue.record("Graphviz `dot` is not installed; skipping (install graphviz to run SVG tests)")
            return
        }
        let path = tempPath("out.svg")
        let (code, out) = runExport(["-svg", "-output=" + path, profile])
        #expect(code == 0, "\(out.stderr)")
        #expect(out.stdout.isEmpty)
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(xmlError(data) == nil, "\(profile): \(xmlError(data) ?? "")")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<g id=\"viewport\""))
        #expect(text.contains("<svg width=\"100%\" height=\"100%\""))
        #expect(!text.contains("viewBox="))
    }

    @Test func pngIsAPNG() throws {
        guard haveDot else {
            Issue.record("Graphviz `dot` is not installed; skipping")
            return
        }
        let path = tempPath("out.png")
        let (code, out) = runExport(["-png", "-output=" + path, "Fixtures/profiles/cpu.pb.gz"])
        #expect(code == 0, "\(out.stderr)")
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func collapsedFlagPrintsFoldedStacks() {
        let (code, out) = runExport(["-collapsed", "Fixtures/profiles/crafted/tags.pb.gz"])
        #expect(code == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for l in lines {
            let parts = l.split(separator: " ")
            #expect(parts.count >= 2 && Int64(parts[parts.count - 1]) != nil, "bad folded line \(l)")
        }
        #expect(lines.map(String.init) == lines.map(String.init).sorted())
        #expect(out.stdout.contains("main.main;main.serve;main.handle;main.alloc "))
    }

    @Test func collapsedHonoursFocus() {
        let (_, all) = runExport(["-collapsed", "Fixtures/profiles/crafted/tags.pb.gz"])
        let (code, out) = runExport(["-collapsed", "-focus=query", "Fixtures/profiles/crafted/tags.pb.gz"])
        #expect(code == 0)
        #expect(!out.stdout.isEmpty && out.stdout.count < all.stdout.count)
        for l in out.stdout.split(separator: "\n") { #expect(l.contains("main.query")) }
    }

    @Test func flameSVGFlagIsValidXML() throws {
        let (code, out) = runExport(["-flame_svg", "Fixtures/profiles/crafted/control.pb.gz"])
        #expect(code == 0, "\(out.stderr)")
        #expect(xmlError(Data(out.stdoutBytes)) == nil, "\(xmlError(Data(out.stdoutBytes)) ?? "")")
        #expect(out.stdout.contains("class=\"f\""))
    }

    @Test func missingDotIsAOneLineError() {
        let env = ReportEnvironment(graphviz: ProcessGraphviz(executable: "/nonexistent/bin/dot"))
        let path = tempPath("never.svg")
        let (code, out) = runExport(["-svg", "-output=" + path, "Fixtures/profiles/cpu.pb.gz"], environment: env)
        #expect(code != 0)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(out.stderr)")
        #expect(out.stderr.contains("dot"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritableOutputIsAnError() {
        let (code, out) = runExport(["-dot", "-output=/nonexistent-dir/sub/out.dot", "Fixtures/profiles/cpu.pb.gz"])
        #expect(code != 0)
        #expect(out.stderr.contains("/nonexistent-dir/sub/out.dot"), "stderr: \(out.stderr)")
    }

    /// `-output` writes through a symlink (as to /dev/stdout) instead of replacing it.
    @Test func outputWritesThroughASymlink() throws {
        let dir = NSTemporaryDirectory() + "pprof-tui-link-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/target"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/target")
        let (code, out) = runExport(["-top", "-output=\(dir)/link", "Fixtures/profiles/crafted/single.pb.gz"])
        #expect(code == 0, "stderr: \(out.stderr)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link")
        #expect(link == dir + "/target")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/target")), as: UTF8.self)
        #expect(text.contains("main.only"))
    }
}

@Suite struct ExportShellTests {
    private func session(_ files: ScriptedFiles) throws -> Session {
        _ = CLIHarness.setUp
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/cpu.pb.gz")))
        let p = try ProfileDecoder.decode([UInt8](data))
        return Session(profile: p, environment: ReportEnvironment(files: files, graphviz: ProcessGraphviz()))
    }

    @Test func svgWithoutTargetWritesNumberedFile() throws {
        guard haveDot else {
            Issue.record("Graphviz `dot` is not installed; skipping")
            return
        }
        let files = ScriptedFiles(existing: ["profile001.svg"])
        var s = try session(files)
        #expect(s.execute("svg") == .message("Generating report in profile002.svg"))
        let bytes = try #require(files.contents("profile002.svg"))
        #expect(xmlError(Data(bytes)) == nil)
        #expect(s.execute("svg") == .message("Generating report in profile003.svg"))
    }

    @Test func svgToNamedFile() throws {
        guard haveDot else {
            Issue.record("Graphviz `dot` is not installed; skipping")
            return
        }
        let files = ScriptedFiles()
        var s = try session(files)
        #expect(s.execute("svg > f.svg") == .message("Generating report in f.svg"))
        let bytes = try #require(files.contents("f.svg"))
        #expect(String(decoding: bytes, as: UTF8.self).contains("<g id=\"viewport\""))
    }

    @Test func dotPrintsText() throws {
        var s = try session(ScriptedFiles())
        guard case .output(let text) = s.execute("dot") else {
            Issue.record("dot did not print")
            return
        }
        #expect(text.hasPrefix("digraph \"cpu\" {"))
    }

    @Test func flameAndCollapsedFromTheShell() throws {
        let files = ScriptedFiles()
        var s = try session(files)
        #expect(s.execute("flame_svg > fl.svg") == .message("Generating report in fl.svg"))
        #expect(xmlError(Data(try #require(files.contents("fl.svg")))) == nil)
        guard case .output(let folded) = s.execute("collapsed") else {
            Issue.record("collapsed did not print")
            return
        }
        #expect(folded.contains("main.runFor"))
    }

    @Test func missingDotKeepsTheSessionRunning() throws {
        var s = try session(ScriptedFiles())
        s.environment.graphviz = ProcessGraphviz(executable: "/nonexistent/bin/dot")
        guard case .error(let msg) = s.execute("svg") else {
            Issue.record("expected an error")
            return
        }
        #expect(!msg.contains("\n"))
        guard case .output = s.execute("top") else {
            Issue.record("session stopped working after a graphviz failure")
            return
        }
    }
}

/// dot failing before it has read its input (a syntax error) is dot's error, not a trap on
/// the broken pipe.
@Suite struct GraphvizPipeTests {
    @Test func dotExitingEarlyIsAnError() {
        let g = ProcessGraphviz(executable: "/bin/false")
        let big = "digraph { " + String(repeating: "a -> b; ", count: 1 << 20) + "}\n"
        #expect(throws: PprofError("failed to execute dot. Is Graphviz installed? Error: exit status 1 ")) {
            _ = try g.render(dot: big, format: "svg")
        }
    }

    @Test func svgOfAnOverlongNameRenders() throws {
        guard haveDot else {
            Issue.record("Graphviz `dot` is not installed; skipping")
            return
        }
        _ = CLIHarness.setUp
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/cpu.pb.gz")))
        var p = try ProfileDecoder.decode([UInt8](data))
        for i in p.functions.indices where p.functions[i].name == "main.main" {
            p.functions[i].name = "main." + String(repeating: "long", count: 5000)
            p.functions[i].systemName = p.functions[i].name
        }
        let path = tempPath("long.pb.gz")
        FileManager.default.createFile(atPath: path, contents: Data(try ProfileEncoder.encodeGzip(p)))
        let out = tempPath("long.svg")
        let (code, captured) = runExport(["-svg", "-output=" + out, path])
        #expect(code == 0, "\(captured.stderr)")
        let svg = try #require(FileManager.default.contents(atPath: out))
        #expect(xmlError(svg) == nil)
        #expect(String(decoding: svg, as: UTF8.self).contains("…"))
    }
}
