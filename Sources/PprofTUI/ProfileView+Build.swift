import PprofModel

/// Filters applied while aggregating when the shared report pipeline is unavailable
/// (pprof semantics: focus keeps samples through a match, ignore drops them, hide drops frames).
package struct ViewFilters: Sendable {
    package var focus: GoRegex?
    package var ignore: GoRegex?
    package var hide: GoRegex?
    package init(focus: GoRegex? = nil, ignore: GoRegex? = nil, hide: GoRegex? = nil) {
        self.focus = focus
        self.ignore = ignore
        self.hide = hide
    }
    var isEmpty: Bool { focus == nil && ignore == nil && hide == nil }
}

extension ProfileView {
    /// Aggregates `profile` in one linear pass over the flat sample arrays: node flat/cum,
    /// caller/callee edges, per-line costs and the icicle tree. Each node, edge and line is
    /// counted once per sample for cum (recursion does not double count), as pprof does.
    package static func build(
        profile p: Profile, sampleIndex: Int, total: Int64? = nil, granularity: String = "functions",
        outputUnit: String = "minimum", filters: ViewFilters = ViewFilters(), filterLabels: [String] = []
    ) -> ProfileView {
        var view = ProfileView()
        let si = (sampleIndex >= 0 && sampleIndex < p.samples.valueCount) ? sampleIndex : max(0, p.samples.valueCount - 1)
        if si < p.sampleTypes.count {
            view.sampleType = p.sampleTypes[si].type
            view.sampleUnit = p.sampleTypes[si].unit
        }
        view.outputUnit = outputUnit
        view.granularity = granularity
        view.filters = filterLabels

        // Node ids per location line, computed once per location (not per sample).
        var nodeIndex: [String: Int] = [:]
        var locStart = [Int](repeating: 0, count: p.locations.count + 1)
        var entryNode: [Int32] = []
        var entryLineCost: [Int32] = []
        var entryHidden: [Bool] = []
        var locFocus = [Bool](repeating: false, count: p.locations.count)
        var locIgnore = [Bool](repeating: false, count: p.locations.count)
        var lineCostIndex: [Int: Int32] = [:]
        var lineCostNode: [Int32] = []
        var lineCostLine: [Int] = []
        for (li, loc) in p.locations.enumerated() {
            locStart[li] = entryNode.count
            var frames = loc.lines
            if frames.isEmpty { frames = [Line(function: -1, line: 0)] }
            for line in frames {
                let fn: Function? = line.function >= 0 && Int(line.function) < p.functions.count ? p.functions[Int(line.function)] : nil
                let fname = fn.map { $0.name.isEmpty ? $0.systemName : $0.name } ?? ""
                let file = fn?.filename ?? ""
                let funcName = fname.isEmpty ? hexAddress(loc.address) : fname
                let key: String
                switch granularity {
                case "files": key = file.isEmpty ? funcName : file
                case "filefunctions": key = file.isEmpty ? funcName : funcName + " " + file
                case "lines", "addresses": key = file.isEmpty ? funcName : "\(funcName) \(file):\(line.line)"
                default: key = funcName
                }
                let id: Int
                if let existing = nodeIndex[key] {
                    id = existing
                } else {
                    id = view.nodes.count
                    nodeIndex[key] = id
                    view.nodes.append(Node(name: key, file: file, startLine: Int(fn?.startLine ?? 0)))
                }
                entryNode.append(Int32(id))
                let lk = id << 32 | Int(UInt32(truncatingIfNeeded: line.line))
                if let lc = lineCostIndex[lk] {
                    entryLineCost.append(lc)
                } else {
                    let lc = Int32(lineCostNode.count)
                    lineCostIndex[lk] = lc
                    lineCostNode.append(Int32(id))
                    lineCostLine.append(Int(line.line))
                    entryLineCost.append(lc)
                }
                let matchName = funcName
                entryHidden.append(filters.hide?.matches(matchName) ?? false)
                if filters.focus?.matches(matchName) ?? false { locFocus[li] = true }
                if filters.ignore?.matches(matchName) ?? false { locIgnore[li] = true }
            }
        }
        locStart[p.locations.count] = entryNode.count

        let nodeCount = view.nodes.count
        var flat = [Int64](repeating: 0, count: nodeCount)
        var cum = [Int64](repeating: 0, count: nodeCount)
        var nodeStamp = [Int](repeating: -1, count: nodeCount)
        var lineFlat = [Int64](repeating: 0, count: lineCostNode.count)
        var lineCum = [Int64](repeating: 0, count: lineCostNode.count)
        var lineStamp = [Int](repeating: -1, count: lineCostNode.count)
        var edgeIndex: [Int: Int] = [:]
        var edgeWeight: [Int64] = []
        var edgeStamp: [Int] = []
        var frameIndex: [Int: Int] = [:]
        var frames: [Frame] = [Frame(node: -1, parent: -1, depth: 0, cum: 0, flat: 0, children: [])]
        var buf: [Int32] = []
        var bufLine: [Int32] = []
        var shownTotal: Int64 = 0

        for s in 0..<p.samples.count {
            let v = p.samples.value(s, si)
            if v == 0 { continue }
            let stack = p.samples.stack(s)
            if !filters.isEmpty {
                var focused = filters.focus == nil
                var ignored = false
                for l in stack where l >= 0 && Int(l) < p.locations.count {
                    if locFocus[Int(l)] { focused = true }
                    if locIgnore[Int(l)] { ignored = true }
                }
                if !focused || ignored { continue }
            }
            buf.removeAll(keepingCapacity: true)
            bufLine.removeAll(keepingCapacity: true)
            for l in stack where l >= 0 && Int(l) < p.locations.count {
                for e in locStart[Int(l)]..<locStart[Int(l) + 1] where !entryHidden[e] {
                    buf.append(entryNode[e])
                    bufLine.append(entryLineCost[e])
                }
            }
            shownTotal &+= v
            frames[0].cum &+= v
            guard let leaf = buf.first, let leafLine = bufLine.first else {
                frames[0].flat &+= v
                continue
            }
            flat[Int(leaf)] &+= v
            lineFlat[Int(leafLine)] &+= v
            for (i, n) in buf.enumerated() {
                let ni = Int(n)
                if nodeStamp[ni] != s {
                    nodeStamp[ni] = s
                    cum[ni] &+= v
                }
                let lc = Int(bufLine[i])
                if lineStamp[lc] != s {
                    lineStamp[lc] = s
                    lineCum[lc] &+= v
                }
                if i + 1 < buf.count, buf[i + 1] != n {
                    let key = Int(buf[i + 1]) << 32 | ni
                    let ei: Int
                    if let existing = edgeIndex[key] {
                        ei = existing
                    } else {
                        ei = edgeWeight.count
                        edgeIndex[key] = ei
                        edgeWeight.append(0)
                        edgeStamp.append(-1)
                    }
                    if edgeStamp[ei] != s {
                        edgeStamp[ei] = s
                        edgeWeight[ei] &+= v
                    }
                }
            }
            // Icicle: root-first path.
            var parent = 0
            for i in stride(from: buf.count - 1, through: 0, by: -1) {
                let n = Int(buf[i])
                let key = parent << 32 | n
                let fi: Int
                if let existing = frameIndex[key] {
                    fi = existing
                } else {
                    fi = frames.count
                    frameIndex[key] = fi
                    frames.append(Frame(node: n, parent: parent, depth: frames[parent].depth + 1, cum: 0, flat: 0, children: []))
                    frames[parent].children.append(fi)
                }
                frames[fi].cum &+= v
                if i == 0 { frames[fi].flat &+= v }
                parent = fi
            }
        }

        for i in 0..<nodeCount {
            view.nodes[i].flat = flat[i]
            view.nodes[i].cum = cum[i]
        }
        view.callers = [[Edge]](repeating: [], count: nodeCount)
        view.callees = [[Edge]](repeating: [], count: nodeCount)
        for (key, ei) in edgeIndex {
            let caller = key >> 32, callee = key & 0xFFFF_FFFF
            view.callees[caller].append(Edge(node: callee, weight: edgeWeight[ei]))
            view.callers[callee].append(Edge(node: caller, weight: edgeWeight[ei]))
        }
        let nodes = view.nodes
        func edgeOrder(_ a: Edge, _ b: Edge) -> Bool {
            if a.weight.magnitude != b.weight.magnitude { return a.weight.magnitude > b.weight.magnitude }
            if nodes[a.node].name != nodes[b.node].name { return nodes[a.node].name < nodes[b.node].name }
            return a.node < b.node
        }
        for i in 0..<nodeCount {
            view.callers[i].sort(by: edgeOrder)
            view.callees[i].sort(by: edgeOrder)
        }
        view.lines = [[LineCost]](repeating: [], count: nodeCount)
        for lc in 0..<lineCostNode.count where lineFlat[lc] != 0 || lineCum[lc] != 0 {
            view.lines[Int(lineCostNode[lc])].append(LineCost(line: lineCostLine[lc], flat: lineFlat[lc], cum: lineCum[lc]))
        }
        for i in 0..<nodeCount { view.lines[i].sort { $0.line < $1.line } }
        let frameNodes = frames.map(\.node)
        for f in 0..<frames.count {
            frames[f].children.sort { a, b in
                let na = nodes[frameNodes[a]].name, nb = nodes[frameNodes[b]].name
                return na != nb ? na < nb : frameNodes[a] < frameNodes[b]
            }
        }
        view.frames = frames
        let present = (0..<nodeCount).filter { flat[$0] != 0 || cum[$0] != 0 }
        view.byFlat = present.sorted { a, b in
            if flat[a].magnitude != flat[b].magnitude { return flat[a].magnitude > flat[b].magnitude }
            if nodes[a].name != nodes[b].name { return nodes[a].name < nodes[b].name }
            if cum[a].magnitude != cum[b].magnitude { return cum[a].magnitude > cum[b].magnitude }
            return a < b
        }
        view.byCum = present.sorted { a, b in
            if cum[a].magnitude != cum[b].magnitude { return cum[a].magnitude > cum[b].magnitude }
            if nodes[a].name != nodes[b].name { return nodes[a].name < nodes[b].name }
            if flat[a].magnitude != flat[b].magnitude { return flat[a].magnitude > flat[b].magnitude }
            return a < b
        }
        view.total = total ?? shownTotal
        return view
    }

    private static func hexAddress(_ a: UInt64) -> String { "0x" + String(a, radix: 16) }
}
