import Foundation
import Testing
import PprofFormats
import PprofModel
import PprofReports
import TestSupport

/// One recorded `go tool pprof` run: Fixtures/goldens/MANIFEST.tsv maps a golden file to its flags.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The manifest's words; `<path` names the file fed to stdin (a line-mode shell session).
    var words: [String]
    var testDescription: String { name }

    init(name: String, args: [String]) {
        self.name = name
        self.words = args
    }

    /// The command-line arguments (without the stdin redirection).
    var args: [String] { words.filter { !$0.hasPrefix("<") } }

    /// The stdin lines, from the `<path` word (none: stdin is empty).
    var stdin: [String] {
        guard let w = words.first(where: { $0.hasPrefix("<") }),
            let text = try? String(contentsOfFile: TestPaths.root.appendingPathComponent(String(w.dropFirst())).path, encoding: .utf8)
        else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func all() -> [GoldenCase] {
        let path = TestPaths.fixture("goldens/MANIFEST.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cols = line.split(separator: "\t", maxSplits: 1)
            guard cols.count == 2 else { return nil }
            return GoldenCase(name: String(cols[0]), args: cols[1].split(separator: " ").map(String.init))
        }
    }
}

@Suite struct GoldenTests {
    /// Our one deliberate difference from pprof: control characters inside names are printed
    /// escaped. Every string of the profiles named on the command line that needs escaping is
    /// replaced, in pprof's golden, by its escaped form (longest first), so the rest of the
    /// output must still match byte for byte.
    static func escapingControls(in args: [String]) -> (String) -> String {
        let pairs = escapePairs(in: args)
        return { golden in
            pairs.reduce(golden) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
    }

    /// (raw, escaped) for every string of the named profiles that needs escaping, longest first.
    static func escapePairs(in args: [String]) -> [(String, String)] {
        var names = Set<String>()
        var comments = Set<String>()
        for a in args {
            let path = a.split(separator: "=", maxSplits: 1).last.map(String.init) ?? a
            guard path.hasPrefix("Fixtures/"), let data = FileManager.default.contents(atPath: path),
                let p = try? ProfileDecoder.decode([UInt8](data))
            else { continue }
            for f in p.functions { names.formUnion([f.name, f.systemName, f.filename]) }
            for m in p.mappings { names.formUnion([m.file, m.buildID, (m.file as NSString).lastPathComponent]) }
            for l in p.samples.labels { names.formUnion([l.key, l.str ?? "", l.unit]) }
            for t in p.sampleTypes { names.formUnion([t.type, t.unit]) }
            comments.formUnion(p.comments)
        }
        // Comments keep their own newlines and tabs; names do not.
        let escaped = names.map { ($0, sanitizeForTerminal($0)) } + comments.map { ($0, sanitizeLinesForTerminal($0)) }
        return escaped.compactMap { n, e -> (String, String)? in
            e == n ? nil : (n, e)
        }.sorted { ($0.0.utf8.count, $0.0) > ($1.0.utf8.count, $1.0) }
    }

    @Test func manifestIsPresentAndLarge() {
        #expect(GoldenCase.all().count >= 100, "Fixtures/goldens/MANIFEST.tsv should list the recorded pprof runs")
    }

    /// Our output equals `go tool pprof`'s, byte for byte, for every recorded case.
    @Test(arguments: GoldenCase.all())
    func matchesPprof(_ c: GoldenCase) {
        let (code, out) = CLIHarness.run(c.args, stdin: c.stdin)
        let golden = TestPaths.fixture("goldens/" + c.name)
        let exitFile = golden + ".exit"
        let escape = Self.escapingControls(in: c.args)
        // pprof's stderr (recorded when it failed or said anything) must be ours too.
        if FileManager.default.fileExists(atPath: golden + ".stderr"),
            let problem = Golden.compare(Self.withoutAddedFormats(out.stderr), against: golden + ".stderr", transform: escape)
        {
            Issue.record("stderr of \(c.args.joined(separator: " ")):\n\(problem)")
        }
        if let data = FileManager.default.contents(atPath: exitFile) {
            let expected = Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(code == expected, "pprof exited \(expected ?? -1) on \(c.args.joined(separator: " ")); we exited \(code). stdout:\n\(out.stdout)")
            return
        }
        #expect(code == 0, "exit \(code): \(out.stderr)")
        guard let problem = Golden.compare(out.stdout, against: golden, transform: escape) else { return }
        // Column padding (tags, traces) follows the escaped text's width, pprof's the raw
        // width: for profiles holding names that need escaping, runs of spaces may differ.
        guard Self.hasEscapedNames(c.args) else {
            Issue.record("\(c.args.joined(separator: " ")):\n\(problem)")
            return
        }
        let padded = { (s: String) in Self.collapsingPadding(s) }
        if let deviation = Self.deviations[c.name] {
            // Everything but the lines the raw name breaks up must still be pprof's.
            #expect(out.stdout.contains(deviation.ours), "\(c.name): no line shows \(deviation.ours)")
            let ours = padded(Self.dropping(lines: { $0.contains(deviation.ours) }, from: out.stdout))
            let theirs = { (g: String) in padded(Self.dropping(lines: { deviation.pprof.contains(Self.trimmed($0)) }, from: escape(g))) }
            if let problem = Golden.compare(ours, against: golden, transform: theirs) {
                Issue.record("\(c.args.joined(separator: " ")) (\(deviation.why)):\n\(problem)")
            }
            return
        }
        if Golden.compare(padded(out.stdout), against: golden, transform: { padded(escape($0)) }) == nil { return }
        Issue.record("\(c.args.joined(separator: " ")):\n\(problem)")
    }

    /// Cases where pprof's own output is broken up by a raw name and ours, escaped, is not:
    /// `pprof` are the golden's lines (padding trimmed) that the name's TAB and newline made,
    /// `ours` the escaped name our line shows instead.
    static let deviations: [String: (why: String, pprof: Set<String>, ours: String)] = [
        "control.tags.txt": (
            why: "a name holding a TAB and a newline: pprof's tabwriter splits it into cells and lines; we print \\t \\n",
            pprof: ["20.0ms ( 3.64%): main.tabhere", "newline"], ours: "20.0ms ( 3.64%): main.tab\\there\\nnewline")
    ]

    static func dropping(lines drop: (Substring) -> Bool, from s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !drop($0) }.joined(separator: "\n")
    }

    static func trimmed(_ line: Substring) -> String {
        line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Collapses every run of spaces (and leading padding) to one space, keeping line structure.
    static func collapsingPadding(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The usage without the lines for our two added formats (a documented difference).
    static func withoutAddedFormats(_ s: String) -> String {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        while let i = lines.firstIndex(where: { $0 == "  pprof-tui additions:" }) {
            var end = i + 1
            while end < lines.count, lines[end].hasPrefix("    -collapsed") || lines[end].hasPrefix("    -flame_svg")
                || lines[end].hasPrefix("    collapsed") || lines[end].hasPrefix("    flame_svg")
            {
                end += 1
            }
            // The block and the blank line that separates it.
            let start = i > 0 && lines[i - 1].isEmpty ? i - 1 : i
            lines.removeSubrange(start..<end)
        }
        return lines.joined(separator: "\n")
    }

    static func hasEscapedNames(_ args: [String]) -> Bool { !escapePairs(in: args).isEmpty }
}
