import PprofModel

/// pprof's call-tree graph (`graph.newTree`), honoured for `-dot` and `-callgrind` with
/// `call_tree`: a function gets one node per distinct calling context. Each tree node's
/// `GraphNode.serial` indexes `tags` and `context`, which follow the nodes through sorting
/// and trimming.
struct CallTreeGraph {
    var graph: Graph
    /// Per serial: the node's label tags (dot nodelets).
    var tags: [NodeTags]
    /// Per serial: the whole-function node of its context (pprof's `Node.Function`): equal
    /// for the nodes of one function under one parent, different across contexts.
    var context: [Int]
}

extension Report {
    /// pprof `newTree`: per sample (skipping those whose value and divisor are both 0) the
    /// stack from the root, each frame found or added among its parent's children; every
    /// frame gets the sample's cum, the edge from its parent its weight (inline when the frame
    /// is an inlined line of its location), the leaf the flat. Zero nodes are detached
    /// (kept as edge endpoints, as pprof leaves them in its edge maps), and so are negative
    /// ones with drop_negative.
    func callTreeGraph() -> CallTreeGraph {
        let (mapper, _) = resolvedLocations(trimPasses: 1)
        struct Child: Hashable {
            var parent: Int
            var frame: Int32
        }
        struct Context: Hashable {
            var parent: Int
            var function: NodeInfo
        }
        var nodes: [GraphNode] = []
        var parents: [Int] = []
        var edgeInline: [Bool] = []
        var edgeWeight: [(Int64, Int64)] = []
        var tags: [NodeTags] = []
        var context: [Int] = []
        var children: [Child: Int] = [:]
        var contexts: [Context: Int] = [:]
        let samples = profile.samples
        let vc = samples.valueCount
        let vi = options.sampleIndex
        let di = options.meanDivisorIndex
        let bytesUnit = options.numLabelUnits["bytes"] ?? ""
        for s in 0..<samples.count {
            let w: Int64 = vi >= 0 && vi < vc ? samples.value(s, vi) : 0
            let dw: Int64 = di.map { $0 >= 0 && $0 < vc ? samples.value(s, $0) : 0 } ?? 0
            if w == 0 && dw == 0 { continue }
            let (labelKey, numbers) = tagKey(samples.labels(s), bytesUnit: bytesUnit)
            let tagged = !labelKey.isEmpty || !numbers.isEmpty
            var parent = -1
            for loc in samples.stack(s).reversed() {
                let l = Int(loc)
                guard l >= 0 && l + 1 < mapper.start.count else { continue }
                let first = Int(mapper.start[l])
                let end = Int(mapper.start[l + 1])
                var j = end - 1
                while j >= first {
                    let id = mapper.ids[j]
                    let inline = j != end - 1
                    j -= 1
                    if id < 0 { continue }
                    let key = Child(parent: parent, frame: id)
                    let n: Int
                    if let known = children[key] {
                        n = known
                        if !inline { edgeInline[n] = false }
                    } else {
                        n = nodes.count
                        children[key] = n
                        let info = mapper.infos[Int(id)]
                        var whole = info
                        whole.address = 0
                        whole.lineno = 0
                        let ck = Context(parent: parent, function: whole)
                        if let c = contexts[ck] {
                            context.append(c)
                        } else {
                            contexts[ck] = contexts.count
                            context.append(contexts.count - 1)
                        }
                        var node = GraphNode(info: info)
                        node.serial = n
                        nodes.append(node)
                        parents.append(parent)
                        edgeInline.append(inline)
                        edgeWeight.append((0, 0))
                        tags.append(NodeTags())
                    }
                    nodes[n].cum &+= w
                    nodes[n].cumDiv &+= dw
                    if tagged { tags[n].add(labelKey: labelKey, numbers: numbers, w: w, dw: dw, flat: false) }
                    if parent >= 0 { edgeWeight[n] = (edgeWeight[n].0 &+ w, edgeWeight[n].1 &+ dw) }
                    parent = n
                }
            }
            if parent >= 0 {
                nodes[parent].flat &+= w
                nodes[parent].flatDiv &+= dw
                if tagged { tags[parent].add(labelKey: labelKey, numbers: numbers, w: w, dw: dw, flat: true) }
            }
        }
        // Visible nodes first, in creation order, then the detached ones.
        var position = [Int](repeating: 0, count: nodes.count)
        var visible: [GraphNode] = []
        var detached: [GraphNode] = []
        var isVisible = [Bool](repeating: false, count: nodes.count)
        for (i, n) in nodes.enumerated() {
            let negative = n.flat < 0 || (n.flat == 0 && n.cum < 0)
            isVisible[i] = !(n.cum == 0 && n.flat == 0) && !(options.dropNegative && negative)
            if isVisible[i] {
                position[i] = visible.count
                visible.append(n)
            }
        }
        for (i, n) in nodes.enumerated() where !isVisible[i] {
            position[i] = visible.count + detached.count
            detached.append(n)
        }
        var g = Graph(nodes: visible, edges: [], detachedNodes: detached)
        for (i, p) in parents.enumerated() where p >= 0 {
            let e = g.edges.count
            let (weight, weightDiv) = edgeWeight[i]
            g.edges.append(GraphEdge(src: position[p], dest: position[i], weight: weight, weightDiv: weightDiv, inline: edgeInline[i]))
            g.mutateNode(position[p]) { $0.outEdges.append(e) }
            g.mutateNode(position[i]) { $0.inEdges.append(e) }
        }
        return CallTreeGraph(graph: g, tags: tags, context: context)
    }

