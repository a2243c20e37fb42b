import Foundation
import FuzzHarness
import PprofFormats
import PprofModel
import PprofReports
import Testing
import TestSupport

/// Names, files, labels, units and comments come from untrusted profiles: batch output must
/// show them inert, never as bytes a terminal acts on.
@Suite struct HostileTerminalTests {
    struct NoFiles: ReportFiles {
        func newNumberedFile(prefix: String, suffix: String) throws -> String { prefix + "001" + suffix }
        func writeInPlace(path: String, bytes: [UInt8]) throws {}
    }

    /// Any file is a short source with an escape sequence in it, so `list` shows source lines.
    struct AnySource: SourceProvider {
        func read(path: String) -> [UInt8]? { Array("line\u{1b}[2J one\nline two\u{202e}\n".utf8) }
        func openFailure(path: String) -> String { "no such file or directory" }
        var workingDirectory: String { "/src" }
        var goRoots: [String] { [] }
        var moduleCaches: [String] { [] }
    }

    static let environment = ReportEnvironment(files: NoFiles(), sources: AnySource())

    static func control() throws -> Profile {
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/control.pb.gz")))
        return try ProfileDecoder.decode(Array(data))
    }

    /// The control profile with hostile strings also where no name is printed: units, sample
    /// types, label keys and units, mapping file and build id.
    static func everywhere() throws -> Profile {
        var p = try control()
        p.sampleTypes = p.sampleTypes.map { ValueType(type: $0.type + "\u{1b}[5m", unit: $0.unit + "\u{9b}2J\u{2067}") }
        p.periodType = ValueType(type: "cpu\u{07}", unit: "nano\u{0f}seconds")
        var s = SampleTable(valueCount: p.samples.valueCount)
        for i in 0..<p.samples.count {
            let labels = p.samples.labels(i).map { l -> SampleLabel in
                l.str != nil
                    ? SampleLabel(key: l.key + "\u{1b}P", str: (l.str ?? "") + "\u{202d}")
                    : SampleLabel(key: l.key + "\u{08}", num: l.num, unit: l.unit + "\u{85}")
            }
            s.append(stack: p.samples.stack(i), values: p.samples.values(i), labels: labels)
        }
        p.samples = s
        var m = Mapping(id: 99)
        m.file = "/bin/\u{1b}]52;c;aGk=\u{07}prog"
        m.buildID = "\u{2066}id"
        m.limit = 1 << 40
        p.mappings.append(m)
        for i in p.locations.indices { p.locations[i].mapping = Int32(p.mappings.count - 1) }
        p.comments.append("tab\tand\u{7f}del")
        return p
    }

    static func checkEveryReport(_ p: Profile, _ what: String) {
        for (command, symbol) in FuzzHarness.reports {
            let rendered: Rendered
            do {
                let prepared = try Pipeline.prepare(profile: p, command: command, symbol: symbol, config: Config())
                rendered = try prepared.report.render(command: command, environment: environment)
            } catch {
                Issue.record("\(what) \(command): \(error)")
                continue
            }
            #expect(rendered.bytes.count > 0, "\(what) \(command): empty")
            if let at = FuzzHarness.firstUnsafeOffset(rendered.bytes) {
                let context = String(decoding: rendered.bytes[max(0, at - 30)..<min(rendered.bytes.count, at + 10)], as: UTF8.self)
                Issue.record("\(what) \(command): terminal-unsafe byte at \(at): \(context.debugDescription)")
            }
        }
    }

    @Test func controlProfileIsInertInEveryReport() throws {
        Self.checkEveryReport(try Self.control(), "control.pb.gz")
    }

    @Test func hostileUnitsLabelsAndMappingsAreInert() throws {
        Self.checkEveryReport(try Self.everywhere(), "hostile everywhere")
    }

    /// The escapes are visible and readable, not just dropped.
    @Test func escapesShowWhatWasThere() throws {
        let p = try Self.control()
        let prepared = try Pipeline.prepare(profile: p, command: "top", symbol: nil, config: Config())
        let top = try prepared.report.render(command: "top", environment: Self.environment).text
        #expect(top.contains("main.\\x1b[31mred\\x1b[0m"))
        #expect(top.contains("main.\\u202edesrever"))
        #expect(top.contains("main.bell\\aring"))
        let dot = try Pipeline.prepare(profile: p, command: "dot", symbol: nil, config: Config())
            .report.render(command: "dot", environment: Self.environment).text
        // In DOT the backslash itself is escaped, so Graphviz draws `\x1b` literally.
        #expect(dot.contains("\\\\x1b[31mred"))
    }

    @Test func sanitizerEscapesBidiControls() {
        #expect(sanitizeForTerminal("a\u{202a}b\u{202e}c\u{2066}d\u{2069}e") == "a\\u202ab\\u202ec\\u2066d\\u2069e")
        // Neighbours of the bidi ranges are ordinary text.
        #expect(sanitizeForTerminal("\u{2029}\u{202f}\u{2065}\u{206a}") == "\u{2029}\u{202f}\u{2065}\u{206a}")
        #expect(sanitizeForTerminal("\u{9b}31m\u{85}") == "\\u009b31m\\u0085")
        #expect(sanitizeLinesForTerminal("a\tb\nc\u{1b}d") == "a\tb\nc\\x1bd")
        #expect(sanitizeDocumentForTerminal("\"a\u{1b}\"\n") == "\"a\\\\x1b\"\n")
    }
}
