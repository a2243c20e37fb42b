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
        var (all, o) = resolvedLocations(trimPasses: trimPasses)
        o.keptNodes = keptNodes
        o.edgeMode = edgeMode
        return Graph.build(profile, keptNodes.map { all.keeping($0) } ?? all, o)
    }

    /// The profile's locations resolved to node infos as the report's graphs see them
    /// (binary names per output format, source paths trimmed `trimPasses` times), and the
    /// graph options that go with them.
    func resolvedLocations(trimPasses: Int) -> (LocationNodes, GraphOptions) {
        var o = GraphOptions()
        o.sampleIndex = options.sampleIndex
        o.meanDivisorIndex = options.meanDivisorIndex
        o.dropNegative = options.dropNegative
        o.parallelMinSamples = options.graphParallelMinSamples
        o.stillWanted = stillWanted
        switch options.outputFormat {
        case .raw, .list, .webList, .dis, .callgrind: o.objNames = true
        default: break
        }
        // Later passes trim the names again; when that changes none, the first pass's
        // mapping serves them all.
        let trim = fileTrim(passes: trimPasses > 1 && trimmingIsStable() ? 1 : trimPasses)
        o.fileTrim = trim
        let base = o
        let key = LocationNodesCache.Key(objNames: o.objNames, origFnNames: o.origFnNames, trim: trim)
        return (nodeCache.nodes(key, profile) { LocationNodes(profile, base) }, o)
    }

    /// The report's source-path trimming, applied `passes` times.
    func fileTrim(passes: Int) -> FileTrim {
        FileTrim(trimPath: options.trimPath, searchPath: options.sourcePath, passes: passes)
    }

    /// True when trimming the paths again changes no file name, so every later graph build
    /// sees the same node infos as the first one.
    func trimmingIsStable() -> Bool {
        nodeCache.trimmingIsStable(fileTrim(passes: 1), profile.functions)
    }

    /// The trimmed graph with pprof's refinement steps (`newTrimmedGraph`): drop nodes under
    /// the node fraction, sort, keep the top `nodeCount`, and drop light edges. Each step that
    /// removes nodes rebuilds from the samples, as pprof does, so values stay exact. In visual
    /// mode (`dot`) the graph always has its edges (the entropy order reads them), each node's
    /// tags count when choosing the top nodes, redundant edges go, and the tags of the final
    /// graph come back with it (empty otherwise).
    ///
    /// Edges are only accumulated for the graph that is returned (or when the entropy order
    /// needs them): the first full pass over the samples is then a cheap node-only pass.
    /// A rebuild that needs no edges is skipped altogether: keeping fewer nodes changes no
    /// kept node's flat or cum (see `Graph.keeping`).
    func trimmedGraph(edgeMode: GraphEdgeMode)
        -> (graph: Graph, tags: [NodeTags], origCount: Int, droppedNodes: Int, droppedEdges: Int)
    {
        let o = options
        let visualMode = o.outputFormat == .dot
        var passes = 1
        var kept: Set<NodeInfo>?
        // Without node trimming the first graph is also the last: build its edges at once.
        let untrimmed = o.nodeFraction == 0 && o.nodeCount <= 0
        let edgesFirst = untrimmed || visualMode
        var g = buildGraph(keptNodes: nil, trimPasses: passes, edgeMode: edgesFirst ? edgeMode : .none)
        var hasEdges = edgeMode == .none || edgesFirst
        var stable: Bool?
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
                let last = visualMode || o.nodeCount <= 0 || o.nodeCount >= k.count
                let mode = last ? edgeMode : .none
                if g.canKeepWithoutRebuild(k, edgeMode: mode, stable: &stable, self) {
                    g = g.keeping(k)
                } else {
                    g = buildGraph(keptNodes: k, trimPasses: passes, edgeMode: mode)
                }
                hasEdges = hasEdges || last
            }
        }
        let origCount = g.nodes.count
        // The node order before sorting, which is the order a rebuild would create them in
        // (only the node count uses it; held otherwise, it makes the sort copy every node).
        let unsorted = o.nodeCount > 0 ? g : Graph()
        g.sortNodes(cum: o.cumSort, visualMode: visualMode)
        // pprof trims light edges before picking the top nodes; if no rebuild follows,
        // its final trim then finds nothing more to drop.
        var edgesTrimmedEarly = false
        if o.nodeCount > 0 {
            if hasEdges { _ = g.trimLowFrequencyEdges(edgeCutoff) }
            edgesTrimmedEarly = true
            // pprof trims each node's tags before counting them for the selection.
            let tagCounts = visualMode ? trimmedNodeTags(for: g, trimPasses: passes, cutoff: nodeCutoff).map(\.flatCount) : nil
            let k = g.selectTopNodes(o.nodeCount, visualMode: visualMode, tagCounts: tagCounts)
            if k.count != g.nodes.count {
                passes += 1
                kept = k
                if unsorted.canKeepWithoutRebuild(k, edgeMode: edgeMode, stable: &stable, self) {
                    g = unsorted.keeping(k)
                } else {
                    g = buildGraph(keptNodes: k, trimPasses: passes, edgeMode: edgeMode)
                }
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
        var tags: [NodeTags] = []
        if visualMode {
            tags = trimmedNodeTags(for: g, trimPasses: passes, cutoff: nodeCutoff)
            g.removeRedundantEdges()
        }
        return (g, tags, origCount, droppedNodes, droppedEdges)
    }
}

extension Graph {
    /// The graph a rebuild keeping only `kept` would give when it records no edges: a node's
    /// cum counts the samples through it and its flat the samples it is the leaf of, and
    /// dropping other nodes changes neither (a dropped leaf makes the sample residual, so
    /// no kept node takes its flat). Nodes stay in their current relative order, which is
    /// the order a rebuild creates them in when this graph is unsorted.
    func keeping(_ kept: Set<NodeInfo>) -> Graph {
        var g = Graph()
        g.nodes.reserveCapacity(kept.count)
        for var n in nodes where kept.contains(n.info) {
            n.inEdges = []
            n.outEdges = []
            g.nodes.append(n)
        }
        return g
    }

    /// Whether `keeping(kept)` equals a rebuild with `edgeMode`: the rebuild must record no
    /// edges (none asked for, or only inline ones and no kept node is ever inlined), and its
    /// node infos must be this graph's (path trimming, redone per build, changes nothing;
    /// `stable` caches that answer).
    func canKeepWithoutRebuild(_ kept: Set<NodeInfo>, edgeMode: GraphEdgeMode, stable: inout Bool?, _ report: Report)
        -> Bool
    {
        switch edgeMode {
        case .all:
            return false
        case .inlinedCallees:
            if nodes.contains(where: { $0.appearsInlined && kept.contains($0.info) }) { return false }
        case .none:
            break
        }
        if stable == nil { stable = report.trimmingIsStable() }
        return stable ?? false
    }
}
