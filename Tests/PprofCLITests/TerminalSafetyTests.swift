import Foundation
import FuzzHarness
import PprofCLI
import PprofFormats
import PprofModel
import Testing
import TestSupport

/// Every path of the whole driver that prints profile text (the shell's greeting, reports,
/// errors, warnings) shows control characters inert, on stdout and on stderr.
@Suite struct TerminalSafetyTests {
    /// The crafted control profile with escapes also in the mapping's file and build id,
    /// the sample types and a comment, written to a temporary file.
    static let hostilePath: String = {
        let dir = NSTemporaryDirectory() + "pprof-terminal-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/hostile.pb.gz"
        guard let data = FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/control.pb.gz")),
            var p = try? ProfileDecoder.decode(Array(data))
        else { return path }
        p.sampleTypes = p.sampleTypes.map { ValueType(type: $0.type + "\u{1b}[5m", unit: $0.unit) }
        var m = Mapping(id: 99)
        m.file = "/bin/\u{1b}]52;c;aGk=\u{07}prog"
        m.buildID = "\u{9b}2Jid\u{08}"
        m.limit = 1 << 40
        p.mappings.insert(m, at: 0)
        for i in p.locations.indices { p.locations[i].mapping = 0 }
        p.comments.append("comment \u{1b}[2J\u{202e}")
        if let bytes = try? ProfileEncoder.encodeGzip(p) {
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        return path
    }()

    static func expectInert(_ text: String, _ what: String) {
        if let at = FuzzHarness.firstUnsafeOffset(Array(text.utf8)) {
            let b = Array(text.utf8)
            let context = String(decoding: b[max(0, at - 40)..<min(b.count, at + 10)], as: UTF8.self)
            Issue.record("\(what): terminal-unsafe byte at \(at): \(context.debugDescription)")
        }
    }

    @Test func shellGreetingErrorsAndWarningsAreInert() {
        let (code, out) = CLIHarness.run(
            [Self.hostilePath],
            stdin: ["top", "peek \u{1b}[31m", "focus=\u{1b}(", "focus=nomatch\u{07}", "top", "bogus\u{1b}[2J", "quit"])
        #expect(code == 0)
        // The greeting carries the mapping's file and the comment.
        #expect(out.stderr.contains("File: \\x1b]52;c;aGk=\\aprog"))
        #expect(out.stderr.contains("comment \\x1b[2J\\u202e"))
        Self.expectInert(out.stdout, "shell stdout")
        Self.expectInert(out.stderr, "shell stderr")
    }

    @Test(arguments: [["-top"], ["-traces"], ["-raw"], ["-list=."], ["-peek=\u{1b}x"], ["-focus=\u{1b}(", "-top"], ["-tags"]] as [[String]])
    func batchOutputAndErrorsAreInert(_ flags: [String]) {
        let (_, out) = CLIHarness.run(flags + [Self.hostilePath])
        Self.expectInert(out.stdout, "\(flags) stdout")
        Self.expectInert(out.stderr, "\(flags) stderr")
    }

    /// Go's flag package quotes an unknown flag as given: the complaint is escaped.
    @Test func flagErrorsAreInert() {
        let (code, out) = CLIHarness.run(["-\u{1b}[2Jtop", Self.hostilePath])
        #expect(code == 1)
        #expect(out.stderr.hasPrefix("flag provided but not defined: -\\x1b[2Jtop\n"))
        Self.expectInert(out.stderr, "unknown flag")
    }

    @Test func sourceErrorsAreInert() {
        let (code, out) = CLIHarness.run(["-top", "/nonexistent/\u{1b}[2Jprofile"])
        #expect(code == 1)
        Self.expectInert(out.stderr, "missing source")
    }
}
