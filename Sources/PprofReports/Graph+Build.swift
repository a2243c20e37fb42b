import Dispatch
import Foundation
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
    /// How source file names are trimmed first (pprof rewrites them before each build);
    /// nil keeps `Function.filename`.
    package var fileTrim: FileTrim?
    /// Profiles with at least this many samples are walked on two threads.
    package var parallelMinSamples = 100_000
    /// Asked every few thousand samples; once false, the walk stops and the graph it gives
    /// is incomplete (a background build the caller no longer wants, and discards).
    package var stillWanted: (@Sendable () -> Bool)?

    package init() {}
}

extension Graph {
    /// pprof `graph.New` without call-tree mode: one node per distinct NodeInfo; cum counts
    /// each sample once per node however often it recurses, flat goes to the leaf, and edges
    /// record caller -> callee weights with pprof's residual/inline merging.
    package static func build(_ profile: Profile, _ o: GraphOptions) -> Graph {
        build(profile, LocationNodes(profile, o), o)
    }

    /// `build` over an already resolved mapping of the profile's locations (made with `o`).
    static func build(_ profile: Profile, _ mapper: LocationNodes, _ o: GraphOptions) -> Graph {
        let acc = GraphAccumulator.accumulate(profile.samples, mapper: mapper, o)
        return acc.finish(infos: mapper.infos, dropNegative: o.dropNegative)
    }
}

/// The per-thread accumulators, shared with the worker threads of one `accumulate`.
private struct AccumulatorSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<GraphAccumulator>
}

extension GraphAccumulator {
    /// Large profiles are walked in two halves on two threads, each with its own sums and
    /// edge table, then combined: sums add up, and the second half's edges follow the first
    /// half's in creation order, which is the order one walk over all samples creates them in.
    static func accumulate(_ samples: SampleTable, mapper: LocationNodes, _ o: GraphOptions) -> GraphAccumulator {
        let make = {
            GraphAccumulator(
                nodeCount: mapper.infos.count, positions: mapper.ids.count, inlinable: mapper.inlinable,
                mode: o.edgeMode)
        }
        let count = samples.count
        guard count >= o.parallelMinSamples && count >= 2 && ProcessInfo.processInfo.activeProcessorCount > 1 else {
            var acc = make()
            acc.run(
                samples, 0..<count, mapper: mapper, valueIndex: o.sampleIndex, divisorIndex: o.meanDivisorIndex,
                wanted: o.stillWanted)
            return acc
        }
        // Split where the frames, not the samples, are halved.
        let half = samples.stackOffsets[count] / 2
        var mid = 0
        var hi = count
        while mid < hi {
            let m = (mid + hi) / 2
            if samples.stackOffsets[m] < half { mid = m + 1 } else { hi = m }
        }
        let ranges = [0..<mid, mid..<count]
        var parts = [make(), make()]
        parts.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            // Each thread writes only its own element.
            let out = AccumulatorSlots(base: base)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                out.base[i].run(
                    samples, ranges[i], mapper: mapper, valueIndex: o.sampleIndex, divisorIndex: o.meanDivisorIndex,
                    wanted: o.stillWanted)
            }
        }
        var acc = parts[0]
        acc.absorb(parts[1])
        return acc
    }

    /// Adds another accumulator's sums and edges (those of later samples) to this one.
    mutating func absorb(_ other: GraphAccumulator) {
        edges.reserve(edges.count + other.edges.count)
        for i in flat.indices {
            flat[i] = flat[i] &+ other.flat[i]
            flatDiv[i] = flatDiv[i] &+ other.flatDiv[i]
            cum[i] = cum[i] &+ other.cum[i]
            cumDiv[i] = cumDiv[i] &+ other.cumDiv[i]
        }
        for r in other.edges.records() { edges.absorb(r) }
    }
}

/// Every location's frames resolved to node ids once, so the sample walk touches integers only.
struct LocationNodes {
    /// Nodes of location `l` are `ids[start[l]..<start[l+1]]`, callee first as in the
    /// location's lines; -1 marks a frame not kept.
    var start: [Int32] = [0]
    var ids: [Int32] = []
    /// Per location: where its frames start in `ids`, how many, and the node of a single
    /// frame, so the common one-frame location costs one memory access in the hot loop.
    var entries: [LocationEntry] = []
    var infos: [NodeInfo] = []
    /// Nodes that appear as an inlined (not outermost) frame of some location.
    var inlinable: [Bool] = []

