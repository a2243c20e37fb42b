import Foundation
import PprofModel

/// pprof `graph.NodeOrder`.
package enum NodeOrder: Sendable {
    case flatName, flatCumName, cumName, name, file, address, entropy
}

extension Graph {
    /// pprof `SortNodes`: entropy for visual graphs, else cum or flat order.
    package mutating func sortNodes(cum: Bool, visualMode: Bool) {
        sort(visualMode ? .entropy : cum ? .cumName : .flatName)
    }

    /// Reorders the visible nodes; every order ends in pprof's `compareNodes` (the
    /// `fmt.Sprint` of the info), then the current position, so the result is total.
    ///
    /// The keys are taken out of the nodes first (numbers in arrays, names packed into one
    /// byte buffer): a comparison then copies no node and retains no string, which on a
    /// million-node graph was most of the sort's time.
    package mutating func sort(_ order: NodeOrder) {
        // The keys (and the copy of the node list they are read from) are gone before the
        // nodes move, so the move happens in place instead of copying a million nodes.
        reorder(sortPermutation(order))
    }

    /// The visible nodes' positions in `order`: new position -> old position.
    func sortPermutation(_ order: NodeOrder) -> [Int] {
        let count = nodes.count
        let ns = nodes
        // Compared descending (by |value|, as pprof's abs64), then the names ascending.
        var first: [Int64] = []
        var second: [Int64] = []
        var names = PackedStrings()
        switch order {
        case .flatName, .flatCumName:
            first = ns.indices.map { goAbs(ns[$0].flat) }
            second = ns.indices.map { goAbs(ns[$0].cum) }
            names = PackedStrings(printableNamesOf: ns)
        case .cumName:
            first = ns.indices.map { goAbs(ns[$0].cum) }
            second = ns.indices.map { goAbs(ns[$0].flat) }
            names = PackedStrings(printableNamesOf: ns)
        case .entropy:
            first = ns.indices.map { goAbs(entropyScore($0)) }
            second = ns.indices.map { goAbs(ns[$0].flat) }
            names = PackedStrings(printableNamesOf: ns)
        case .name:
            names = PackedStrings(ns.indices.lazy.map { ns[$0].info.name })
        case .file:
            names = PackedStrings(ns.indices.lazy.map { ns[$0].info.file })
            first = ns.indices.map { Int64(truncatingIfNeeded: ns[$0].info.startLine) }
        case .address:
            break
        }
        let addresses = order == .address ? ns.indices.map { ns[$0].info.address } : []
        var sprint = [String?](repeating: nil, count: count)
        func tie(_ a: Int, _ b: Int) -> Bool {
            if sprint[a] == nil { sprint[a] = ns[a].info.goSprint() }
            if sprint[b] == nil { sprint[b] = ns[b].info.goSprint() }
            let sa = sprint[a] ?? ""
            let sb = sprint[b] ?? ""
            if !goEqual(sa, sb) { return goLess(sa, sb) }
            return a < b
        }
        var perm = Array(0..<count)
        names.withComparator { compareNames in
            first.withUnsafeBufferPointer { k1 in
                second.withUnsafeBufferPointer { k2 in
                    perm.sort { a, b in
                        switch order {
                        case .flatName:
                            if k1[a] != k1[b] { return k1[a] > k1[b] }
                            let c = compareNames(a, b)
                            if c != 0 { return c < 0 }
                            if k2[a] != k2[b] { return k2[a] > k2[b] }
                            return tie(a, b)
                        case .flatCumName:
                            if k1[a] != k1[b] { return k1[a] > k1[b] }
                            if k2[a] != k2[b] { return k2[a] > k2[b] }
                            let c = compareNames(a, b)
                            if c != 0 { return c < 0 }
                            return tie(a, b)
                        case .cumName, .entropy:
                            if k1[a] != k1[b] { return k1[a] > k1[b] }
                            let c = compareNames(a, b)
                            if c != 0 { return c < 0 }
                            if k2[a] != k2[b] { return k2[a] > k2[b] }
                            return tie(a, b)
                        case .name:
                            let c = compareNames(a, b)
                            if c != 0 { return c < 0 }
                            return tie(a, b)
                        case .file:
                            let c = compareNames(a, b)
                            if c != 0 { return c < 0 }
                            // The start lines, ascending.
                            if k1[a] != k1[b] { return k1[a] < k1[b] }
                            return tie(a, b)
                        case .address:
                            if addresses[a] != addresses[b] { return addresses[a] < addresses[b] }
                            return tie(a, b)
                        }
                    }
                }
            }
        }
        return perm
    }

    /// pprof `entropyScore`: favours entry and leaf nodes and nodes whose weight spreads
    /// over several edges, over plain pass-through nodes.
    func entropyScore(_ i: Int) -> Int64 {
        let n = nodes[i]
        var score = 0.0
        score += n.inEdges.isEmpty ? 1 : edgeEntropy(n.inEdges, self: 0)
        score += n.outEdges.isEmpty ? 1 : edgeEntropy(n.outEdges, self: n.flat)
        return GoConvert.int64(score * Double(n.cum)) &+ n.flat
    }

    private func edgeEntropy(_ list: [Int], self own: Int64) -> Double {
        var score = 0.0
        var total = own
        for e in list where edges[e].weight > 0 { total = total &+ goAbs(edges[e].weight) }
        if total != 0 {
            for e in list {
                let frac = Double(goAbs(edges[e].weight)) / Double(total)
                score += -frac * log2(frac)
            }
            if own > 0 {
                let frac = Double(goAbs(own)) / Double(total)
                score += -frac * log2(frac)
            }
        }
        return score
    }
}

/// Strings packed into one byte buffer, compared as Go compares strings (byte-wise, so
/// canonically equal but byte-different strings differ), with no String touched per comparison.
struct PackedStrings {
    private var bytes: [UInt8] = []
    /// String `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int] = []

    init() {}

    init<S: Sequence>(_ strings: S) where S.Element == String {
        for var s in strings {
            s.withUTF8 { bytes.append(contentsOf: $0) }
            ends.append(bytes.count)
        }
    }

    /// The nodes' printable names, written straight into the buffer.
    init(printableNamesOf nodes: [GraphNode]) {
        ends.reserveCapacity(nodes.count)
        for i in nodes.indices {
            nodes[i].info.appendPrintableName(to: &bytes)
            ends.append(bytes.count)
        }
    }

    /// Runs `body` with a comparison of strings `i` and `j`: negative, 0 or positive.
    func withComparator<R>(_ body: ((Int, Int) -> Int) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                try body { i, j in
                    let ai = i == 0 ? 0 : e[i - 1]
                    let bi = j == 0 ? 0 : e[j - 1]
                    return byteCompare(UnsafeBufferPointer(rebasing: b[ai..<e[i]]), UnsafeBufferPointer(rebasing: b[bi..<e[j]]))
                }
            }
        }
    }
}
