import PprofModel

extension Report {
    /// pprof `TextItems`: the trimmed graph's nodes in report order, with header labels.
    /// Without `inlineLabels` every item's `inlineLabel` is empty and no edge is walked:
    /// the same rows, values and order (none of them reads an edge), several times cheaper
    /// on a large profile (the explorer shows them first and the labels after).
    package func textItems(inlineLabels: Bool = true) -> (items: [TextItem], labels: [String]) {
        let t = trimmedGraph(edgeMode: inlineLabels ? .inlinedCallees : .none)
        let g = t.graph
        let rpt = selectingOutputUnit(for: g)
        let labels = rpt.reportLabels(g, origCount: t.origCount, droppedNodes: t.droppedNodes, droppedEdges: 0, fullHeaders: false)
        var items: [TextItem] = []
        items.reserveCapacity(g.nodes.count)
        for n in g.nodes {
            let flat = n.flatValue()
            let cum = n.cumValue()
            var inline = false
            var noinline = false
            for e in n.inEdges {
                if g.edges[e].inline { inline = true } else { noinline = true }
            }
            let inl = inline ? (noinline ? "(partial-inline)" : "(inline)") : ""
            var item = TextItem(
                name: n.info.printableName(), inlineLabel: inl, flat: flat, cum: cum,
                flatFormat: rpt.formatValue(flat), cumFormat: rpt.formatValue(cum))
            item.functionName = n.info.name
            items.append(item)
        }
        return (items, labels)
    }

    /// pprof `printText`: the `-top` report.
    package func printText() -> String {
        let (items, labels) = textItems()
        var out = labels.map(sanitizeLabelForTerminal).joined(separator: "\n") + "\n"
        out += goPad("flat", 10) + " " + goPad("flat", 5) + "% " + goPad("sum", 5) + "% "
            + goPad("cum", 10) + " " + goPad("cum", 5) + "%\n"
        var flatSum: Int64 = 0
        for item in items {
            flatSum = flatSum &+ item.flat
            out += goPad(item.flatFormat, 10) + " " + Measurement.percentage(item.flat, total) + " "
            out += Measurement.percentage(flatSum, total) + " " + goPad(item.cumFormat, 10) + " "
            out += Measurement.percentage(item.cum, total) + "  " + sanitizeForTerminal(item.name)
            if !item.inlineLabel.isEmpty { out += " " + item.inlineLabel }
            out += "\n"
        }
        return out
    }
}

/// Go's `%Ns`: right-aligned in N runes (Unicode scalars), never truncated.
func goPad(_ s: String, _ width: Int) -> String {
    let n = s.unicodeScalars.count
    return n >= width ? s : String(repeating: " ", count: width - n) + s
}

/// Header lines may legitimately hold newlines and tabs; other controls are escaped.
func sanitizeLabelForTerminal(_ s: String) -> String {
    if !s.contains(where: { $0 == "\n" || $0 == "\t" }) { return sanitizeForTerminal(s) }
    return s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false).map { sanitizeForTerminal(String($0)) }
            .joined(separator: "\t")
    }.joined(separator: "\n")
}
