import PprofModel

/// Which edges a graph build records. Text `top` only needs the edges into nodes that are
/// ever inlined (for its "(inline)" markers), so it skips the rest of the edge work.
package enum GraphEdgeMode: Sendable {
    case all
    case inlinedCallees
    case none
}

/// pprof `graph.Options` for the (non call-tree) graph.
package struct GraphOptions: Sendable {
    package var sampleIndex: Int = 0
    package var meanDivisorIndex: Int?
    /// Keep the binary name (and start line) in every node, not only nameless ones.
    package var objNames = false
    /// Keep the system (mangled) name as `origName`.
    package var origFnNames = false
    package var dropNegative = false
    /// When set, frames whose info is not in here are left out (their edges become residual).
    package var keptNodes: Set<NodeInfo>?
    package var edgeMode: GraphEdgeMode = .all
    /// File name per function, already trimmed; nil means `Function.filename`.
    package var functionFiles: [String]?

    package init() {}
}

extension Graph {
    /// pprof `graph.New` without call-tree mode: one node per distinct NodeInfo; cum counts
    /// each sample once per node however often it recurses, flat goes to the leaf, and edges
    /// record caller -> callee weights with pprof's residual/inline merging.
    package static func build(_ profile: Profile, _ o: GraphOptions) -> Graph {
        let mapper = LocationNodes(profile, o)
        var acc = GraphAccumulator(nodeCount: mapper.infos.count, inlinable: mapper.inlinable, mode: o.edgeMode)
        acc.run(profile.samples, mapper: mapper, valueIndex: o.sampleIndex, divisorIndex: o.meanDivisorIndex)
        return acc.finish(infos: mapper.infos, dropNegative: o.dropNegative)
    }
}

/// Every location's frames resolved to node ids once, so the sample walk touches integers only.
struct LocationNodes {
    /// Nodes of location `l` are `ids[start[l]..<start[l+1]]`, callee first as in the
    /// location's lines; -1 marks a frame not kept.
    var start: [Int32] = [0]
    var ids: [Int32] = []
    var infos: [NodeInfo] = []
    /// Nodes that appear as an inlined (not outermost) frame of some location.
    var inlinable: [Bool] = []

    init(_ p: Profile, _ o: GraphOptions) {
        var intern: [NodeInfo: Int32] = [:]
        intern.reserveCapacity(p.functions.count + 16)
        start.reserveCapacity(p.locations.count + 1)
        ids.reserveCapacity(p.locations.count)
        var cleanFiles = [String?](repeating: nil, count: p.functions.count)
        for loc in p.locations {
            var objfile = ""
            if loc.mapping >= 0 && Int(loc.mapping) < p.mappings.count {
                objfile = p.mappings[Int(loc.mapping)].file
            }
            let lineCount = Swift.max(loc.lines.count, 1)
            for ln in 0..<lineCount {
                var info = NodeInfo(address: loc.address, objfile: objfile)
                if ln < loc.lines.count {
                    let line = loc.lines[ln]
                    let fi = Int(line.function)
                    if fi >= 0 && fi < p.functions.count {
                        let fn = p.functions[fi]
                        info = NodeInfo(name: fn.name, address: loc.address, lineno: Int(truncatingIfNeeded: line.line))
                        if let cached = cleanFiles[fi] {
                            info.file = cached
                        } else {
                            var raw = fn.filename
                            if let files = o.functionFiles, fi < files.count { raw = files[fi] }
                            let clean = raw.isEmpty ? "" : goPathClean(raw)
                            cleanFiles[fi] = clean
                            info.file = clean
                        }
                        if o.origFnNames { info.origName = fn.systemName }
                        if o.objNames || (info.name.isEmpty && info.origName.isEmpty) {
                            info.objfile = objfile
                            info.startLine = Int(truncatingIfNeeded: fn.startLine)
                        }
                    }
                }
                var id: Int32 = -1
                if o.keptNodes?.contains(info) ?? true {
                    if let found = intern[info] {
                        id = found
                    } else {
                        id = Int32(infos.count)
                        intern[info] = id
                        infos.append(info)
                        inlinable.append(false)
                    }
                    if ln < lineCount - 1 { inlinable[Int(id)] = true }
                }
                ids.append(id)
            }
            start.append(Int32(ids.count))
        }
    }
}

