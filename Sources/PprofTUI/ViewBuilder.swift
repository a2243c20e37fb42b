import GoRegex
import PprofModel
import PprofReports

/// One result written by one worker of a `concurrentPerform` and read after it returns.
package final class Slot<T>: @unchecked Sendable {
    package var value: T?
    package init() {}
}

/// The Tree pane's half of a view: the untrimmed `peek` graph and the report that formats
/// Tree and Flame values (pprof's output unit selected for that graph).
package struct TreeGraph: Sendable {
    package var graph: Graph
    package var report: Report
}

/// Turns the session's options into a `ProfileView` through the shared report pipeline.
///
/// A view comes in two halves built one after the other from one pipeline run: the Top rows,
/// and the Tree's untrimmed graph, which needs every edge and takes longer. The runner shows
/// the Top as soon as it is ready (`viewReady`) and takes the Tree in after it (`treeReady`).
package enum ViewBuilder {
    /// The runner's rebuild: posts `viewReady` with the Top rows as soon as they are built
    /// (without their inline labels), then, in `after`'s order, the Tree half (`treeReady`),
    /// the Flame's frames when `after` asks (`flameReady`) and the rows' inline labels
    /// (`topLabelsReady`, before the Tree unless the Tree comes first); or posts `viewFailed`.
    package static func post(
        generation: Int, session: Session, after: AfterTop = AfterTop(), wanted: @escaping StillWanted = { true },
        _ post: (AppEvent) -> Void
    ) {
        let report: Report
        do {
            report = try session.prepareReport(command: "top")
        } catch {
            post(.viewFailed(generation: generation, message: "\(error)"))
            return
        }
        // The Top first, alone: its graph build already uses both cores, and anything built
        // beside it (the Tree's every edge, the Flame's frames) would hold the first costed
        // row back. The rest follows on both cores, one after the other, each given up when a
        // newer rebuild was asked for meanwhile (its events would be dropped).
        let top = buildTop(report, inlineLabels: false)
        post(.viewReady(generation: generation, top))
        // What follows is given up midway (its graph walks stop) once a newer rebuild is
        // asked for, and then not posted: it would be dropped.
        var background = report
        background.stillWanted = wanted
        // The rows' inline labels need the edge walk, which costs several times the rows.
        func labels() {
            guard wanted() else { return }
            let items = background.textItems().items
            guard wanted() else { return }
            post(.topLabelsReady(generation: generation, items.map(\.inlineLabel)))
        }
        func tree() {
            guard wanted() else { return }
            var peek = peekReport(background)
            var tree: TreeGraph
            if after.treeInBackground {
                peek.options.graphParallelMinSamples = .max
                let oneThread = peek
                tree = LowPriority.run { buildTree(oneThread) }
            } else {
                tree = buildTree(peek)
            }
            guard wanted() else { return }
            // The view keeps this report for its own later builds, which nothing cancels.
            tree.report.stillWanted = nil
            post(.treeReady(generation: generation, tree))
        }
        if after.treeFirst { tree() }
        if let zoom = after.flameZoom {
            var v = top
            v.prepareFlame(after.flameSides)
            if let built = FlameBuilder.compute(v, zoom: zoom, wanted: wanted) { post(.flameReady(generation: generation, built)) }
        }
        labels()
        if !after.treeFirst { tree() }
    }

    /// What a rebuild builds after its Top rows (`AppState.planAfterTop`); by default the
    /// Tree's graph only.
    package struct AfterTop: Sendable {
        /// Build the Flame's frames for this zoom root too (nil: on first show only).
        package var flameZoom: [String]?
        package var flameSides = FlameSides()
        /// The Tree before the Flame (its pane is on screen).
        package var treeFirst = false
        /// The Tree built on one thread at a low priority (its pane is not on screen): a
        /// graph build cannot stop midway, and a new view asked for meanwhile (a focus
        /// change) must not wait for it.
        package var treeInBackground = false

        package init(flameZoom: [String]? = nil, flameSides: FlameSides = FlameSides(), treeFirst: Bool = false, treeInBackground: Bool = false) {
            self.flameZoom = flameZoom
            self.flameSides = flameSides
            self.treeFirst = treeFirst
            self.treeInBackground = treeInBackground
        }
    }

    /// The whole view at once (live snapshots, tests): `post`'s two halves put together.
    /// The Flame's frames are built from the report's filtered profile off the main loop
    /// when the Flame is shown (`Effect.buildFlame`).
    /// - Throws: the pipeline's error, as `PprofError` with its text.
    package static func build(session: Session) throws -> ProfileView {
        var view: ProfileView?
        var failure: String?
        post(generation: 0, session: session) { event in
            switch event {
            case .viewReady(_, let v): view = v
            case .topLabelsReady(_, let labels):
                if var v = view {
                    v.setInlineLabels(labels)
                    view = v
                }
            case .treeReady(_, let t):
                if var v = view {
                    apply(t, to: &v)
                    view = v
                }
            case .viewFailed(_, let message): failure = message
            default: break
            }
        }
        guard let view else { throw PprofError(failure ?? "no view built") }
        return view
    }

    /// The Top half: `-top`'s rows and header lines. Until the Tree's graph arrives, values
    /// outside the Top are formatted in the Top's output unit.
    package static func buildTop(_ report: Report, inlineLabels: Bool = true) -> ProfileView {
        let (items, labels) = report.textItems(inlineLabels: inlineLabels)
        var v = ProfileView(report: peekReport(report).selectingOutputUnit(forValues: items.lazy.map { ($0.flat, $0.cum) }))
        v.labels = labels
        v.byCum = report.options.cumSort
        v.nodes = items.map {
            ProfileView.Node(name: $0.name, inlineLabel: $0.inlineLabel, flat: $0.flat, cum: $0.cum, flatText: $0.flatFormat, cumText: $0.cumFormat)
        }
        v.functionNames = Dictionary(items.map { ($0.name, $0.functionName) }, uniquingKeysWith: { a, _ in a })
        return v
    }

    /// The Tree half: the graph `peek` prints, and `peek`'s output unit for it.
    package static func buildTree(_ peek: Report) -> TreeGraph {
        let g = peek.newTrimmedGraph().0
        return TreeGraph(graph: g, report: peek.selectingOutputUnit(for: g))
    }

    /// Completes a view with its Tree half.
    package static func apply(_ t: TreeGraph, to v: inout ProfileView) {
        setPeekGraph(&v, t.graph)
        v.report = t.report
        v.treeReady = true
    }

    /// The `peek` report of the same pipeline run: pprof's `peek` differs from `top` only
    /// by turning trimming off (applyCommandOverrides), and its symbol selects what is
    /// printed, not the graph; so the profile is not filtered and aggregated twice.
    package static func peekReport(_ top: Report) -> Report {
        var r = top
        r.options.nodeCount = 0
        r.options.nodeFraction = 0
        r.options.edgeFraction = 0
        r.options.cumSort = false
        return r
    }

    static func setPeekGraph(_ v: inout ProfileView, _ g: Graph) {
        v.peek = g
        // Edges may end at detached nodes (numbered after the visible ones): they need names
        // too, but only visible nodes can be a centre.
        v.peekNames = (g.nodes + g.detachedNodes).map { $0.info.printableName() }
        var index: [String: Int] = [:]
        index.reserveCapacity(g.nodes.count)
        for (i, n) in v.peekNames.prefix(g.nodes.count).enumerated() where index[n] == nil { index[n] = i }
        v.peekIndex = index
    }

    /// The Source pane's rows for one node: pprof's `list` of the node's function, exactly
    /// (its name quoted as a regex), at line granularity under the current options.
    package static func sourceRows(session: Session, function: String) throws -> [SourceRow] {
        let report = try session.prepareReport(command: "list", symbol: "^" + GoRegex.quoteMeta(function) + "$")
        // The pane also looks where Go keeps sources (GOROOT, module cache, vendor/).
        let blocks = try report.sourceListing(session.environment.sources, searchingGoLocations: true)
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
                if let e = r.error {
                    rows.append(.message("Error: " + e))
                    rows += missingSourceHint(file: r.file, config: session.config).map(SourceRow.hint)
                }
                // Lines name the file where it was found, so the editor opens that one.
                for l in r.lines {
                    rows.append(
                        .line(
                            file: r.path ?? r.file, lineno: l.lineno, flat: l.flat, cum: l.cum, flatText: report.valueOrDot(l.flat),
                            cumText: report.valueOrDot(l.cum), text: l.text))
                }
                // Lines past the read cap are missing: say so, as `list` does.
                if r.truncated { rows.append(.message(sourceTruncationNote(file: r.file))) }
            }
        }
        return rows
    }
}

/// How to make a listing find its file: the options that tell `list` where sources are.
func missingSourceHint(file: String, config: Config) -> [String] {
    let now = config.sourcePath.isEmpty ? "" : " (now " + config.sourcePath + ")"
    return [
        "fix: :source_path=DIR  searches DIR and its parents for " + file + now,
        "     :trim_path=PREFIX  cuts PREFIX from " + file + " first",
    ]
}

extension Report {
    /// "." for zero, as `list` prints it.
    func valueOrDot(_ v: Int64) -> String { v == 0 ? "." : formatValue(v) }
}