    /// pprof `newTrimmedGraph` in call-tree mode: cut nodes under the node fraction by
    /// pointer (TrimTree instead of a rebuild), sort, keep the top `nodeCount` (tags and
    /// edges trimmed first), then the final tag and edge trimming and, for dot, redundant
    /// edges. Returns the graph, its nodes' tags (trimmed), the contexts by serial and the counts.
    func trimmedCallTree() -> (graph: Graph, tags: [NodeTags], context: [Int], origCount: Int, droppedNodes: Int, droppedEdges: Int) {
        let o = options
        let visualMode = o.outputFormat == .dot
        var tree = callTreeGraph()
        var g = tree.graph
        // Only `g` holds the nodes now, so sorting and trimming change them in place.
        tree.graph = Graph()
        let totalValue = g.sum().flat
        let nodeCutoff = goAbs(GoConvert.int64(Double(totalValue) * o.nodeFraction))
        let edgeCutoff = goAbs(GoConvert.int64(Double(totalValue) * o.edgeFraction))
        var droppedNodes = 0
        if nodeCutoff > 0 {
            let kept = g.nodes.indices.map { goAbs(g.nodes[$0].cum) >= nodeCutoff }
            let count = kept.filter { $0 }.count
            if count != g.nodes.count {
                droppedNodes = g.nodes.count - count
                g.trimTree(kept)
            }
        }
        let origCount = g.nodes.count
        g.sortNodes(cum: o.cumSort, visualMode: visualMode)
        func trimTags() { for i in g.nodes.indices { tree.tags[g.nodes[i].serial].trim(nodeCutoff) } }
        if o.nodeCount > 0 {
            trimTags()
            _ = g.trimLowFrequencyEdges(edgeCutoff)
            let tagCounts = visualMode ? g.nodes.indices.map { tree.tags[g.nodes[$0].serial].flatCount } : nil
            let top = g.topNodeCount(o.nodeCount, visualMode: visualMode, tagCounts: tagCounts)
            if top != g.nodes.count {
                g.trimTree(g.nodes.indices.map { $0 < top })
                g.sortNodes(cum: o.cumSort, visualMode: visualMode)
            }
        }
        trimTags()
        let droppedEdges = g.trimLowFrequencyEdges(edgeCutoff)
        if visualMode { g.removeRedundantEdges() }
        return (g, g.nodes.indices.map { tree.tags[g.nodes[$0].serial] }, tree.context, origCount, droppedNodes, droppedEdges)
    }
}

extension Graph {
    /// Applies `body` to the node at edge endpoint `i`, visible or detached.
    mutating func mutateNode(_ i: Int, _ body: (inout GraphNode) -> Void) {
        if i < nodes.count { body(&nodes[i]) } else { body(&detachedNodes[i - nodes.count]) }
    }

    /// pprof `TrimTree`: keeps the visible nodes marked in `kept`. A dropped root's children
    /// become roots; a dropped inner node's children hang from its parent by a residual edge,
    /// inline only when both edges were. Then redundant edges go.
    mutating func trimTree(_ kept: [Bool]) {
        var removed = [Bool](repeating: false, count: edges.count)
        for i in nodes.indices where !kept[i] {
            let outs = nodes[i].outEdges.filter { !removed[$0] }
            guard let pe = nodes[i].inEdges.first(where: { !removed[$0] }) else {
                for e in outs {
                    removed[e] = true
                    mutateNode(edges[e].dest) { $0.inEdges.removeAll { $0 == e } }
                }
                continue
            }
            let parent = edges[pe].src
            let parentInline = edges[pe].inline
            removed[pe] = true
            mutateNode(parent) { $0.outEdges.removeAll { $0 == pe } }
            for e in outs {
                edges[e].src = parent
                edges[e].residual = true
                edges[e].inline = parentInline && edges[e].inline
                mutateNode(parent) { $0.outEdges.append(e) }
            }
            nodes[i].outEdges = []
            nodes[i].inEdges = []
        }
        // Drop the nodes, renumbering edge endpoints (detached ones move down too).
        var newIndex = [Int](repeating: -1, count: nodes.count + detachedNodes.count)
        var next = 0
        for i in nodes.indices where kept[i] {
            newIndex[i] = next
            next += 1
        }
        for d in detachedNodes.indices { newIndex[nodes.count + d] = next + d }
        nodes = nodes.indices.filter { kept[$0] }.map { nodes[$0] }
        for e in edges.indices {
            if newIndex[edges[e].src] >= 0 { edges[e].src = newIndex[edges[e].src] }
            if newIndex[edges[e].dest] >= 0 { edges[e].dest = newIndex[edges[e].dest] }
        }
        removeEdges(removed)
        removeRedundantEdges()
    }
}

