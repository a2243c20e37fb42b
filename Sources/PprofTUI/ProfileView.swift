import PprofModel
import PprofReports

/// What the panes show after one run of the shared report pipeline (off the main loop):
/// the Top rows are `Report.textItems()` of the `top` report, the Tree reads the graph
/// `peek` prints, the Flame reads the report's filtered, aggregated profile. Nothing here
/// aggregates on its own, so every value equals the batch report's for the same options.
package struct ProfileView: Sendable {
    /// One Top row: a `TextItem` as `-top` prints it.
    package struct Node: Sendable, Equatable {
        package var name: String
        package var inlineLabel: String
        package var flat: Int64
        package var cum: Int64
        package var flatText: String
        package var cumText: String
    }

    /// One frame of the icicle: a node reached by one particular path from the root.
    package struct Frame: Sendable, Equatable {
        /// Index into `frameNames`; -1 for the synthetic root.
        package var name: Int
        package var parent: Int
        package var depth: Int
        package var cum: Int64
        package var flat: Int64
        /// Children ordered by name so the icicle layout is stable; only the frames wide
        /// enough to draw (see `FlameBuilder`).
        package var children: [Int]
        /// Sum of |cum| of the siblings before this one, including those not built: where
        /// the frame starts inside its parent.
        package var offset: UInt64 = 0
        /// Differential frames only (`FlameBuilder.buildFrames`, diff): the new profile's side, the
        /// base's side (both >= 0; `cum` = grow - shrink), and the width of the larger side
        /// summed path by path.
        package var grow: Int64 = 0
        package var shrink: Int64 = 0
        package var larger: UInt64 = 0
    }

    /// The report whose options format Tree and Flame values: the `peek` report with
    /// pprof's output unit selected for its graph (Top rows carry `-top`'s own strings).
    package var report: Report
    /// `-top`'s header lines ("Showing nodes accounting for ...", "Dropped ...").
    package var labels: [String] = []
    /// Top rows in the report's order (flat or cum, per the `sort` option).
    package var nodes: [Node] = []
    package var byCum = false
    /// The untrimmed call graph of the `peek` report: the Tree pane's callers and callees.
    package var peek = Graph()
    package var peekNames: [String] = []
    package var peekIndex: [String: Int] = [:]
    /// False until the Tree's graph (`peek`, `peekNames`, `peekIndex`) is taken in.
    package var treeReady = false
    /// Top row name -> function name, for opening the Source before the Tree is ready.
    package var functionNames: [String: String] = [:]
    /// Frame 0 is the synthetic root ("root", cum = the report's filtered sample sum).
    package var frames: [Frame] = []
    package var frameNames: [String] = []
    /// The zoom root `frames` were built for; nil until the Flame is first shown.
    package var flameZoom: [String]?
    var flameIndex: FlameIndex?
    /// The Flame is differential (set when its build is asked for): `frames` carry both sides.
    package var diffFlame = false
    /// For a differential Flame, the session over the side profile (`-base` loaded as
    /// `-diff_base` is), under the view's options; nil: the sides come from the net profile.
    package var diffSides: Session?

    package init(report: Report) { self.report = report }

    /// Denominator of percentages (pprof's report total).
    package var total: Int64 { report.total }
    package var sampleType: String { report.options.sampleType }
    package var sampleUnit: String { report.options.sampleUnit }

    package func format(_ v: Int64) -> String { report.formatValue(v) }

    package func percent(_ v: Int64) -> String { Measurement.percentage(v, total) }

    package func nodeIndex(named name: String) -> Int? { nodes.firstIndex { $0.name == name } }

    package func frameName(_ f: Int) -> String {
        guard f >= 0, f < frames.count else { return "" }
        let n = frames[f].name
        return n >= 0 && n < frameNames.count ? frameNames[n] : "root"
    }
}

/// One row of the Source pane: the rows of pprof's `list` (`Report.sourceListing`).
package enum SourceRow: Sendable, Equatable {
    /// "ROUTINE name in file" with the routine's flat and cum.
    case routine(name: String, file: String, flat: String, cum: String, percent: String)
    /// `file` is the path the source was read from (the profile's name when not read).
    case line(file: String, lineno: Int, flat: Int64, cum: Int64, flatText: String, cumText: String, text: String)
    /// Why a routine's lines are missing (pprof's error: the path tried and why it failed).
    case message(String)
    /// What the user can do about the message above it.
    case hint(String)

    var isCostly: Bool {
        if case .line(_, _, let f, let c, _, _, _) = self { return f != 0 || c != 0 }
        return false
    }
}

extension ProfileView.Frame {
    /// A frame with no differential sides (tests build reference icicles with it).
    package init(name: Int, parent: Int, depth: Int, cum: Int64, flat: Int64, children: [Int], offset: UInt64 = 0) {
        self.name = name
        self.parent = parent
        self.depth = depth
        self.cum = cum
        self.flat = flat
        self.children = children
        self.offset = offset
    }
}

extension ProfileView {
    /// Gives the Top rows their inline labels (`AppEvent.topLabelsReady`), row by row; a list
    /// of another length belongs to other rows and is ignored.
    package mutating func setInlineLabels(_ labels: [String]) {
        guard labels.count == nodes.count else { return }
        for i in labels.indices where nodes[i].inlineLabel != labels[i] { nodes[i].inlineLabel = labels[i] }
    }
}
