import Foundation
import PprofModel

extension Report {
    /// pprof `ProfileLabels`: binary, build id, comments, type, time and duration lines.
    package func profileLabels() -> [String] {
        var label: [String] = []
        let p = profile
        if let m = p.mappings.first {
            if !m.file.isEmpty { label.append("File: " + goPathBase(m.file)) }
            if !m.buildID.isEmpty { label.append("Build ID: " + m.buildID) }
        }
        // Comments starting with '#' are for tools, not people.
        for c in p.comments where !c.hasPrefix("#") { label.append(c) }
        if !options.sampleType.isEmpty { label.append("Type: " + options.sampleType) }
        if p.timeNanos != 0 { label.append("Time: " + formatProfileTime(p.timeNanos)) }
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

private let monthAbbrev = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/// Go's "Jan 2, 2006 at 3:04pm (MST)" layout in the local time zone.
package func formatProfileTime(_ nanos: Int64) -> String {
    var secs = nanos / 1_000_000_000
    if nanos % 1_000_000_000 < 0 { secs -= 1 }
    var t = time_t(secs)
    var tmv = tm()
    guard localtime_r(&t, &tmv) != nil else { return "" }
    let month = monthAbbrev[Int(tmv.tm_mon).clamped(0, 11)]
    var hour = Int(tmv.tm_hour) % 12
    if hour == 0 { hour = 12 }
    let ampm = tmv.tm_hour >= 12 ? "pm" : "am"
    let minute = Int(tmv.tm_min)
    let zone = tmv.tm_zone.map { String(cString: $0) } ?? ""
    let year = Int(tmv.tm_year) + 1900
    return "\(month) \(tmv.tm_mday), \(year) at \(hour):\(minute < 10 ? "0" : "")\(minute)\(ampm) (\(zone))"
}

extension Int {
    fileprivate func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.max(lo, Swift.min(hi, self)) }
}
