import PprofModel

extension Report {
    /// pprof `printTree`: the `-tree` report, or `-peek` when `options.symbol` selects the
    /// nodes to show. Prints pprof's layout even when nothing matches; `checkedPrintTree`
    /// reports that case as pprof's error.
    package func printTree() -> String { treeReport().text }

    /// Like `printTree`, but throws pprof's "no matches found for regexp" when a symbol
    /// regex is set and matches no node (pprof then prints only the error).
    package func checkedPrintTree() throws -> String {
        let r = treeReport()
        if let rx = options.symbol, r.matched == 0 {
            throw PprofError("no matches found for regexp: \(rx.pattern)")
        }
        return r.text
    }

    func treeReport() -> (text: String, matched: Int) {
        let separator = "----------------------------------------------------------+-------------"
        let legend = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t "
        let t = trimmedGraph(edgeMode: .all)
        let g = t.graph
        let rpt = selectingOutputUnit(for: g)
        let labels = rpt.reportLabels(g, origCount: t.origCount, droppedNodes: t.droppedNodes, droppedEdges: 0, fullHeaders: false)
        var out = labels.map(sanitizeLabelForTerminal).joined(separator: "\n") + "\n"
        out += separator + "\n" + legend + "\n"
        let names = EdgeNames(g)
        var flatSum: Int64 = 0
        var matched = 0
        for (i, n) in g.nodes.enumerated() {
            let name = names[i]
            if let rx = options.symbol, !rx.matches(name) { continue }
            matched += 1
            let flat = n.flatValue()
            let cum = n.cumValue()
            out += separator + "\n"
            for e in g.sortedEdges(n.inEdges, names: names) {
                let edge = g.edges[e]
                out += rpt.edgeLine(edge.weight, cum: cum, name: names[edge.src], inline: edge.inline)
            }
            flatSum = flatSum &+ flat
            out += goPad(rpt.formatValue(flat), 10) + " " + Measurement.percentage(flat, total) + " "
            out += Measurement.percentage(flatSum, total) + " " + goPad(rpt.formatValue(cum), 10) + " "
            out += Measurement.percentage(cum, total) + "                | " + sanitizeForTerminal(name) + "\n"
            for e in g.sortedEdges(n.outEdges, names: names) {
                let edge = g.edges[e]
                out += rpt.edgeLine(edge.weight, cum: cum, name: names[edge.dest], inline: edge.inline)
            }
        }
        if !g.nodes.isEmpty { out += separator + "\n" }
        return (out, matched)
    }

    /// A caller or callee line: pprof prints the raw edge weight, as a share of the node's cum.
    private func edgeLine(_ weight: Int64, cum: Int64, name: String, inline: Bool) -> String {
        goPad(formatValue(weight), 50) + " " + Measurement.percentage(weight, cum) + " |   "
            + sanitizeForTerminal(name) + (inline ? " (inline)" : "") + "\n"
    }
}
