import GoRegex
import PprofModel

/// pprof's `generateRawReport`: from a loaded profile, a command and the current config to a
/// `Report` ready to print. Pure: the caller's profile is never modified (values are copied).
package enum Pipeline {
    /// The result of preparing a report.
    package struct Prepared: Sendable {
        package var report: Report
        package var config: Config
    }

    /// pprof's `applyCommandOverrides`: list/peek turn trimming off, list uses line granularity,
    /// top/text show every node unless nodecount is set, other formats default to 80 nodes.
    package static func applyCommandOverrides(_ cmd: String, format: OutputFormat, _ cfg: Config) -> Config {
        var cfg = cfg
        var trim = cfg.trim
        switch cmd {
        case "disasm":
            trim = false
            cfg.granularity = "addresses"
            cfg.noInlines = true
        case "weblist":
            trim = false
            cfg.granularity = "addresses"
            cfg.noInlines = false
        case "peek":
            trim = false
        case "list":
            trim = false
            cfg.granularity = "lines"
        case "text", "top", "topproto":
            if cfg.nodeCount == -1 { cfg.nodeCount = 0 }
        default:
            if cfg.nodeCount == -1 { cfg.nodeCount = 80 }
        }
        switch format {
        case .proto, .raw, .callgrind:
            trim = false
            cfg.granularity = "addresses"
            // Upstream #739: -noinlines applies to these too; Go 1.19 forced inlines on.
            if cfg.compat == .go119 { cfg.noInlines = false }
        default: break
        }
        if !trim {
            cfg.nodeCount = 0
            cfg.nodeFraction = 0
            cfg.edgeFraction = 0
        }
        return cfg
    }

    /// Runs pprof's report pipeline for `command` (a CommandTable name) on `profile`.
    /// `warn` gets pprof's stderr notes as they arise, so those printed before a failing
    /// step are not lost (pprof has printed them by then too).
    /// - Throws: `PprofError` with pprof's wording (bad regex, unknown sample index, ...).
    package static func prepare(
        profile original: consuming Profile, command: String, symbol: String?, config: Config,
        warn: (String) -> Void = { _ in }
    ) throws -> Prepared {
        guard let spec = CommandTable.command(named: command), let format = spec.format else {
            throw PprofError("unrecognized command: \(GoQuote.quote(command))")
        }
        // A caller that hands its only copy over (`consume`) lets the filters and the
        // aggregation edit it in place instead of copying the tables.
        var p = consume original
        let (numLabelUnits, unitWarnings) = p.identifyNumLabelUnits()
        unitWarnings.forEach(warn)
        let cfg = applyCommandOverrides(command, format: format, config)
        p.generateTagRootsLeaves(tagRoot: cfg.tagRoot, tagLeaf: cfg.tagLeaf, unit: cfg.unit).forEach(warn)

        let relative = cfg.relativePercentages
        if relative {
            try p.applyFocus(config: cfg, numLabelUnits: numLabelUnits) { warn($0) }
        }
        var ropt = try reportOptions(p, numLabelUnits: numLabelUnits, cfg)
        ropt.outputFormat = format
        if let symbol {
            do {
                ropt.symbol = try GoRegex(symbol)
            } catch {
                throw PprofError("parsing argument regexp \(symbol): \(error.message)")
            }
        }
        let total = Report.computeTotal(p, options: ropt)
        if !relative {
            try p.applyFocus(config: cfg, numLabelUnits: numLabelUnits) { warn($0) }
        }
        try p.aggregate(granularity: cfg.granularity, noInlines: cfg.noInlines)
        return Prepared(report: Report(profile: p, options: ropt, total: total), config: cfg)
    }

    /// pprof's `reportOptions` + `sampleFormat`.
    static func reportOptions(_ p: Profile, numLabelUnits: [String: String], _ cfg: Config) throws -> ReportOptions {
        guard !p.sampleTypes.isEmpty else { throw PprofError("profile has no samples") }
        let index = try p.sampleIndex(byName: cfg.sampleIndex)
        let sample = p.sampleTypes[index]
        var stype = sample.type
        if cfg.mean { stype = "mean_" + stype }
        if cfg.divideBy == 0 { throw PprofError("zero divisor specified") }

        var filters: [String] = []
        for (k, v) in [
            ("focus", cfg.focus), ("ignore", cfg.ignore), ("hide", cfg.hide), ("show", cfg.show),
            ("show_from", cfg.showFrom), ("tagfocus", cfg.tagFocus), ("tagignore", cfg.tagIgnore),
            ("tagshow", cfg.tagShow), ("taghide", cfg.tagHide),
        ] where !v.isEmpty {
            filters.append(k + "=" + v)
        }
        if !cfg.mine.isEmpty { filters.append((cfg.mineHidesOwn ? "mine_hidden=" : "mine=") + cfg.mine) }
        var o = ReportOptions()
        o.cumSort = cfg.sort == "cum"
        o.callTree = cfg.callTree
        o.dropNegative = cfg.dropNegative
        o.compactLabels = cfg.compactLabels
        o.ratio = 1 / cfg.divideBy
        o.nodeCount = cfg.nodeCount
        o.nodeFraction = cfg.nodeFraction
        o.edgeFraction = cfg.edgeFraction
        o.activeFilters = filters
        o.numLabelUnits = numLabelUnits
        o.sampleIndex = index
        o.meanDivisorIndex = cfg.mean ? 0 : nil
        o.sampleType = stype
        o.sampleUnit = sample.unit
        o.outputUnit = cfg.unit
        o.sourcePath = cfg.sourcePath
        o.trimPath = cfg.trimPath
        o.compat = cfg.compat
        if let m = p.mappings.first, !m.file.isEmpty {
            o.title = m.file.split(separator: "/").last.map(String.init) ?? m.file
        }
        return o
    }
}
