import Dispatch
import PprofModel
import PprofReports

/// One result written by one worker of a `concurrentPerform` and read after it returns.
final class Slot<T>: @unchecked Sendable {
    var value: T?
}

/// Turns the session's options into a `ProfileView` through the shared report pipeline.
package enum ViewBuilder {
    package static func event(generation: Int, session: Session) -> AppEvent {
        do {
            return .viewReady(generation: generation, try build(session: session))
        } catch {
            return .viewFailed(generation: generation, message: "\(error)")
        }
    }

    /// One pipeline run (`top`), then: Top rows from `textItems()`, the Tree's graph as
    /// `peek` builds it. The Flame's frames are built from the report's filtered profile
    /// off the main loop when the Flame is shown (`Effect.buildFlame`).
    package static func build(session: Session) throws -> ProfileView {
        try build(session: session, lap: nil)
    }

    /// `build`, calling `lap` with a step name as each step ends (the bench's breakdown).
    package static func build(session: Session, lap: ((String) -> Void)?) throws -> ProfileView {
        let report = try session.prepareReport(command: "top")
        lap?("pipeline")
        var v = ProfileView(report: report)
        let peek = peekReport(report)
        // The two graphs (trimmed for Top, untrimmed for the Tree) are independent whole-profile
        // passes over the same read-only profile: one per core.
        let top = Slot<(items: [TextItem], labels: [String])>()
        let tree = Slot<Graph>()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                top.value = report.textItems()
            } else {
                tree.value = peek.newTrimmedGraph().0
            }
        }
        lap?("graphs")
        let (items, labels) = top.value ?? ([], [])
        v.labels = labels
        v.byCum = report.options.cumSort
        v.nodes = items.map {
            ProfileView.Node(name: $0.name, inlineLabel: $0.inlineLabel, flat: $0.flat, cum: $0.cum, flatText: $0.flatFormat, cumText: $0.cumFormat)
        }
        let g = setPeekGraph(&v, tree.value ?? Graph())
        // Tree and Flame values are formatted as `peek` formats them (its output unit).
        v.report = peek.selectingOutputUnit(for: g)
        lap?("rows")
        return v
    }

    /// The `peek` report of the same pipeline run: pprof's `peek` differs from `top` only
    /// by turning trimming off (applyCommandOverrides), and its symbol selects what is
    /// printed, not the graph; so the profile is not filtered and aggregated twice.
    static func peekReport(_ top: Report) -> Report {
        var r = top
        r.options.nodeCount = 0
        r.options.nodeFraction = 0
        r.options.edgeFraction = 0
        r.options.cumSort = false
        return r
    }

    static func setPeekGraph(_ v: inout ProfileView, _ g: Graph) -> Graph {
        v.peek = g
        v.peekNames = g.nodes.map { $0.info.printableName() }
        var index: [String: Int] = [:]
        index.reserveCapacity(g.nodes.count)
        for (i, n) in v.peekNames.enumerated() where index[n] == nil { index[n] = i }
        v.peekIndex = index
        return g
    }

    /// The Source pane's rows for one node: pprof's `list` of the node's function, exactly
    /// (its name quoted as a regex), at line granularity under the current options.
    package static func sourceRows(session: Session, function: String) throws -> [SourceRow] {
        let report = try session.prepareReport(command: "list", symbol: "^" + goRegexEscape(function) + "$")
        let blocks = try report.sourceListing(session.environment.sources)
        var rows: [SourceRow] = []
        for b in blocks {
            switch b {
            case .noSource(let name):
                rows.append(.message("No source information for " + name))
            case .routine(let r):
                rows.append(
                    .routine(
                        name: r.name, file: r.file, flat: report.formatValue(r.flat), cum: report.formatValue(r.cum),
                        percent: Measurement.percentage(r.cum, report.total)))
                if let e = r.error { rows.append(.message("Error: " + e)) }
                for l in r.lines {
                    rows.append(
                        .line(
                            file: r.file, lineno: l.lineno, flat: l.flat, cum: l.cum, flatText: report.valueOrDot(l.flat),
                            cumText: report.valueOrDot(l.cum), text: l.text))
                }
            }
        }
        return rows
    }
}

extension Report {
    /// "." for zero, as `list` prints it.
    func valueOrDot(_ v: Int64) -> String { v == 0 ? "." : formatValue(v) }
}
