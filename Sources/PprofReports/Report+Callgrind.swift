import PprofModel

extension Report {
    /// pprof `printCallgrind`: the untrimmed graph at address granularity in the callgrind
    /// format (kcachegrind, qcachegrind): one cost line per node, grouped under ob=/fl=/fn=
    /// headers that change only when the binary, file or function does, then its calls.
    /// Names, files and binaries are numbered on first use and referred to by number after
    /// (callgrind's name compression); addresses are relative to the previous node's when
    /// that is shorter.
    func printCallgrind() -> String {
        var rpt = self
        rpt.options.nodeFraction = 0
        rpt.options.edgeFraction = 0
        rpt.options.nodeCount = 0
        let g: Graph
        var contexts: [Int]?
        if options.callTree {
            let t = rpt.trimmedCallTree()
            g = t.graph
            contexts = g.nodes.map { t.context[$0.serial] }
        } else {
            g = rpt.newTrimmedGraph().0
        }
        rpt = rpt.selectingOutputUnit(for: g)
        let o = rpt.options
        let names = Self.callgrindDisambiguatedNames(g, contexts: contexts)

        var out = "positions: instr line\n"
        out += "events: " + o.sampleType + "(" + o.outputUnit + ")\n"
        // Keyed by bytes: Go tells names apart byte by byte, Swift's String by canonical form.
        var objfiles: [ByteKey: Int] = [:]
        var files: [ByteKey: Int] = [:]
        var functions: [ByteKey: Int] = [:]
        var previous: NodeInfo?
        // Memoized: a deep stack repeats a few values a million times, and each scale looks
        // the units up again.
        var scaledValues: [Int64: Int64] = [:]
        func scaled(_ v: Int64) -> Int64 {
            if let known = scaledValues[v] { return known }
            let r = GoConvert.int64(Measurement.scale(v, from: o.sampleUnit, to: o.outputUnit).0)
            if scaledValues.count < 1 << 16 { scaledValues[v] = r }
            return r
        }
        // Named once each, and only when edges tie (most nodes of a deep stack have one).
        var edgeNames = [String?](repeating: nil, count: g.nodes.count + g.detachedNodes.count)
        func edgeName(_ i: Int) -> String {
            guard i >= 0 && i < edgeNames.count else { return "" }
            if let known = edgeNames[i] { return known }
            let name = g.node(i).info.printableName()
            edgeNames[i] = name
            return name
        }
        for n in g.nodes {
            let info = n.info
            if previous.map({ !goEqual(info.objfile, $0.objfile) || !goEqual(info.file, $0.file) || !goEqual(info.name, $0.name) }) ?? true {
                out += "\n"
                out += "ob=" + Self.callgrindName(&objfiles, info.objfile) + "\n"
                out += "fl=" + Self.callgrindName(&files, info.file) + "\n"
                out += "fn=" + Self.callgrindName(&functions, info.name) + "\n"
            }
            out += Self.callgrindAddress(previous, info.address) + " \(info.lineno) \(scaled(n.flatValue()))\n"
            for e in g.sortedEdges(n.outEdges, name: edgeName) {
                let edge = g.edges[e]
                let callee = edge.dest < g.nodes.count ? g.nodes[edge.dest] : g.detachedNodes[edge.dest - g.nodes.count]
                // A callee left out of the graph (no value of its own) has no name in pprof's map.
                let calleeName = edge.dest < names.count ? names[edge.dest] : ""
                out += "cfl=" + Self.callgrindName(&files, callee.info.file) + "\n"
                out += "cfn=" + Self.callgrindName(&functions, calleeName) + "\n"
                // pprof has no count of calls: 0, as pprof writes it.
                out += "calls=0 " + Self.callgrindAddress(previous, callee.info.address) + " \(callee.info.lineno)\n"
                out += "* * \(scaled(edge.weight))\n"
            }
            previous = info
        }
        return out
    }

    /// pprof `getDisambiguatedNames`: nodes of one (file, name) that belong to different
    /// functions (another system name, binary or start line) get a ` [k/n]` suffix, numbered in node order.
    /// In a call tree the function of a node is its calling context (`contexts`, per node).
    static func callgrindDisambiguatedNames(_ g: Graph, contexts: [Int]? = nil) -> [String] {
        struct Named: Hashable {
            var file, name: ByteKey
        }
        // What tells functions of one (file, name) apart.
        struct Function: Hashable {
            var named: Int
            var origName, objfile: ByteKey
            var startLine: Int
            var context: Int
        }
        var groups: [Named: Int] = [:]
        var functions: [Function: Int] = [:]
        // Per group, how many functions; per node, its group and its function's number in it.
        var functionCount: [Int] = []
        var nodeGroup: [Int] = []
        var nodeFunction: [Int] = []
        nodeGroup.reserveCapacity(g.nodes.count)
        nodeFunction.reserveCapacity(g.nodes.count)
        for i in g.nodes.indices {
            let info = g.nodes[i].info
            let named = Named(file: ByteKey(info.file), name: ByteKey(info.name))
            let group: Int
            if let known = groups[named] {
                group = known
            } else {
                group = functionCount.count
                groups[named] = group
                functionCount.append(0)
            }
            let f = Function(
                named: group, origName: ByteKey(info.origName), objfile: ByteKey(info.objfile), startLine: info.startLine,
                context: contexts?[i] ?? -1)
            let k: Int
            if let known = functions[f] {
                k = known
            } else {
                k = functionCount[group]
                functions[f] = k
                functionCount[group] += 1
            }
            nodeGroup.append(group)
            nodeFunction.append(k)
        }
        return g.nodes.indices.map { i in
            let n = functionCount[nodeGroup[i]]
            let name = g.nodes[i].info.name
            return n > 1 ? name + " [\(nodeFunction[i] + 1)/\(n)]" : name
        }
    }

    /// pprof `callgrindName`: "(N) name" the first time, "(N)" after; "" for no name.
    static func callgrindName(_ names: inout [ByteKey: Int], _ name: String) -> String {
        if name.isEmpty { return "" }
        let key = ByteKey(name)
        if let id = names[key] { return "(\(id))" }
        let id = names.count + 1
        names[key] = id
        return "(\(id)) " + name
    }

    /// pprof `callgrindAddress`: absolute (`%#x`) for the first node, `*` for the previous
    /// node's address, else the signed difference when it is shorter than the absolute form.
    static func callgrindAddress(_ previous: NodeInfo?, _ address: UInt64) -> String {
        let abs = "0x" + String(address, radix: 16)
        guard let previous else { return abs }
        if previous.address == address { return "*" }
        let diff = Int64(bitPattern: address &- previous.address)
        let relative = (diff >= 0 ? "+" : "-") + String(diff.magnitude)
        return relative.utf8.count < abs.utf8.count ? relative : abs
    }
}