    init() {}

    /// Frames resolve through an integer key first: the byte-interned ids of the info's
    /// strings (taken once per function and per mapping) with its numbers, so a frame costs
    /// one integer hash and each distinct info builds its `NodeInfo` strings once, however
    /// many frames share them (a million-frame inline chain hashed a million names twice).
    /// When the samples are few for the locations (a focused profile), only the locations
    /// some stack uses are resolved; the others are never looked up. Node ids then follow
    /// the first use instead of the first location, which no report shows: every node
    /// order pprof prints is a total order over the node infos.
    init(_ p: Profile, _ o: GraphOptions) {
        start.reserveCapacity(p.locations.count + 1)
        ids.reserveCapacity(p.locations.count)
        entries.reserveCapacity(p.locations.count)
        let used = Self.usedLocations(p)
        var frames = 0
        for (li, loc) in p.locations.enumerated() where used?[li] ?? true { frames += Swift.max(loc.lines.count, 1) }
        var byKey: [InfoKey: Int32] = [:]
        // Sized for every frame being distinct (as on deep stacks), up to a million entries:
        // frames that all repeat one info must not reserve a table per frame.
        byKey.reserveCapacity(Swift.min(frames, 1 << 20))
        var strings = StringIDs()
        // Per function and per mapping, resolved on first use: the trimmed, cleaned file and
        // the ids of the strings a node info takes from them.
        var functionKeys = [FunctionStrings?](repeating: nil, count: p.functions.count)
        var objfileIDs = [Int32](repeating: -1, count: p.mappings.count)
        for (li, loc) in p.locations.enumerated() {
            let lineCount = Swift.max(loc.lines.count, 1)
            let first = Int32(ids.count)
            if let used, !used[li] {
                ids.append(contentsOf: repeatElement(-1, count: lineCount))
                start.append(Int32(ids.count))
                entries.append(LocationEntry(first: first, count: Int32(lineCount), only: -1))
                continue
            }
            let mi = Int(loc.mapping)
            let hasMapping = loc.mapping >= 0 && mi < p.mappings.count
            var objfileID: Int32 = 0
            if hasMapping {
                if objfileIDs[mi] < 0 { objfileIDs[mi] = strings.id(p.mappings[mi].file) }
                objfileID = objfileIDs[mi]
            }
            for ln in 0..<lineCount {
                let line = ln < loc.lines.count ? loc.lines[ln] : Line(function: -1, line: 0)
                let fi = Int(line.function)
                let hasFunction = fi >= 0 && fi < p.functions.count
                var fs = FunctionStrings()
                if hasFunction {
                    if let known = functionKeys[fi] {
                        fs = known
                    } else {
                        fs = FunctionStrings(p.functions[fi], o, &strings)
                        functionKeys[fi] = fs
                    }
                }
                // The same fields, and the same conditions, as the NodeInfo built below.
                var key = InfoKey(address: loc.address, objfile: objfileID)
                if hasFunction {
                    key.name = fs.name
                    key.origName = fs.origName
                    key.file = fs.file
                    key.lineno = Int(truncatingIfNeeded: line.line)
                    if fs.keepsObjfile {
                        key.startLine = fs.startLine
                    } else {
                        key.objfile = 0
                    }
                }
                // One hash lookup, inserting on first sight (ids are >= -1).
                let id = Self.resolve(&byKey[key, default: Int32.min]) {
                    let info = NodeInfo(
                        name: strings.string(key.name), origName: strings.string(key.origName), address: key.address,
                        file: strings.string(key.file), startLine: key.startLine, lineno: key.lineno,
                        objfile: strings.string(key.objfile))
                    guard o.keptNodes?.contains(info) ?? true else { return -1 }
                    infos.append(info)
                    inlinable.append(false)
                    return Int32(infos.count - 1)
                }
                if id >= 0 && ln < lineCount - 1 { inlinable[Int(id)] = true }
                ids.append(id)
            }
            start.append(Int32(ids.count))
            entries.append(LocationEntry(first: first, count: Int32(lineCount), only: lineCount == 1 ? ids[Int(first)] : -1))
        }
    }

    /// The node id in `slot`, made by `make` when the slot is new (`Int32.min`).
    @inline(__always)
    private static func resolve(_ slot: inout Int32, _ make: () -> Int32) -> Int32 {
        if slot == Int32.min { slot = make() }
        return slot
    }

