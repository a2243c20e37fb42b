import PprofModel

/// One node of the call graph (pprof `graph.Node`): the samples of one `NodeInfo`.
package struct GraphNode: Sendable {
    package var info: NodeInfo
    package var flat: Int64 = 0
    package var flatDiv: Int64 = 0
    package var cum: Int64 = 0
    package var cumDiv: Int64 = 0
    /// Indices into `Graph.edges` of the edges reaching / leaving this node.
    package var inEdges: [Int] = []
    package var outEdges: [Int] = []
    /// Some location has this node as an inlined (not outermost) frame. Only such nodes
    /// can have inline in-edges, so a text report of nodes without it needs no edges.
    package var appearsInlined = false
    /// The node's id in a call tree (`CallTreeGraph`), which follows it through sorting and
    /// trimming; -1 in ordinary graphs.
    package var serial = -1

    package init(info: NodeInfo) { self.info = info }

    /// Flat value, divided by the mean divisor when there is one.
    package func flatValue() -> Int64 { flatDiv == 0 ? flat : goDiv(flat, flatDiv) }
    /// Cumulative value, divided by the mean divisor when there is one.
    package func cumValue() -> Int64 { cumDiv == 0 ? cum : goDiv(cum, cumDiv) }
}

/// A caller -> callee edge (pprof `graph.Edge`). `src`/`dest` are node indices: below
/// `Graph.nodes.count` they index `nodes`, above it `detachedNodes` (see `Graph.node(_:)`).
package struct GraphEdge: Sendable {
    package var src: Int
    package var dest: Int
    package var weight: Int64 = 0
    package var weightDiv: Int64 = 0
    /// The edge skips over nodes that were trimmed away.
    package var residual = false
    /// Every call along this edge was inlined into the caller.
    package var inline = false

    package init(src: Int, dest: Int, weight: Int64 = 0, weightDiv: Int64 = 0, residual: Bool = false, inline: Bool = false) {
        self.src = src
        self.dest = dest
        self.weight = weight
        self.weightDiv = weightDiv
        self.residual = residual
        self.inline = inline
    }

    package func weightValue() -> Int64 { weightDiv == 0 ? weight : goDiv(weight, weightDiv) }
}

