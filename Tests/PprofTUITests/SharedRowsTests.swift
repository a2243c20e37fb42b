import Foundation
import GoRegex
import PprofFormats
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// The panes show the batch reports' rows: the same numbers, names and order.
@Suite struct SharedRowsTests {
    static func fixtureSession(_ name: String) throws -> Session {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("profiles/" + name))))
        return Session(profile: try ProfileDecoder.decode(bytes))
    }

    /// The Top pane's rows rendered as `-top` prints them, from the TUI's view, against
    /// `Report.printText()` of the same options (default, -cum, a focus, another sample type).
    @Test(arguments: ["cpu.pb.gz", "heap.pb.gz"] as [String])
    func topPaneRowsEqualTopReport(_ fixture: String) throws {
        let base = try Self.fixtureSession(fixture)
        let variants: [[String]] = [[], ["sort=cum"], ["focus=runtime"], ["sample_index=0", "granularity=lines"]]
        for opts in variants {
            var session = base
            for o in opts { #expect(session.execute(o) == .none, "\(o)") }
            let view = try ViewBuilder.build(session: session)
            let report = try session.prepareReport(command: "top")
            let printed = report.printText().split(separator: "\n").map(String.init)
            // Rows follow the labels and the column header.
            let rows = Array(printed.dropFirst(view.labels.count + 1))
            #expect(rows.count == view.nodes.count, "\(fixture) \(opts)")
            var sum: Int64 = 0
            var mine: [String] = []
            for n in view.nodes {
                sum &+= n.flat
                var line = pad(n.flatText, 10) + " " + view.percent(n.flat) + " " + view.percent(sum) + " " + pad(n.cumText, 10) + " "
                line += view.percent(n.cum) + "  " + sanitizeForTerminal(n.name) + (n.inlineLabel.isEmpty ? "" : " " + n.inlineLabel)
                mine.append(line)
            }
            #expect(mine == rows, "\(fixture) \(opts)")
            #expect(!mine.isEmpty)
        }
    }

    /// The Tree pane's rows are `-peek`'s caller/callee lines for the centre.
    @Test func treeRowsEqualPeekReport() throws {
        var s = AppState(session: try Self.fixtureSession("cpu.pb.gz"), title: "cpu", width: 120, height: 40)
        TestProfile.run(&s, s.start())
        let centre = try #require(s.aggregate?.nodes.first(where: { $0.name.hasPrefix("main.") })?.name)
        s.center(on: centre)
        let peek = try s.session.prepareReport(command: "peek", symbol: "^" + GoRegex.quoteMeta(centre) + "$").printTree()
        // peek's edge lines: "<weight> <pct> |   <name>"; the centre line ends with "| <name>".
        let lines = peek.split(separator: "\n").map(String.init).filter { $0.contains("|   ") || $0.hasSuffix("| " + centre) }
        let rows = s.treeRows()
        #expect(lines.count == rows.count)
        for (l, r) in zip(lines, rows) {
            #expect(l.hasSuffix((r.kind == .center ? "| " : "|   ") + r.name + (r.inline ? " (inline)" : "")), "\(l)")
            if r.kind != .center, let v = s.aggregate {
                #expect(l.trimmingCharacters(in: .whitespaces).hasPrefix(v.format(r.weight) + " "), "\(l)")
            }
        }
    }

    func pad(_ s: String, _ n: Int) -> String {
        let c = s.unicodeScalars.count
        return c >= n ? s : String(repeating: " ", count: n - c) + s
    }
}