    /// Which locations some sample's stack names, or nil (resolve them all) when the stacks
    /// are long enough for the scan to cost more than resolving every location would.
    static func usedLocations(_ p: Profile) -> [Bool]? {
        let locCount = p.locations.count
        guard p.samples.stacks.count < 64 * locCount else { return nil }
        var used = [Bool](repeating: false, count: locCount)
        for l in p.samples.stacks where l >= 0 && Int(l) < locCount { used[Int(l)] = true }
        return used
    }
}

/// A frame's `NodeInfo` as integers: its strings by `StringIDs` id (0 is ""). Two keys are
/// equal exactly when their infos are (byte-wise strings, as `NodeInfo ==`).
struct InfoKey: Hashable {
    var name: Int32 = 0
    var origName: Int32 = 0
    var file: Int32 = 0
    var objfile: Int32 = 0
    var startLine = 0
    var lineno = 0
    var address: UInt64

    init(address: UInt64, objfile: Int32) {
        self.address = address
        self.objfile = objfile
    }
}

/// Strings numbered by their bytes (`ByteKey`), "" as 0.
struct StringIDs {
    private var ids: [ByteKey: Int32] = [ByteKey(""): 0]
    private var strings = [""]

    mutating func id(_ s: String) -> Int32 {
        if let known = ids[ByteKey(s)] { return known }
        let id = Int32(truncatingIfNeeded: strings.count)
        ids[ByteKey(s)] = id
        strings.append(s)
        return id
    }

    func string(_ id: Int32) -> String { strings[Int(id)] }
}

/// What the node infos of one function's frames take from it, as `StringIDs` ids: the name,
/// the system name when kept, the trimmed and cleaned file, and whether the binary name and
/// start line are kept (always with obj names; else only for a nameless function).
struct FunctionStrings {
    var name: Int32 = 0
    var origName: Int32 = 0
    var file: Int32 = 0
    var startLine = 0
    var keepsObjfile = false

    init() {}

    init(_ fn: Function, _ o: GraphOptions, _ strings: inout StringIDs) {
        name = strings.id(fn.name)
        if o.origFnNames { origName = strings.id(fn.systemName) }
        let raw = o.fileTrim?.apply(fn.filename) ?? fn.filename
        file = strings.id(raw.isEmpty ? "" : goPathClean(raw))
        keepsObjfile = o.objNames || (name == 0 && origName == 0)
        startLine = Int(truncatingIfNeeded: fn.startLine)
    }
}

struct LocationEntry {
    var first: Int32
    var count: Int32
    var only: Int32
}

/// A node's cum in the node-only walk with the stamp of the last sample that added to it:
/// the two are read together for every frame, so they share a cache line.
struct NodeSlot {
    var cum: Int64 = 0
    var stamp = UInt32.max
}

/// The walks' view of `LocationNodes`: one code per location, so the common one-frame
/// location costs the node-only walk one small read (and a dropped one the edge walk). A code >= 0 is the node of the location's one
/// frame; `noFrame` means none of its frames is kept (or its one frame is not); a code
/// c <= -2 starts its frames at `frames[-(c + 2)]`: their count, then their node ids
/// (callee first, -1 for a frame not kept).
struct NodeWalkTable {
    static let noFrame: Int32 = -1
    var codes: [Int32]
    var frames: [Int32] = []

    init(_ m: LocationNodes) {
        codes = [Int32](repeating: Self.noFrame, count: m.entries.count)
        for (l, e) in m.entries.enumerated() {
            if e.count == 1 {
                codes[l] = e.only < 0 ? Self.noFrame : e.only
                continue
            }
            let a = Int(e.first)
            let lines = m.ids[a..<(a + Int(e.count))]
            guard lines.contains(where: { $0 >= 0 }) else { continue }
            codes[l] = -Int32(frames.count) - 2
            frames.append(e.count)
            frames.append(contentsOf: lines)
        }
    }
}

/// What the walks add for each sample: its value at the report's sample index and at the
/// mean divisor's index (0 for an index the samples do not have).
struct SampleWeights {
    let values: UnsafeBufferPointer<Int64>
    let width: Int
    let value: Int
    let hasValue: Bool
    let divisor: Int
    let hasDivisor: Bool

