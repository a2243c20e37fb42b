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
        var objfiles: [[UInt8]: Int] = [:]
        var files: [[UInt8]: Int] = [:]
        var functions: [[UInt8]: Int] = [:]
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
        // Built once: per node it would name every node again (quadratic on deep stacks).
        let edgeNames = EdgeNames(g)
        for n in g.nodes {
            let info = n.info
            if previous.map({ !goEqual(info.objfile, $0.objfile) || !goEqual(info.file, $0.file) || !goEqual(info.name, $0.name) }) ?? true {
                out += "\n"
                out += "ob=" + Self.callgrindName(&objfiles, info.objfile) + "\n"
                out += "fl=" + Self.callgrindName(&files, info.file) + "\n"
                out += "fn=" + Self.callgrindName(&functions, info.name) + "\n"
            }
            out += Self.callgrindAddress(previous, info.address) + " \(info.lineno) \(scaled(n.flatValue()))\n"
            for e in g.sortedEdges(n.outEdges, names: edgeNames) {
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
        struct Function: Hashable {
            var name, origName, file, objfile: [UInt8]
            var startLine: Int
            var context = -1
        }
        struct Named: Hashable {
            var file, name: [UInt8]
        }
        func function(_ i: NodeInfo) -> Function {
            Function(name: Array(i.name.utf8), origName: Array(i.origName.utf8), file: Array(i.file.utf8), objfile: Array(i.objfile.utf8), startLine: i.startLine)
        }
        // Each node's keys built once (they were built twice per node).
        let keys = g.nodes.indices.map { i in
            let info = g.nodes[i].info
            var f = function(info)
            if let contexts { f.context = contexts[i] }
            return (Named(file: Array(info.file.utf8), name: Array(info.name.utf8)), f)
        }
        var index: [Named: [Function: Int]] = [:]
        for (key, f) in keys where index[key]?[f] == nil {
            index[key, default: [:]][f] = index[key]?.count ?? 0
        }
        return zip(g.nodes, keys).map { n, k in
            guard let functions = index[k.0], functions.count > 1, let i = functions[k.1] else { return n.info.name }
            return n.info.name + " [\(i + 1)/\(functions.count)]"
        }
    }

    /// pprof `callgrindName`: "(N) name" the first time, "(N)" after; "" for no name.
    static func callgrindName(_ names: inout [[UInt8]: Int], _ name: String) -> String {
        if name.isEmpty { return "" }
        let key = Array(name.utf8)
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
