import Foundation
import PprofModel

extension Report {
    /// pprof `printDOT` (`GetDOT` + `graph.ComposeDot`): the call graph as Graphviz DOT.
    ///
    /// Differences from pprof, all invisible on ordinary names: the graph name, legend
    /// tooltip and tag labels are escaped like every other DOT string (pprof writes them
    /// raw, so a quote in a binary name or label breaks its output), and control characters
    /// in names are escaped (`sanitizeDocumentForTerminal`) so `-dot` is safe on a terminal.
    package func printDOT() -> String { sanitizeDocumentForTerminal(composeDOT()) }

    private func composeDOT() -> String {
        // call_tree is honoured for dot (and callgrind) only, as in pprof.
        let t: (graph: Graph, tags: [NodeTags], origCount: Int, droppedNodes: Int, droppedEdges: Int)
        if options.callTree {
            let c = trimmedCallTree()
            t = (c.graph, c.tags, c.origCount, c.droppedNodes, c.droppedEdges)
        } else {
            t = trimmedGraph(edgeMode: .all)
        }
        let g = t.graph
        let rpt = selectingOutputUnit(for: g)
        let labels = rpt.reportLabels(
            g, origCount: t.origCount, droppedNodes: t.droppedNodes, droppedEdges: t.droppedEdges, fullHeaders: true)
        var b = DotBuilder(report: rpt, total: total)
        b.start(title: options.title)
        b.addLegend(labels, title: options.title)
        if g.nodes.isEmpty {
            b.out += "}\n"
            return b.out
        }
        var maxFlat = Double(goAbs(g.nodes[0].flatValue()))
        for n in g.nodes where Double(goAbs(n.flatValue())) > maxFlat { maxFlat = Double(goAbs(n.flatValue())) }
        var hasNodelets = [Bool](repeating: false, count: g.nodes.count)
        var outEdges: [Int] = []
        for (i, n) in g.nodes.enumerated() {
            b.addNode(n, id: i + 1, maxFlat: maxFlat)
            hasNodelets[i] = b.addNodelets(n, id: i + 1, tags: i < t.tags.count ? t.tags[i] : NodeTags())
            outEdges += n.outEdges
        }
        let names = EdgeNames(g)
        // Heaviest edges first: a hint to Graphviz's layout.
        for e in g.sortedEdges(outEdges, names: names) {
            let edge = g.edges[e]
            let from = edge.src < g.nodes.count ? edge.src + 1 : 0
            let to = edge.dest < g.nodes.count ? edge.dest + 1 : 0
            b.addEdge(edge, from: from, to: to, srcName: names[edge.src], destName: names[edge.dest],
                      hasNodelets: edge.src < g.nodes.count && hasNodelets[edge.src])
        }
        b.out += "}\n"
        return b.out
    }
}

/// Writes pprof's DOT elements (`internal/graph/dotgraph.go` builder).
struct DotBuilder {
    let report: Report
    let total: Int64
    var out = ""

    init(report: Report, total: Int64) {
        self.report = report
        self.total = total
    }

    func format(_ v: Int64) -> String { report.formatValue(v) }

    mutating func start(title: String) {
        out += "digraph \"" + escapeForDot(title.isEmpty ? "unnamed" : title) + "\" {\n"
        out += "node [style=filled fillcolor=\"#f8f8f8\"]\n"
    }

    mutating func addLegend(_ labels: [String], title: String) {
        guard let first = labels.first else { return }
        out += "subgraph cluster_L { \"" + escapeForDot(first) + "\" [shape=box fontsize=16"
        out += " label=\"" + labels.map(escapeForDot).joined(separator: "\\l") + "\\l\""
        if !title.isEmpty { out += " tooltip=\"" + escapeForDot(title) + "\"" }
        out += "] }\n"
    }

    mutating func addNode(_ node: GraphNode, id: Int, maxFlat: Double) {
        let flat = node.flatValue()
        let cum = node.cumValue()
        var label = multilinePrintableName(node.info, compat: report.options.compat)
        let flatValue = format(flat)
        if flat != 0 {
            label += flatValue + " (" + trimmedPercentage(flat) + ")"
        } else {
            label += "0"
        }
        var cumValue = flatValue
        if cum != flat {
            label += flat != 0 ? "\\n" : " "
            cumValue = format(cum)
            label += "of " + cumValue + " (" + trimmedPercentage(cum) + ")"
        }
        // Font from 8 to 24 points, growing with the square root of the flat share.
        var fontSize = 8
        let absFlat = Double(goAbs(flat))
        if maxFlat != 0 && flat != 0 && absFlat <= maxFlat {
            // Go's abs keeps Int64.min negative, whose root is NaN: int(NaN) is Int64.min on amd64.
            fontSize = fontSize &+ Int(GoConvert.int64((16.0 * (absFlat / maxFlat).squareRoot()).rounded(.up)))
        }
        let score = Double(cum) / Double(goAbs(total))
        out += "N\(id) [label=\"\(label)\" id=\"node\(id)\" fontsize=\(fontSize) shape=box"
        out += " tooltip=\"\(escapeForDot(node.info.printableName())) (\(cumValue))\""
        out += " color=\"\(dotColor(score, background: false))\" fillcolor=\"\(dotColor(score, background: true))\"]\n"
    }

    private func trimmedPercentage(_ v: Int64) -> String {
        Measurement.percentage(v, total).trimmingCharacters(in: .whitespaces)
    }