/// The per-sample walk: plain arrays indexed by node id, stamps instead of "seen" sets.
struct GraphAccumulator {
    var flat: [Int64]
    var flatDiv: [Int64]
    var cum: [Int64]
    var cumDiv: [Int64]
    let inlinable: [Bool]
    let mode: GraphEdgeMode
    var edges: EdgeTable

    init(nodeCount: Int, inlinable: [Bool], mode: GraphEdgeMode) {
        flat = [Int64](repeating: 0, count: nodeCount)
        flatDiv = flat
        cum = flat
        cumDiv = flat
        self.inlinable = inlinable
        self.mode = mode
        edges = EdgeTable(nodeCount: nodeCount)
    }

    mutating func run(_ samples: SampleTable, mapper: LocationNodes, valueIndex: Int, divisorIndex: Int?) {
        let nodeCount = flat.count
        let vc = samples.valueCount
        let hasValue = valueIndex >= 0 && valueIndex < vc
        let divIndex = divisorIndex.flatMap { $0 >= 0 && $0 < vc ? $0 : nil }
        let trackAll = mode == .all
        let trackAny = mode != .none
        var nodeStamp = [Int](repeating: -1, count: nodeCount)
        let locCount = mapper.start.count - 1
        mapper.start.withUnsafeBufferPointer { start in
            mapper.ids.withUnsafeBufferPointer { ids in
                samples.stacks.withUnsafeBufferPointer { stacks in
                    samples.values.withUnsafeBufferPointer { values in
                        for s in 0..<samples.count {
                            let w: Int64 = hasValue ? values[s * vc + valueIndex] : 0
                            let dw: Int64 = divIndex.map { values[s * vc + $0] } ?? 0
                            if w == 0 && dw == 0 { continue }
                            var parent: Int32 = -1
                            var residual = false
                            let lo = samples.stackOffsets[s]
                            var k = samples.stackOffsets[s + 1] - 1
                            while k >= lo {
                                let loc = Int(stacks[k])
                                k -= 1
                                guard loc >= 0 && loc < locCount else { continue }
                                let a = Int(start[loc])
                                var j = Int(start[loc + 1]) - 1
                                let outer = j
                                while j >= a {
                                    let n = ids[j]
                                    let isInline = j != outer
                                    j -= 1
                                    if n < 0 {
                                        residual = true
                                        continue
                                    }
                                    let ni = Int(n)
                                    if nodeStamp[ni] != s {
                                        nodeStamp[ni] = s
                                        cum[ni] = cum[ni] &+ w
                                        cumDiv[ni] = cumDiv[ni] &+ dw
                                    }
                                    if trackAny && parent >= 0 && n != parent && (trackAll || inlinable[ni]) {
                                        edges.add(
                                            src: parent, dest: n, sample: s, w: w, dw: dw, residual: residual,
                                            inline: isInline)
                                    }
                                    parent = n
                                    residual = false
                                }
                            }
                            if parent >= 0 && !residual {
                                let p = Int(parent)
                                flat[p] = flat[p] &+ w
                                flatDiv[p] = flatDiv[p] &+ dw
                            }
                        }
                    }
                }
            }
        }
    }

    /// pprof `selectNodesForGraph`: nodes with any value (and not negative under
    /// drop_negative) are listed; others that edges still touch become detached.
    func finish(infos: [NodeInfo], dropNegative: Bool) -> Graph {
        let count = infos.count
        var visible = [Bool](repeating: false, count: count)
        var hasEdge = [Bool](repeating: false, count: count)
        for e in 0..<edges.count {
            hasEdge[Int(edges.src[e])] = true
            hasEdge[Int(edges.dest[e])] = true
        }
        var newIndex = [Int](repeating: -1, count: count)
        var g = Graph()
        for i in 0..<count {
            if cum[i] == 0 && flat[i] == 0 { continue }
            if dropNegative && (flat[i] < 0 || (flat[i] == 0 && cum[i] < 0)) { continue }
            visible[i] = true
            newIndex[i] = g.nodes.count
            g.nodes.append(makeNode(i, infos[i]))
        }
        for i in 0..<count where !visible[i] && hasEdge[i] {
            newIndex[i] = g.nodes.count + g.detachedNodes.count
            g.detachedNodes.append(makeNode(i, infos[i]))
        }
        let visibleCount = g.nodes.count
        g.edges.reserveCapacity(edges.count)
        for e in 0..<edges.count {
            let s = newIndex[Int(edges.src[e])]
            let d = newIndex[Int(edges.dest[e])]
            let idx = g.edges.count
            g.edges.append(
                GraphEdge(
                    src: s, dest: d, weight: edges.weight[e], weightDiv: edges.weightDiv[e],
                    residual: edges.residual[e], inline: edges.inline[e]))
            if s < visibleCount { g.nodes[s].outEdges.append(idx) } else { g.detachedNodes[s - visibleCount].outEdges.append(idx) }
            if d < visibleCount { g.nodes[d].inEdges.append(idx) } else { g.detachedNodes[d - visibleCount].inEdges.append(idx) }
        }
        return g
    }

