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
            contexts = g.nodes.indices.map { t.context[g.nodes[$0].serial] }
        } else {
            g = rpt.newTrimmedGraph().0
        }
        rpt = rpt.selectingOutputUnit(for: g)
        let o = rpt.options
        let names = Self.callgrindDisambiguatedNames(g, contexts: contexts)

        var out = CallgrindText()
        out.add("positions: instr line\n")
        out.add("events: " + o.sampleType + "(" + o.outputUnit + ")\n")
        // Keyed by bytes: Go tells names apart byte by byte, Swift's String by canonical form.
        var objfiles = CallgrindNames()
        var files = CallgrindNames()
        var functions = CallgrindNames()
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
        for i in g.nodes.indices {
            let info = g.nodes[i].info
            if previous.map({ !goEqual(info.objfile, $0.objfile) || !goEqual(info.file, $0.file) || !goEqual(info.name, $0.name) }) ?? true {
                out.add("\nob=")
                out.addName(&objfiles, info.objfile)
                out.add("\nfl=")
                out.addName(&files, info.file)
                out.add("\nfn=")
                out.addName(&functions, info.name)
                out.add("\n")
            }
            out.addAddress(previous, info.address)
            out.add(" ")
            out.add(Int64(info.lineno))
            out.add(" ")
            out.add(scaled(g.nodes[i].flatValue()))
            out.add("\n")
            for e in g.sortedEdges(g.nodes[i].outEdges, name: edgeName) {
                let edge = g.edges[e]
                let callee = g.node(edge.dest).info
                // A callee left out of the graph (no value of its own) has no name in pprof's map.
                let calleeName = edge.dest < names.count ? names[edge.dest] : ""
                out.add("cfl=")
                out.addName(&files, callee.file)
                out.add("\ncfn=")
                out.addName(&functions, calleeName)
                // pprof has no count of calls: 0, as pprof writes it.
                out.add("\ncalls=0 ")
                out.addAddress(previous, callee.address)
                out.add(" ")
                out.add(Int64(callee.lineno))
                out.add("\n* * ")
                out.add(scaled(edge.weight))
                out.add("\n")
            }
            previous = info
        }
        return out.string()
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
        // Per group: its first node, and whether a later node belongs to another function.
        var firstNode: [Int] = []
        var mixed: [Bool] = []
        var nodeGroup: [Int] = []
        nodeGroup.reserveCapacity(g.nodes.count)
        func context(_ i: Int) -> Int { contexts?[i] ?? -1 }
        func sameFunction(_ i: Int, _ j: Int) -> Bool {
            let a = g.nodes[i].info
            let b = g.nodes[j].info
            return a.startLine == b.startLine && context(i) == context(j) && goEqual(a.origName, b.origName)
                && goEqual(a.objfile, b.objfile)
        }
        for i in g.nodes.indices {
            let info = g.nodes[i].info
            let named = Named(file: ByteKey(info.file), name: ByteKey(info.name))
            if let group = groups[named] {
                if !mixed[group] && !sameFunction(firstNode[group], i) { mixed[group] = true }
                nodeGroup.append(group)
            } else {
                groups[named] = firstNode.count
                nodeGroup.append(firstNode.count)
                firstNode.append(i)
                mixed.append(false)
            }
        }
        // Only groups of several functions are numbered (most have one: one hash per node).
        var functions: [Function: Int] = [:]
        var functionCount = [Int](repeating: 1, count: firstNode.count)
        var nodeFunction = [Int](repeating: 0, count: g.nodes.count)
        if mixed.contains(true) {
            for group in functionCount.indices where mixed[group] { functionCount[group] = 0 }
            for i in g.nodes.indices where mixed[nodeGroup[i]] {
                let info = g.nodes[i].info
                let group = nodeGroup[i]
                let f = Function(
                    named: group, origName: ByteKey(info.origName), objfile: ByteKey(info.objfile),
                    startLine: info.startLine, context: context(i))
                if let known = functions[f] {
                    nodeFunction[i] = known
                } else {
                    nodeFunction[i] = functionCount[group]
                    functions[f] = functionCount[group]
                    functionCount[group] += 1
                }
            }
        }
        return g.nodes.indices.map { i in
            let n = functionCount[nodeGroup[i]]
            let name = g.nodes[i].info.name
            return n > 1 ? name + " [\(nodeFunction[i] + 1)/\(n)]" : name
        }
    }
}

/// The callgrind text as UTF-8 bytes: a million-node report appends nine million pieces,
/// and appending to a byte buffer costs a fraction of appending String pieces.
struct CallgrindText {
    private var bytes: [UInt8] = []

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Decimal, as Go's `%d`.
    mutating func add(_ v: Int64) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        add(v.magnitude, radix: 10)
    }

    private mutating func add(_ v: UInt64, radix: UInt64) {
        let end = bytes.count + Self.digitCount(v, radix: radix)
        bytes.append(contentsOf: repeatElement(0, count: end - bytes.count))
        var i = end
        var x = v
        repeat {
            i -= 1
            let d = UInt8(truncatingIfNeeded: x % radix)
            bytes[i] = d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
            x /= radix
        } while x > 0
    }

    private static func digitCount(_ v: UInt64, radix: UInt64) -> Int {
        var n = 1
        var x = v
        while x >= radix {
            x /= radix
            n += 1
        }
        return n
    }

    /// pprof `callgrindName`: "(N) name" the first time, "(N)" after; nothing for no name.
    mutating func addName(_ names: inout CallgrindNames, _ name: String) {
        if name.isEmpty { return }
        let (id, isNew) = names.id(name)
        bytes.append(UInt8(ascii: "("))
        add(Int64(id))
        bytes.append(UInt8(ascii: ")"))
        if isNew {
            bytes.append(UInt8(ascii: " "))
            add(name)
        }
    }

    /// pprof `callgrindAddress`: absolute (`%#x`) for the first node, `*` for the previous
    /// node's address, else the signed difference when it is shorter than the absolute form.
    mutating func addAddress(_ previous: NodeInfo?, _ address: UInt64) {
        if let previous {
            if previous.address == address {
                bytes.append(UInt8(ascii: "*"))
                return
            }
            let diff = Int64(bitPattern: address &- previous.address)
            if 1 + Self.digitCount(diff.magnitude, radix: 10) < 2 + Self.digitCount(address, radix: 16) {
                bytes.append(UInt8(ascii: diff >= 0 ? "+" : "-"))
                add(diff.magnitude, radix: 10)
                return
            }
        }
        add("0x")
        add(address, radix: 16)
    }

    func string() -> String { String(decoding: bytes, as: UTF8.self) }
}

/// One of pprof's callgrind name maps (binaries, files, functions): names numbered from 1 in
/// the order of first use, told apart byte-wise. The last name asked for is remembered, as
/// consecutive nodes mostly share their binary and file.
struct CallgrindNames {
    private var ids: [ByteKey: Int] = [:]
    private var last: (name: String, id: Int)?

    /// The name's number, and whether this is its first use.
    mutating func id(_ name: String) -> (id: Int, isNew: Bool) {
        if let last, goEqual(last.name, name) { return (last.id, false) }
        if let known = ids[ByteKey(name)] {
            last = (name, known)
            return (known, false)
        }
        let id = ids.count + 1
        ids[ByteKey(name)] = id
        last = (name, id)
        return (id, true)
    }
}