    /// pprof `addNodelets`: up to four label-set boxes (flat tags for inner nodes, cum tags
    /// for leaves), each with its numeric tags, then numeric tags not tied to a label set.
    mutating func addNodelets(_ node: GraphNode, id: Int, tags: NodeTags) -> Bool {
        var nodelets = ""
        let flatTags = !node.outEdges.isEmpty
        let ts = sortTags(Array(tags.labels.values), flat: flatTags).prefix(maxNodelets)
        for (i, t) in ts.enumerated() {
            let w = flatTags ? t.flatValue() : t.cumValue()
            if w == 0 { continue }
            let weight = format(w)
            nodelets += "N\(id)_\(i) [label = \"\(t.name)\" id=\"N\(id)_\(i)\" fontsize=8 shape=box3d tooltip=\"\(weight)\"]\n"
            nodelets += "N\(id) -> N\(id)_\(i) [label=\" \(weight)\" weight=100 tooltip=\"\(weight)\" labeltooltip=\"\(weight)\"]\n"
            if let nts = tags.numeric[t.name], !nts.isEmpty {
                nodelets += numericNodelets(Array(nts.values), flatTags: flatTags, source: "N\(id)_\(i)")
            }
        }
        if let nts = tags.numeric[""], !nts.isEmpty {
            nodelets += numericNodelets(Array(nts.values), flatTags: flatTags, source: "N\(id)")
        }
        out += nodelets
        return !nodelets.isEmpty
    }

    private func numericNodelets(_ nts: [NodeTag], flatTags: Bool, source: String) -> String {
        var s = ""
        for (j, t) in collapsedTags(nts, count: maxNodelets, flatTags: flatTags).enumerated() {
            var w = t.cumValue()
            var attr = " style=\"dotted\""
            if flatTags || t.flatValue() == t.cumValue() {
                w = t.flatValue()
                attr = ""
            }
            if w == 0 { continue }
            let weight = format(w)
            let name = escapeForDot(t.name)
            s += "N\(source)_\(j) [label = \"\(name)\" id=\"N\(source)_\(j)\" fontsize=8 shape=box3d tooltip=\"\(weight)\"]\n"
            s += "\(source) -> N\(source)_\(j) [label=\" \(weight)\" weight=100 tooltip=\"\(weight)\" labeltooltip=\"\(weight)\"\(attr)]\n"
        }
        return s
    }

    /// pprof `collapsedTags`: more than `count` numeric tags are grouped around the
    /// heaviest `count`, each group labelled with its value range.
    private func collapsedTags(_ ts: [NodeTag], count: Int, flatTags: Bool) -> [NodeTag] {
        let sorted = sortTags(ts, flat: flatTags)
        if sorted.count <= count { return sorted }
        var groups = sorted[0..<count].map { [$0] }
        for t in sorted[count...] {
            var g = 0
            var d = tagDistance(t, groups[0][0])
            for i in 1..<count {
                let nd = tagDistance(t, groups[i][0])
                if nd < d {
                    g = i
                    d = nd
                }
            }
            groups[g].append(t)
        }
        return sortTags(groups.map(tagGroup), flat: flatTags)
    }

    private func tagDistance(_ t: NodeTag, _ u: NodeTag) -> Double {
        let v = Measurement.scale(u.value, from: u.unit, to: t.unit).0
        return v < Double(t.value) ? Double(t.value) - v : v - Double(t.value)
    }

    private func tagGroup(_ g: [NodeTag]) -> NodeTag {
        let first = g[0]
        if g.count == 1 {
            return NodeTag(name: Measurement.label(first.value, unit: first.unit), flat: first.flatValue(), cum: first.cumValue())
        }
        var lo = first
        var hi = first
        var f = first.flat, df = first.flatDiv, c = first.cum, dc = first.cumDiv
        for t in g.dropFirst() {
            if GoConvert.int64(Measurement.scale(t.value, from: t.unit, to: lo.unit).0) < lo.value { lo = t }
            if GoConvert.int64(Measurement.scale(t.value, from: t.unit, to: hi.unit).0) > hi.value { hi = t }
            f = f &+ t.flat
            df = df &+ t.flatDiv
            c = c &+ t.cum
            dc = dc &+ t.cumDiv
        }
        if df != 0 { f = goDiv(f, df) }
        if dc != 0 { c = goDiv(c, dc) }
        // Tag values keep their own unit: scaled to the report's, small tags would read "0..0".
        let name = Measurement.label(lo.value, unit: lo.unit) + ".." + Measurement.label(hi.value, unit: hi.unit)
        return NodeTag(name: name, flat: f, cum: c)
    }

    /// pprof `addEdge`: weight and pen width grow with the edge's share of the total;
    /// inlined calls are marked, residual (trimmed-through) edges dotted.
    mutating func addEdge(_ edge: GraphEdge, from: Int, to: Int, srcName: String, destName: String, hasNodelets: Bool) {
        let wv = edge.weightValue()
        let w = format(wv)
        var attr = "label=\" \(w)\(edge.inline ? "\\n (inline)" : "")\""
        if total != 0 {
            let weight = 1 &+ Int(Swift.min(goAbs(goDiv(wv &* 100, total)), 100))
            if weight > 1 { attr += " weight=\(weight)" }
            let width = 1 &+ Int(Swift.min(goAbs(goDiv(wv &* 5, total)), 5))
            if width > 1 { attr += " penwidth=\(width)" }
            attr += " color=\"\(dotColor(Double(wv) / Double(goAbs(total)), background: false))\""
        }
        let arrow = edge.residual ? "..." : "->"
        let tooltip = "\"\(escapeForDot(srcName)) \(arrow) \(escapeForDot(destName)) (\(w))\""
        attr += " tooltip=\(tooltip) labeltooltip=\(tooltip)"
        if edge.residual { attr += " style=\"dotted\"" }
        if hasNodelets { attr += " minlen=2" }
        out += "N\(from) -> N\(to) [\(attr)]\n"
    }
}
