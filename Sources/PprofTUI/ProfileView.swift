import PprofModel

/// Everything the panes show, aggregated once per profile/option change (off the main loop).
/// Nodes are identified by index; all orderings have complete tie-breaks so screens are
/// deterministic.
package struct ProfileView: Sendable {
    package struct Node: Sendable, Equatable {
        package var name: String
        package var file: String
        package var startLine: Int
        package var flat: Int64 = 0
        package var cum: Int64 = 0
    }

    package struct Edge: Sendable, Equatable {
        package var node: Int
        package var weight: Int64
    }

    /// Per-line cost inside one node's function (the Source pane).
    package struct LineCost: Sendable, Equatable {
        package var line: Int
        package var flat: Int64
        package var cum: Int64
    }

    /// One frame of the icicle: a node reached by one particular path from the root.
    package struct Frame: Sendable, Equatable {
        package var node: Int
        package var parent: Int
        package var depth: Int
        package var cum: Int64
        package var flat: Int64
        /// Children ordered by name (then node) so the icicle layout is stable.
        package var children: [Int]
    }

    package var nodes: [Node] = []
    package var callers: [[Edge]] = []
    package var callees: [[Edge]] = []
    package var lines: [[LineCost]] = []
    /// Frame 0 is the synthetic root ("root", cum = sum of all samples shown).
    package var frames: [Frame] = []
    package var byFlat: [Int] = []
    package var byCum: [Int] = []
    /// Denominator of percentages (pprof's report total).
    package var total: Int64 = 0
    package var sampleType: String = ""
    package var sampleUnit: String = ""
    package var outputUnit: String = "minimum"
    package var granularity: String = "functions"
    package var filters: [String] = []

    package init() {}

    package func format(_ v: Int64) -> String {
        Measurement.scaledLabel(v, from: sampleUnit, to: outputUnit)
    }

    package func percent(_ v: Int64) -> String { Measurement.percentage(v, total) }

    /// Node indices in the Top pane's order.
    package func order(byCum: Bool) -> [Int] { byCum ? self.byCum : byFlat }

    package func nodeIndex(named name: String) -> Int? { nodes.firstIndex { $0.name == name } }
}
