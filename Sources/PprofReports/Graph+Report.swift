import PprofModel

extension Report {
    /// pprof `report.newGraph`: trims source paths, builds nodes per the output format
    /// (binary names kept only for raw/list/callgrind), and keeps only `keptNodes` if given.
    package func newGraph(keptNodes: Set<NodeInfo>?) -> Graph {
        buildGraph(keptNodes: keptNodes, trimPasses: 1, edgeMode: .all)
    }

    /// pprof `newTrimmedGraph`: returns (graph, origCount, droppedNodes, droppedEdges).
    package func newTrimmedGraph() -> (Graph, Int, Int, Int) {
        let t = trimmedGraph(edgeMode: .all)
        return (t.graph, t.origCount, t.droppedNodes, t.droppedEdges)
    }

    /// pprof rewrites `Function.filename` in place on every `newGraph` call, so the k-th
    /// graph of one report sees the path trimmed k times; `trimPasses` reproduces that.
    func buildGraph(keptNodes: Set<NodeInfo>?, trimPasses: Int, edgeMode: GraphEdgeMode) -> Graph {
        var o = GraphOptions()
        o.sampleIndex = options.sampleIndex
        o.meanDivisorIndex = options.meanDivisorIndex
        o.dropNegative = options.dropNegative
        o.keptNodes = keptNodes
        o.edgeMode = edgeMode
        switch options.outputFormat {
        case .raw, .list, .webList, .dis, .callgrind: o.objNames = true
        default: break
        }
        o.functionFiles = profile.functions.map { f in
            var name = f.filename
            for _ in 0..<trimPasses {
                let next = PprofReports.trimPath(name, trimPath: options.trimPath, searchPath: options.sourcePath)
                if goEqual(next, name) { break }
                name = next
            }
            return name
        }
        return Graph.build(profile, o)
    }

    /// The trimmed graph with pprof's refinement steps: drop nodes under the node
    /// fraction, sort, keep the top `nodeCount`, and drop light edges. Each step that
    /// removes nodes rebuilds from the samples, as pprof does, so values stay exact.
    ///
    /// Edges are only accumulated for the graph that is returned (or when the entropy order
    /// needs them): the first full pass over the samples is then a cheap node-only pass.
    func trimmedGraph(edgeMode: GraphEdgeMode) -> (graph: Graph, origCount: Int, droppedNodes: Int, droppedEdges: Int) {
        let o = options
        let visualMode = o.outputFormat == .dot
        var passes = 1
        var kept: Set<NodeInfo>?
        // Without node trimming the first graph is also the last: build its edges at once.
        let untrimmed = o.nodeFraction == 0 && o.nodeCount <= 0
        var g = buildGraph(keptNodes: nil, trimPasses: passes, edgeMode: untrimmed ? edgeMode : .none)
        var hasEdges = edgeMode == .none || untrimmed
        let totalValue = g.sum().flat
        let nodeCutoff = goAbs(GoConvert.int64(Double(totalValue) * o.nodeFraction))
        let edgeCutoff = goAbs(GoConvert.int64(Double(totalValue) * o.edgeFraction))
        var droppedNodes = 0
        if nodeCutoff > 0 {
            let k = g.discardLowFrequencyNodes(nodeCutoff)
            if k.count != g.nodes.count {
                droppedNodes = g.nodes.count - k.count
                passes += 1
                kept = k
                // The kept nodes all have a non-zero cum, so this graph has k.count nodes;
                // when the node count cannot cut it further, it is the last one.
                let last = !visualMode && (o.nodeCount <= 0 || o.nodeCount >= k.count)
                g = buildGraph(keptNodes: k, trimPasses: passes, edgeMode: last ? edgeMode : .none)
                hasEdges = hasEdges || last
            }
        }
        let origCount = g.nodes.count
        if visualMode && !hasEdges {
            g = buildGraph(keptNodes: kept, trimPasses: passes, edgeMode: edgeMode)
            hasEdges = true
        }
        g.sortNodes(cum: o.cumSort, visualMode: visualMode)
        // pprof trims light edges before picking the top nodes; if no rebuild follows,
        // its final trim then finds nothing more to drop.
        var edgesTrimmedEarly = false
        if o.nodeCount > 0 {
            if hasEdges { _ = g.trimLowFrequencyEdges(edgeCutoff) }
            edgesTrimmedEarly = true
            let k = g.selectTopNodes(o.nodeCount, visualMode: visualMode)
            if k.count != g.nodes.count {
                passes += 1
                kept = k
                g = buildGraph(keptNodes: k, trimPasses: passes, edgeMode: edgeMode)
                hasEdges = true
                edgesTrimmedEarly = false
                g.sortNodes(cum: o.cumSort, visualMode: visualMode)
            }
        }
        if !hasEdges {
            // The same nodes and values again, now with edges; the order is total, so
            // sorting again restores it.
            g = buildGraph(keptNodes: kept, trimPasses: passes, edgeMode: edgeMode)
            g.sortNodes(cum: o.cumSort, visualMode: visualMode)
        }
        var droppedEdges = g.trimLowFrequencyEdges(edgeCutoff)
        if edgesTrimmedEarly { droppedEdges = 0 }
        if visualMode { g.removeRedundantEdges() }
        return (g, origCount, droppedNodes, droppedEdges)
    }
}
