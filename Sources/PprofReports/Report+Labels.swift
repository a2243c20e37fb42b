import Foundation
import PprofModel

extension Report {
    /// pprof `ProfileLabels`: binary, build id, comments, type, time and duration lines.
    /// The one formatter of these lines (reports, traces, the shell's greeting); profile text
    /// in them is escaped here, comments keeping their own newlines and tabs.
    package func profileLabels() -> [String] {
        var label: [String] = []
        let p = profile
        if let m = p.mappings.first {
            if !m.file.isEmpty { label.append("File: " + sanitizeForTerminal(goPathBase(m.file))) }
            if !m.buildID.isEmpty { label.append("Build ID: " + sanitizeForTerminal(m.buildID)) }
        }
        // Comments starting with '#' are for tools, not people.
        for c in p.comments where c.utf8.first != UInt8(ascii: "#") { label.append(sanitizeLinesForTerminal(c)) }
        if !options.sampleType.isEmpty { label.append("Type: " + sanitizeForTerminal(options.sampleType)) }
        if options.compat != .go119 && !p.docURL.isEmpty { label.append("Doc: " + sanitizeForTerminal(p.docURL)) }
        if p.timeNanos != 0 {
            let time =
                options.compat == .go119
                ? GoTimeFormat.headerString(unixNanos: p.timeNanos) : GoTimeFormat.isoHeaderString(unixNanos: p.timeNanos)
            label.append("Time: " + time)
        }
        if p.durationNanos != 0 {
            let duration = Measurement.label(p.durationNanos, unit: "nanoseconds")
            let (totalNanos, totalUnit) = Measurement.scale(total, from: options.sampleUnit, to: "nanoseconds")
            var ratio = ""
            if totalUnit == "ns" && totalNanos != 0 {
                ratio = "(" + Measurement.percentage(GoConvert.int64(totalNanos), p.durationNanos) + ")"
            }
            label.append("Duration: \(duration), Total samples = \(formatValue(total)) \(ratio)")
        }
        return label
    }

    /// pprof `reportLabels`: the header lines above a text or graph report.
    package func reportLabels(_ g: Graph, origCount: Int, droppedNodes: Int, droppedEdges: Int, fullHeaders: Bool) -> [String] {
        var label: [String] = []
        if !options.profileLabels.isEmpty {
            label += options.profileLabels
        } else if fullHeaders || !options.compactLabels {
            label = profileLabels()
        }
        var flatSum: Int64 = 0
        for n in g.nodes { flatSum = flatSum &+ n.flatValue() }
        if !options.activeFilters.isEmpty { label += legendActiveFilters(options.activeFilters) }
        let pct = Measurement.percentage(flatSum, total).trimmingCharacters(in: .whitespaces)
        label.append("Showing nodes accounting for \(formatValue(flatSum)), \(pct) of \(formatValue(total)) total")
        if total != 0 {
            if droppedNodes > 0 {
                let cut = goAbs(GoConvert.int64(Double(total) * options.nodeFraction))
                label.append(genLabel(droppedNodes, "node", "cum", formatValue(cut)))
            }
            if droppedEdges > 0 {
                let cut = goAbs(GoConvert.int64(Double(total) * options.edgeFraction))
                label.append(genLabel(droppedEdges, "edge", "freq", formatValue(cut)))
            }
            if g.nodes.count > 0 && g.nodes.count < origCount {
                label.append("Showing top \(g.nodes.count) nodes out of \(origCount)")
            }
        }
        if fullHeaders { label.append("\nSee https://git.io/JfYMW for how to read the graph") }
        return label
    }
}

/// pprof `legendActiveFilters`: a heading, then each filter indented and cut at 80 bytes.
package func legendActiveFilters(_ filters: [String]) -> [String] {
    var out = ["Active filters:"]
    for f in filters {
        var s = f
        let bytes = Array(f.utf8)
        // Go slices bytes; a cut inside a character decodes as U+FFFD here.
        if bytes.count > 80 { s = String(decoding: bytes[0..<80], as: UTF8.self) + "…" }
        out.append("   " + s)
    }
    return out
}

/// pprof `genLabel`: "Dropped 3 nodes (cum <= 1.50s)".
package func genLabel(_ d: Int, _ n: String, _ l: String, _ f: String) -> String {
    "Dropped \(d) \(d > 1 ? n + "s" : n) (\(l) <= \(f))"
}