    init(_ values: UnsafeBufferPointer<Int64>, _ width: Int, _ value: Int, _ divisor: Int?) {
        self.values = values
        self.width = width
        self.value = value
        hasValue = value >= 0 && value < width
        self.divisor = divisor ?? 0
        hasDivisor = divisor.map { $0 >= 0 && $0 < width } ?? false
    }

    @inline(__always)
    func of(_ s: Int) -> (w: Int64, dw: Int64) {
        (hasValue ? values[s * width + value] : 0, hasDivisor ? values[s * width + divisor] : 0)
    }
}

/// The per-sample walk: plain arrays indexed by node id, stamps instead of "seen" sets.
struct GraphAccumulator {
    /// The walk asks `stillWanted` at every sample index with none of these bits set (every
    /// 4096 samples: cheap beside the walk, and a few ms apart on the largest profiles).
    static let wantedMask = 4095

    var flat: [Int64]
    var flatDiv: [Int64]
    var cum: [Int64]
    var cumDiv: [Int64]
    let inlinable: [Bool]
    let mode: GraphEdgeMode
    var edges: EdgeTable

    init(nodeCount: Int, positions: Int, inlinable: [Bool], mode: GraphEdgeMode) {
        flat = [Int64](repeating: 0, count: nodeCount)
        flatDiv = flat
        cum = flat
        cumDiv = flat
        self.inlinable = inlinable
        self.mode = mode
        edges = EdgeTable(positions: mode == .none ? 0 : positions)
    }