    private func makeNode(_ i: Int, _ info: NodeInfo) -> GraphNode {
        var n = GraphNode(info: info)
        n.flat = flat[i]
        n.flatDiv = flatDiv[i]
        n.cum = cum[i]
        n.cumDiv = cumDiv[i]
        return n
    }
}

/// Edges as parallel arrays, found by an open-addressing table keyed by the packed
/// (src, dest) pair, after a one-entry cache per destination that catches most repeats.
struct EdgeTable {
    var src: [Int32] = []
    var dest: [Int32] = []
    var weight: [Int64] = []
    var weightDiv: [Int64] = []
    var residual: [Bool] = []
    var inline: [Bool] = []
    private var stamp: [Int] = []
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var slots = [Int32](repeating: -1, count: 1024)
    private var lastByDest: [Int32]

    init(nodeCount: Int) { lastByDest = [Int32](repeating: -1, count: nodeCount) }

    var count: Int { src.count }

    @inline(__always)
    private static func hash(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds one sample's contribution to src -> dest, once per sample (pprof's seenEdge):
    /// residual sticks once set, inline holds only while every contribution was inlined.
    @inline(__always)
    mutating func add(src s: Int32, dest d: Int32, sample: Int, w: Int64, dw: Int64, residual r: Bool, inline inl: Bool) {
        var e = Int(lastByDest[Int(d)])
        if e < 0 || src[e] != s {
            e = lookup(s, d)
            if e < 0 {
                lastByDest[Int(d)] = Int32(src.count)
                insert(s, d, sample: sample, w: w, dw: dw, residual: r, inline: inl)
                return
            }
            lastByDest[Int(d)] = Int32(e)
        }
        if stamp[e] == sample { return }
        stamp[e] = sample
        weight[e] = weight[e] &+ w
        weightDiv[e] = weightDiv[e] &+ dw
        if r { residual[e] = true }
        if !inl { inline[e] = false }
    }

    @inline(__always)
    private static func key(_ s: Int32, _ d: Int32) -> UInt64 {
        // +1 keeps every key non-zero, zero marks an empty slot.
        (UInt64(UInt32(bitPattern: s)) << 32 | UInt64(UInt32(bitPattern: d))) &+ 1
    }

    private func lookup(_ s: Int32, _ d: Int32) -> Int {
        let key = Self.key(s, d)
        let mask = keys.count - 1
        var h = Self.hash(key, mask)
        while true {
            let k = keys[h]
            if k == key { return Int(slots[h]) }
            if k == 0 { return -1 }
            h = (h + 1) & mask
        }
    }

    private mutating func insert(_ s: Int32, _ d: Int32, sample: Int, w: Int64, dw: Int64, residual r: Bool, inline inl: Bool) {
        let key = Self.key(s, d)
        let mask = keys.count - 1
        var h = Self.hash(key, mask)
        while keys[h] != 0 { h = (h + 1) & mask }
        keys[h] = key
        slots[h] = Int32(src.count)
        src.append(s)
        dest.append(d)
        weight.append(w)
        weightDiv.append(dw)
        residual.append(r)
        inline.append(inl)
        stamp.append(sample)
        if src.count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let newSize = keys.count * 2
        var nk = [UInt64](repeating: 0, count: newSize)
        var ns = [Int32](repeating: -1, count: newSize)
        let mask = newSize - 1
        for (i, k) in keys.enumerated() where k != 0 {
            var h = Self.hash(k, mask)
            while nk[h] != 0 { h = (h + 1) & mask }
            nk[h] = k
            ns[h] = slots[i]
        }
        keys = nk
        slots = ns
    }
}
