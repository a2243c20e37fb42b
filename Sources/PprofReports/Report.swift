import GoRegex
import PprofModel

/// pprof's report output formats (`internal/report` constants).
package enum OutputFormat: Sendable, Equatable {
    case text, tree, traces, raw, tags, comments, list, dot, proto, topProto, callgrind, dis, webList
    /// pprof-tui's own: Brendan Gregg's folded stacks, and a standalone flame graph SVG.
    case collapsed, flameSVG

    /// Reports that print only sums over the samples per name, line or address (no sample,
    /// id or table order of their own), so a lone profile they read need not be merged
    /// (`Profile.merge(_:sumsOnly:)`); UnmergedReportTests holds each to that over the fixtures.
    /// Traces list samples, raw and proto print the tables with their ids.
    package var showsOnlySums: Bool {
        switch self {
        case .traces, .raw, .proto: false
        case .text, .tree, .tags, .comments, .list, .dot, .topProto, .callgrind, .dis, .webList, .collapsed, .flameSVG: true
        }
    }
}

/// pprof's `report.Options`: what one report needs beyond the profile.
package struct ReportOptions: Sendable {
    package var outputFormat: OutputFormat = .text
    package var cumSort = false
    package var callTree = false
    package var dropNegative = false
    package var compactLabels = false
    /// Multiplies every printed value (1 / divide_by); 1 means none.
    package var ratio: Double = 1
    package var title: String = ""
    package var profileLabels: [String] = []
    package var activeFilters: [String] = []
    package var numLabelUnits: [String: String] = [:]
    package var nodeCount: Int = 0
    /// The graph builds' `GraphOptions.parallelMinSamples` (the explorer builds its Tree in
    /// the background on one thread, leaving the other core to a new view).
    package var graphParallelMinSamples = GraphOptions().parallelMinSamples
    package var nodeFraction: Double = 0
    package var edgeFraction: Double = 0
    /// Index of the sample value shown (pprof's SampleValue extractor).
    package var sampleIndex: Int = 0
    /// With `mean`, values are divided by this index's value (pprof uses index 0).
    package var meanDivisorIndex: Int?
    package var sampleType: String = ""
    package var sampleUnit: String = ""
    package var outputUnit: String = "minimum"
    /// The symbol regex of `list`/`peek`/`top re` style commands.
    package var symbol: GoRegex?
    package var sourcePath: String = ""
    package var trimPath: String = ""
    /// Whose output to reproduce (Config.compat).
    package var compat: Compat = .current
    /// `flame_svg` of a `-base` diff: the profile is the sources and bases combined as
    /// `-diff_base` combines them, drawn by `printDiffFlameSVG`.
    package var differential = false

    package init() {}

    package func sampleValue(_ values: ArraySlice<Int64>) -> Int64 { values[values.startIndex + sampleIndex] }
    package func meanDivisor(_ values: ArraySlice<Int64>) -> Int64? {
        meanDivisorIndex.map { values[values.startIndex + $0] }
    }
}

/// A profile ready to be reported: pprof's `report.Report`.
///
/// `total` is computed by the driver before focus filters unless relative percentages are
/// asked for, so it is passed in rather than derived from `profile`.
package struct Report: Sendable {
    package var profile: Profile
    package var options: ReportOptions
    package var total: Int64
    /// Shared by the report's copies (a `peek` made from a `top`), see `LocationNodesCache`.
    let nodeCache = LocationNodesCache()
    /// Given to every graph build (`GraphOptions.stillWanted`): a background report that a
    /// newer one replaced stops walking the samples, and its caller drops what it returns.
    package var stillWanted: (@Sendable () -> Bool)?

    package init(profile: Profile, options: ReportOptions, total: Int64) {
        self.profile = profile
        self.options = options
        self.total = total
    }

    /// A value in the report's output unit, after `divide_by`.
    package func formatValue(_ v: Int64) -> String {
        var v = v
        let r = options.ratio
        if r > 0 && r != 1 { v = GoConvert.int64(Double(v) * r) }
        return Measurement.scaledLabel(v, from: options.sampleUnit, to: options.outputUnit)
    }

    /// pprof's `computeTotal`: sum of absolute values over all samples, or over the diff-base
    /// samples alone when theirs is positive, divided by the mean divisor when `mean` is set
    /// (Go's wrapping arithmetic throughout).
    package static func computeTotal(_ p: Profile, options o: ReportOptions) -> Int64 {
        var div: Int64 = 0, total: Int64 = 0, diffDiv: Int64 = 0, diffTotal: Int64 = 0
        let diffBase = p.samples.diffBaseMask()
        // One pass over the flat values, read as the graph walks read them.
        p.samples.values.withUnsafeBufferPointer { values in
            let weights = SampleWeights(values, p.samples.valueCount, o.sampleIndex, o.meanDivisorIndex)
            for i in 0..<p.samples.count {
                let (w, d) = weights.of(i)
                let v = goAbs(w)
                total &+= v
                div &+= d
                if diffBase?[i] == true {
                    diffTotal &+= v
                    diffDiv &+= d
                }
            }
        }
        if diffTotal > 0 {
            total = diffTotal
            div = diffDiv
        }
        return div != 0 ? goDiv(total, div) : total
    }
}

extension SampleTable {
    /// Which samples carry the `pprof::base` label (set by `-diff_base`); nil when none do.
    package func diffBaseMask() -> [Bool]? {
        guard labels.contains(where: { $0.key == "pprof::base" }) else { return nil }
        var mask = [Bool](repeating: false, count: count)
        for i in 0..<count where labels(i).contains(where: { $0.key == "pprof::base" && $0.str == "true" }) {
            mask[i] = true
        }
        return mask
    }
}
