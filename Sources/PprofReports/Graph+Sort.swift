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
    package mutating func sort(_ order: NodeOrder) {
        let count = nodes.count
        var names: [String] = []
        switch order {
        case .flatName, .flatCumName, .cumName, .entropy: names = nodes.map { $0.info.printableName() }
        default: break
        }
        var score: [Int64] = []
        switch order {
        case .cumName: score = nodes.map(\.cum)
        case .entropy: score = nodes.indices.map { entropyScore($0) }
        default: break
        }
        var sprint = [String?](repeating: nil, count: count)
        let ns = nodes
        func tie(_ a: Int, _ b: Int) -> Bool {
            if sprint[a] == nil { sprint[a] = ns[a].info.goSprint() }
            if sprint[b] == nil { sprint[b] = ns[b].info.goSprint() }
            let sa = sprint[a] ?? ""
            let sb = sprint[b] ?? ""
            if !goEqual(sa, sb) { return goLess(sa, sb) }
            return a < b
        }
        var perm = Array(0..<count)
        perm.sort { a, b in
            let l = ns[a]
            let r = ns[b]
            switch order {
            case .flatName, .flatCumName:
                let lf = goAbs(l.flat)
                let rf = goAbs(r.flat)
                if lf != rf { return lf > rf }
                if order == .flatName {
                    if !goEqual(names[a], names[b]) { return goLess(names[a], names[b]) }
                }
                let lc = goAbs(l.cum)
                let rc = goAbs(r.cum)
                if lc != rc { return lc > rc }
                if order == .flatCumName {
                    if !goEqual(names[a], names[b]) { return goLess(names[a], names[b]) }
                }
                return tie(a, b)
            case .cumName, .entropy:
                let ls = goAbs(score[a])
                let rs = goAbs(score[b])
                if ls != rs { return ls > rs }
                if !goEqual(names[a], names[b]) { return goLess(names[a], names[b]) }
                let lf = goAbs(l.flat)
                let rf = goAbs(r.flat)
                if lf != rf { return lf > rf }
                return tie(a, b)
            case .name:
                if !goEqual(l.info.name, r.info.name) { return goLess(l.info.name, r.info.name) }
                return tie(a, b)
            case .file:
                if !goEqual(l.info.file, r.info.file) { return goLess(l.info.file, r.info.file) }
                if l.info.startLine != r.info.startLine { return l.info.startLine < r.info.startLine }
                return tie(a, b)
            case .address:
                if l.info.address != r.info.address { return l.info.address < r.info.address }
                return tie(a, b)
            }
        }
        reorder(perm)
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