    mutating func run(
        _ samples: SampleTable, _ range: Range<Int>, mapper: LocationNodes, valueIndex: Int, divisorIndex: Int?,
        wanted: (@Sendable () -> Bool)? = nil
    ) {
        if mode == .none {
            runNodesOnly(samples, range, mapper: mapper, valueIndex: valueIndex, divisorIndex: divisorIndex, wanted: wanted)
            return
        }
        let nodeCount = flat.count
        let trackAll = mode == .all
        // Sample index stamps (low 32 bits) stand in for pprof's per-sample "seen" sets.
        var nodeStamp = [UInt32](repeating: UInt32.max, count: nodeCount)
        let locCount = mapper.entries.count
        // Four bytes per location, in cache: a walk over frames mostly dropped (a kept-nodes
        // rebuild) rarely reads `entries`. A buffer of its own (not an array's closure), so
        // the walk below stays as it was.
        let codes = UnsafeMutableBufferPointer<Int32>.allocate(capacity: locCount)
        _ = codes.initialize(from: NodeWalkTable(mapper).codes)
        defer { codes.deallocate() }
        mapper.entries.withUnsafeBufferPointer { entries in
            mapper.ids.withUnsafeBufferPointer { ids in
                samples.stacks.withUnsafeBufferPointer { stacks in
                    samples.values.withUnsafeBufferPointer { values in
                        let weights = SampleWeights(values, samples.valueCount, valueIndex, divisorIndex)
                        for s in range {
                            if s & Self.wantedMask == 0, let wanted, !wanted() { break }
                            let (w, dw) = weights.of(s)
                            if w == 0 && dw == 0 { continue }
                            let stamp = UInt32(truncatingIfNeeded: s)
                            var parent: Int32 = -1
                            var parentPosition = 0
                            var residual = false
                            let lo = samples.stackOffsets[s]
                            var k = samples.stackOffsets[s + 1] - 1
                            while k >= lo {
                                let loc = Int(stacks[k])
                                k -= 1
                                guard loc >= 0 && loc < locCount else { continue }
                                if codes[loc] == NodeWalkTable.noFrame {
                                    // No frame of it is kept: what `n < 0` does for each frame.
                                    residual = true
                                    continue
                                }
                                let entry = entries[loc]
                                let a = Int(entry.first)
                                var j = a + Int(entry.count) - 1
                                let outer = j
                                while j >= a {
                                    let n = entry.count == 1 ? entry.only : ids[j]
                                    let position = j
                                    let isInline = j != outer
                                    j -= 1
                                    if n < 0 {
                                        residual = true
                                        continue
                                    }
                                    let ni = Int(n)
                                    let repeats = nodeStamp[ni] == stamp
                                    if !repeats {
                                        nodeStamp[ni] = stamp
                                        cum[ni] = cum[ni] &+ w
                                        cumDiv[ni] = cumDiv[ni] &+ dw
                                    }
                                    if parent >= 0 && n != parent && (trackAll || inlinable[ni]) {
                                        edges.add(
                                            src: parent, srcPosition: parentPosition, dest: n, sample: s, w: w, dw: dw,
                                            residual: residual, inline: isInline, destRepeats: repeats)
                                    }
                                    parent = n
                                    parentPosition = position
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
        edges.flushAll()
    }

    /// `run` without edges: the same flat and cum, with each stack read leaf first (the order
    /// it is stored in). Cum counts a node once per sample in any order; flat goes to the
    /// innermost frame of the leaf-most valid location when that frame is kept, which is the
    /// last frame the root-first walk sees (it adds flat only when its last frame was kept).
    /// This is the pass every text report pays over all frames, so its tables are kept small
    /// enough for a core's cache: one code per location (`NodeWalkTable`) and each node's
    /// stamp beside its cum in one cache line; a one-frame location reads no other table.
    private mutating func runNodesOnly(
        _ samples: SampleTable, _ range: Range<Int>, mapper: LocationNodes, valueIndex: Int, divisorIndex: Int?,
        wanted: (@Sendable () -> Bool)?
    ) {
        let table = NodeWalkTable(mapper)
        let locCount = table.codes.count
        var slots = [NodeSlot](repeating: NodeSlot(), count: flat.count)
        table.codes.withUnsafeBufferPointer { codes in
            table.frames.withUnsafeBufferPointer { frames in
                samples.stacks.withUnsafeBufferPointer { stacks in
                    samples.values.withUnsafeBufferPointer { values in
                        samples.stackOffsets.withUnsafeBufferPointer { offsets in
                            slots.withUnsafeMutableBufferPointer { slots in
                                cumDiv.withUnsafeMutableBufferPointer { cumDiv in
                                    let weights = SampleWeights(values, samples.valueCount, valueIndex, divisorIndex)
                                    for s in range {
                                        if s & Self.wantedMask == 0, let wanted, !wanted() { break }
                                        let (w, dw) = weights.of(s)
                                        if w == 0 && dw == 0 { continue }
                                        let stamp = UInt32(truncatingIfNeeded: s)
                                        var leaf: Int32 = -1
                                        var leafSeen = false
                                        for k in offsets[s]..<offsets[s + 1] {
                                            let loc = Int(stacks[k])
                                            guard loc >= 0 && loc < locCount else { continue }
                                            let code = codes[loc]
                                            if code >= 0 {
                                                if !leafSeen {
                                                    leaf = code
                                                    leafSeen = true
                                                }
                                                let ni = Int(code)
                                                if slots[ni].stamp != stamp {
                                                    slots[ni].stamp = stamp
                                                    slots[ni].cum = slots[ni].cum &+ w
                                                    if dw != 0 { cumDiv[ni] = cumDiv[ni] &+ dw }
                                                }
                                                continue
                                            }
                                            if code == NodeWalkTable.noFrame {
                                                leafSeen = true
                                                continue
                                            }
                                            let a = Int(-(code + 2))
                                            let count = Int(frames[a])
                                            if !leafSeen {
                                                leaf = frames[a + 1]
                                                leafSeen = true
                                            }
                                            for j in (a + 1)..<(a + 1 + count) {
                                                let n = frames[j]
                                                if n < 0 { continue }
                                                let ni = Int(n)
                                                if slots[ni].stamp != stamp {
                                                    slots[ni].stamp = stamp
                                                    slots[ni].cum = slots[ni].cum &+ w
                                                    if dw != 0 { cumDiv[ni] = cumDiv[ni] &+ dw }
                                                }
                                            }
                                        }
                                        if leaf >= 0 {
                                            let p = Int(leaf)
                                            flat[p] = flat[p] &+ w
                                            flatDiv[p] = flatDiv[p] &+ dw
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in slots.indices { cum[i] = cum[i] &+ slots[i].cum }
    }

    /// pprof `selectNodesForGraph`: nodes with any value (and not negative under
    /// drop_negative) are listed; others that edges still touch become detached.
    func finish(infos: [NodeInfo], dropNegative: Bool) -> Graph {
        let count = infos.count
        var visible = [Bool](repeating: false, count: count)
        var hasEdge = [Bool](repeating: false, count: count)
        let records = edges.records()
        for r in records {
            hasEdge[Int(r.src)] = true
            hasEdge[Int(r.dest)] = true
        }
        var newIndex = [Int](repeating: -1, count: count)
        var g = Graph()
        var visibleCount = 0
        for i in 0..<count {
            if cum[i] == 0 && flat[i] == 0 { continue }
            if dropNegative && (flat[i] < 0 || (flat[i] == 0 && cum[i] < 0)) { continue }
            visible[i] = true
            visibleCount += 1
        }
        // Sized once: doubling a million-node list copies it and leaves it half empty.
        g.nodes.reserveCapacity(visibleCount)
        for i in 0..<count where visible[i] {
            newIndex[i] = g.nodes.count
            g.nodes.append(makeNode(i, infos[i]))
        }
        for i in 0..<count where !visible[i] && hasEdge[i] {
            newIndex[i] = g.nodes.count + g.detachedNodes.count
            g.detachedNodes.append(makeNode(i, infos[i]))
        }
        // Edge lists sized up front: one allocation per node instead of one per doubling.
        var outDegree = [Int32](repeating: 0, count: count)
        var inDegree = [Int32](repeating: 0, count: count)
        for r in records {
            outDegree[Int(r.src)] += 1
            inDegree[Int(r.dest)] += 1
        }
        for i in 0..<count where newIndex[i] >= 0 {
            let k = newIndex[i]
            if k < visibleCount {
                g.nodes[k].outEdges.reserveCapacity(Int(outDegree[i]))
                g.nodes[k].inEdges.reserveCapacity(Int(inDegree[i]))
            } else {
                g.detachedNodes[k - visibleCount].outEdges.reserveCapacity(Int(outDegree[i]))
                g.detachedNodes[k - visibleCount].inEdges.reserveCapacity(Int(inDegree[i]))
            }
        }
        g.edges.reserveCapacity(edges.count)
        for r in records {
            let s = newIndex[Int(r.src)]
            let d = newIndex[Int(r.dest)]
            let idx = g.edges.count
            g.edges.append(
                GraphEdge(
                    src: s, dest: d, weight: r.weight, weightDiv: r.weightDiv,
                    residual: r.residual, inline: r.inline))
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
        n.appearsInlined = inlinable[i]
        return n
    }
}

/// One accumulated edge, stored inside the hash table (32 bytes: two to a cache line).
struct EdgeSlot {
    /// Packed (src, dest) + 1; zero marks an empty slot.
    var key: UInt64 = 0
    var weight: Int64 = 0
    var weightDiv: Int64 = 0
    /// Creation order, so edge lists come out in a stable order.
    var order: Int32 = 0
    var residual = false
    var inline = true

    var src: Int32 { Int32(truncatingIfNeeded: (key &- 1) >> 32) }
    var dest: Int32 { Int32(truncatingIfNeeded: (key &- 1) & 0xFFFF_FFFF) }
}

/// Edges in an open-addressing table keyed by the packed (src, dest) pair. A call site
/// mostly calls the same callee, so each caller frame position (of `LocationNodes.ids`)
/// keeps the edge it last added to and what it added since, in small arrays indexed by
/// position; the table (tens of MB on a large profile, far beyond the caches) is touched
/// only when a position's callee changes, on growth and at the end (`flushAll`).
struct EdgeTable {
    private(set) var slots = [EdgeSlot](repeating: EdgeSlot(), count: 1024)
    private var shift: UInt64 = 64 - 10
    private(set) var count = 0
    /// Per position: the edge it last added to and what it added since (`Pending`).
    private var pending: [Pending]
    /// Positions with a pending edge, each once.
    private var pendingList: [Int32] = []
    /// The edges the current sample added (pprof's seenEdge), searched only when the
    /// callee occurs twice in the sample: no edge can repeat otherwise.
    private var sampleKeys: [UInt64] = []
    private var currentSample = -1

    /// A position's pending edge: its key (0: none) and slot, and the weights and flags
    /// added to it since they were last written to the slot.
    struct Pending {
        var key: UInt64 = 0
        var weight: Int64 = 0
        var weightDiv: Int64 = 0
        var slot: Int32 = 0
        /// Bit 0: some contribution was residual; bit 1: some was not inlined.
        var flags: UInt8 = 0
    }

    init(positions: Int) { pending = [Pending](repeating: Pending(), count: positions) }

    /// Adds one sample's contribution to src -> dest, once per sample (pprof's seenEdge):
    /// residual sticks once set, inline holds only while every contribution was inlined.
    /// `destRepeats`: dest already occurred earlier in this sample.
    @inline(__always)
    mutating func add(
        src s: Int32, srcPosition p: Int, dest d: Int32, sample: Int, w: Int64, dw: Int64, residual r: Bool,
        inline inl: Bool, destRepeats: Bool
    ) {
        // +1 keeps every key non-zero.
        let key = (UInt64(UInt32(bitPattern: s)) << 32 | UInt64(UInt32(bitPattern: d))) &+ 1
        if sample != currentSample {
            currentSample = sample
            sampleKeys.removeAll(keepingCapacity: true)
        }
        if destRepeats && sampleKeys.contains(key) { return }
        sampleKeys.append(key)
        let flags: UInt8 = (r ? 1 : 0) | (inl ? 0 : 2)
        let hit = pending.withUnsafeMutableBufferPointer { buf in
            guard buf[p].key == key else { return false }
            buf[p].weight = buf[p].weight &+ w
            buf[p].weightDiv = buf[p].weightDiv &+ dw
            buf[p].flags |= flags
            return true
        }
        if hit { return }
        if pending[p].key != 0 {
            flush(p)
        } else {
            pendingList.append(Int32(truncatingIfNeeded: p))
        }
        var h = slot(of: key)
        if count * 2 > slots.count {
            // Growing moves every slot: the pending weights go to the old ones first.
            flushAll()
            grow()
            h = slot(of: key)
            pendingList.append(Int32(truncatingIfNeeded: p))
        }
        pending[p] = Pending(key: key, weight: w, weightDiv: dw, slot: Int32(truncatingIfNeeded: h), flags: flags)
    }

    /// The slot of `key`, created (next in creation order, with nothing added) if new.
    private mutating func slot(of key: UInt64) -> Int {
        let mask = slots.count - 1
        // Fibonacci hashing: the top bits of the product depend on every key bit.
        var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slots[h].key
            if k == key { return h }
            if k == 0 {
                slots[h] = EdgeSlot(key: key, order: Int32(truncatingIfNeeded: count))
                count += 1
                return h
            }
            h = (h + 1) & mask
        }
    }

    /// Moves position `p`'s pending additions to its edge's slot (nothing stays pending).
    private mutating func flush(_ p: Int) {
        let e = pending[p]
        pending[p].weight = 0
        pending[p].weightDiv = 0
        pending[p].flags = 0
        let h = Int(e.slot)
        slots.withUnsafeMutableBufferPointer { buf in
            buf[h].weight = buf[h].weight &+ e.weight
            buf[h].weightDiv = buf[h].weightDiv &+ e.weightDiv
            if e.flags & 1 != 0 { buf[h].residual = true }
            if e.flags & 2 != 0 { buf[h].inline = false }
        }
    }

    /// Writes every pending addition to the table and forgets the pending edges; the
    /// table is complete after it (the walk calls it when done).
    mutating func flushAll() {
        for p in pendingList {
            let i = Int(p)
            flush(i)
            pending[i].key = 0
        }
        pendingList.removeAll(keepingCapacity: true)
    }

    /// Adds an edge accumulated elsewhere (over other samples): weights add up, residual
    /// sticks, inline holds only if it held on both sides; a new edge comes after all others.
    mutating func absorb(_ r: EdgeSlot) {
        let h = slot(of: r.key)
        slots[h].weight = slots[h].weight &+ r.weight
        slots[h].weightDiv = slots[h].weightDiv &+ r.weightDiv
        if r.residual { slots[h].residual = true }
        if !r.inline { slots[h].inline = false }
        if count * 2 > slots.count { grow() }
    }

    /// Room for `total` edges without growing (before absorbing another table's).
    mutating func reserve(_ total: Int) {
        while total * 2 > slots.count { grow() }
    }

    /// The edges in creation order (after `flushAll`).
    func records() -> [EdgeSlot] {
        var out = [EdgeSlot](repeating: EdgeSlot(), count: count)
        for slot in slots where slot.key != 0 { out[Int(slot.order)] = slot }
        return out
    }

    private mutating func grow() {
        var ns = [EdgeSlot](repeating: EdgeSlot(), count: slots.count * 2)
        shift -= 1
        let mask = ns.count - 1
        for slot in slots where slot.key != 0 {
            var h = Int(truncatingIfNeeded: (slot.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while ns[h].key != 0 { h = (h + 1) & mask }
            ns[h] = slot
        }
        slots = ns
    }
}