/// pprof's `graph.Graph`: the nodes in report order, and the edges between them.
///
/// pprof drops nodes whose flat and cum are both zero (and negative ones with drop_negative)
/// from the node list but not from its neighbours' edge maps, so reports still name them as
/// callers or callees. Those nodes live in `detachedNodes`; an edge endpoint `i` with
/// `i >= nodes.count` means `detachedNodes[i - nodes.count]`. Use `node(_:)` to resolve either.
package struct Graph: Sendable {
    package var nodes: [GraphNode] = []
    package var edges: [GraphEdge] = []
    package var detachedNodes: [GraphNode] = []

    package init(nodes: [GraphNode] = [], edges: [GraphEdge] = [], detachedNodes: [GraphNode] = []) {
        self.nodes = nodes
        self.edges = edges
        self.detachedNodes = detachedNodes
    }

    /// The node at an edge endpoint, visible or detached.
    package func node(_ i: Int) -> GraphNode {
        i < nodes.count ? nodes[i] : detachedNodes[i - nodes.count]
    }

    /// Sum of raw flat and cum values of the visible nodes (pprof `Nodes.Sum`).
    package func sum() -> (flat: Int64, cum: Int64) {
        var f: Int64 = 0
        var c: Int64 = 0
        // By index: a for-in over the nodes copies each one (a retain per field).
        for i in nodes.indices {
            f = f &+ nodes[i].flat
            c = c &+ nodes[i].cum
        }
        return (f, c)
    }

    /// Infos of the nodes whose |cum| reaches `cutoff` (pprof `DiscardLowFrequencyNodes`).
    package func discardLowFrequencyNodes(_ cutoff: Int64) -> Set<NodeInfo> {
        Self.nodeSet(nodes[...], cutoff: cutoff)
    }

    static func nodeSet(_ ns: ArraySlice<GraphNode>, cutoff: Int64) -> Set<NodeInfo> {
        var kept = Set<NodeInfo>(minimumCapacity: ns.count)
        for n in ns where goAbs(n.cum) >= cutoff { kept.insert(n.info) }
        return kept
    }

    /// The first `maxNodes` nodes in the current order (pprof `SelectTopNodes`). In visual
    /// mode each node also counts its tags (capped), which shrinks the selection.
    package func selectTopNodes(_ maxNodes: Int, visualMode: Bool, tagCounts: [Int]? = nil) -> Set<NodeInfo> {
        Self.nodeSet(nodes[0..<topNodeCount(maxNodes, visualMode: visualMode, tagCounts: tagCounts)], cutoff: 0)
    }

    /// How many of the first nodes `selectTopNodes` keeps (pprof `selectTopNodes`).
    func topNodeCount(_ maxNodes: Int, visualMode: Bool, tagCounts: [Int]?) -> Int {
        var maxNodes = maxNodes
        if maxNodes > 0 && visualMode {
            var count = 0
            for i in nodes.indices {
                let tags = Swift.min(tagCounts.map { i < $0.count ? $0[i] : 0 } ?? 0, maxNodelets)
                count += tags + 1
                if count >= maxNodes {
                    maxNodes = i + 1
                    break
                }
            }
        }
        return Swift.max(0, Swift.min(maxNodes, nodes.count))
    }

    /// Removes in-edges of visible nodes lighter than `cutoff`; returns how many went
    /// (pprof `TrimLowFrequencyEdges`).
    package mutating func trimLowFrequencyEdges(_ cutoff: Int64) -> Int {
        var remove = [Bool](repeating: false, count: edges.count)
        var dropped = 0
        for i in nodes.indices {
            for e in nodes[i].inEdges where goAbs(edges[e].weight) < cutoff && !remove[e] {
                remove[e] = true
                dropped += 1
            }
        }
        if dropped > 0 { removeEdges(remove) }
        return dropped
    }

    /// Drops residual edges whose destination is reachable from the source another way,
    /// lightest first (pprof `RemoveRedundantEdges`).
    package mutating func removeRedundantEdges() {
        var removed = [Bool](repeating: false, count: edges.count)
        var any = false
        let names = EdgeNames(self)
        for i in stride(from: nodes.count - 1, through: 0, by: -1) {
            let sorted = sortedEdges(nodes[i].inEdges.filter { !removed[$0] }, names: names)
            for e in sorted.reversed() {
                if !edges[e].residual { break }
                if isRedundant(e, removed: removed) {
                    removed[e] = true
                    any = true
                }
            }
        }
        if any { removeEdges(removed) }
    }

    private func isRedundant(_ edge: Int, removed: [Bool]) -> Bool {
        let src = edges[edge].src
        let start = edges[edge].dest
        var seen = Set<Int>([start])
        var queue = [start]
        var head = 0
        while head < queue.count {
            let n = queue[head]
            head += 1
            for ie in node(n).inEdges where !removed[ie] && ie != edge {
                let s = edges[ie].src
                if seen.contains(s) { continue }
                if s == src { return true }
                seen.insert(s)
                queue.append(s)
            }
        }
        return false
    }

    /// Deletes the marked edges and renumbers the rest in every node's lists.
    mutating func removeEdges(_ remove: [Bool]) {
        var newIndex = [Int](repeating: -1, count: edges.count)
        var kept: [GraphEdge] = []
        kept.reserveCapacity(edges.count)
        for (i, e) in edges.enumerated() where !remove[i] {
            newIndex[i] = kept.count
            kept.append(e)
        }
        edges = kept
        func remap(_ list: [Int]) -> [Int] { list.compactMap { newIndex[$0] >= 0 ? newIndex[$0] : nil } }
        for i in nodes.indices {
            nodes[i].inEdges = remap(nodes[i].inEdges)
            nodes[i].outEdges = remap(nodes[i].outEdges)
        }
        for i in detachedNodes.indices {
            detachedNodes[i].inEdges = remap(detachedNodes[i].inEdges)
            detachedNodes[i].outEdges = remap(detachedNodes[i].outEdges)
        }
    }

    /// Puts the visible nodes in the order `perm` (new position -> old position), in place:
    /// each cycle of the permutation is walked with swaps, so no second node list is made.
    mutating func reorder(_ perm: [Int]) {
        var oldToNew = [Int](repeating: 0, count: nodes.count)
        for (newPos, old) in perm.enumerated() { oldToNew[old] = newPos }
        var done = [Bool](repeating: false, count: nodes.count)
        for i in perm.indices where !done[i] {
            // Slot j takes the node from perm[j]; the cycle's first node travels along.
            var j = i
            while true {
                done[j] = true
                let k = perm[j]
                if k == i { break }
                nodes.swapAt(j, k)
                j = k
            }
        }
        let visible = nodes.count
        for i in edges.indices {
            if edges[i].src < visible { edges[i].src = oldToNew[edges[i].src] }
            if edges[i].dest < visible { edges[i].dest = oldToNew[edges[i].dest] }
        }
    }
}

/// pprof caps the tags counted per node when selecting nodes for a visual graph.
let maxNodelets = 4

/// Printable names of every node, computed once for edge sorting.
struct EdgeNames {
    let names: [String]
    init(_ g: Graph) {
        names = g.nodes.map { $0.info.printableName() } + g.detachedNodes.map { $0.info.printableName() }
    }
    subscript(_ i: Int) -> String { i < names.count ? names[i] : "" }
}

extension Graph {
    /// Edges by |weight| descending, then source name, then destination name (pprof
    /// `EdgeMap.Sort`); the last tie-breaks make the order total.
    func sortedEdges(_ list: [Int], names: EdgeNames) -> [Int] {
        sortedEdges(list) { names[$0] }
    }

    /// `sortedEdges` naming the nodes through `name` (node index to printable name), which
    /// is asked only when weights tie: a caller can name nodes on demand.
    func sortedEdges(_ list: [Int], name names: (Int) -> String) -> [Int] {
        // Most nodes of a deep stack have one edge: no sorted copy.
        if list.count < 2 { return list }
        return list.sorted { a, b in
            let ea = edges[a]
            let eb = edges[b]
            if ea.weight != eb.weight {
                let x = goAbs(ea.weight)
                let y = goAbs(eb.weight)
                if x != y { return x > y }
            }
            let sa = names(ea.src)
            let sb = names(eb.src)
            if !goEqual(sa, sb) { return goLess(sa, sb) }
            let da = names(ea.dest)
            let db = names(eb.dest)
            if !goEqual(da, db) { return goLess(da, db) }
            if ea.weight != eb.weight { return ea.weight > eb.weight }
            return a < b
        }
    }

    /// The in-edges of visible node `i`, in pprof's printing order.
    package func sortedInEdges(of i: Int) -> [Int] { sortedEdges(nodes[i].inEdges, names: EdgeNames(self)) }
    /// The out-edges of visible node `i`, in pprof's printing order.
    package func sortedOutEdges(of i: Int) -> [Int] { sortedEdges(nodes[i].outEdges, names: EdgeNames(self)) }
}
