/// pprof's `config`: every option the shell and the flags can set, with pprof's defaults.
/// One value of this drives a report; the TUI keeps one and changes it with `name=value`.
package struct Config: Sendable, Equatable {
    package var output: String = ""
    package var callTree = false
    package var relativePercentages = false
    package var unit: String = "minimum"
    package var compactLabels = false
    package var sourcePath: String = ""
    package var trimPath: String = ""
    package var mean = false
    package var sampleIndex: String = ""
    package var divideBy: Double = 1.0
    package var normalize = false
    /// "flat" or "cum".
    package var sort: String = "flat"
    package var tagRoot: String = ""
    package var tagLeaf: String = ""
    package var dropNegative = false
    /// -1 means "not set": text reports show all nodes, dot defaults to 80.
    package var nodeCount: Int = -1
    package var nodeFraction: Double = 0.005
    package var edgeFraction: Double = 0.001
    package var trim = true
    package var focus: String = ""
    package var ignore: String = ""
    package var pruneFrom: String = ""
    package var hide: String = ""
    package var show: String = ""
    package var showFrom: String = ""
    package var tagFocus: String = ""
    package var tagIgnore: String = ""
    package var tagShow: String = ""
    package var tagHide: String = ""
    package var noInlines = false
    /// functions, filefunctions, files, lines, addresses.
    package var granularity: String = "functions"
    /// Whose output to reproduce: current upstream (default) or Go 1.19's pprof. Set by the
    /// command line only (not a shell option).
    package var compat: Compat = .current
    /// "My code" (`-mine`, the explorer's m / M; not a shell option): keep only the frames
    /// this regex matches (`mineHidesOwn`: drop them), as `show` (`hide`) would, except that a
    /// sample left with no frame keeps its cost on one synthetic frame (`Profile.keepOwnFrames`).
    package var mine: String = ""
    package var mineHidesOwn = false

    package init() {}
}
