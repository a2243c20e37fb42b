import PprofModel
import PprofReports

/// One row of a Sandwich: the centre, or a caller or callee path leading away from it.
package struct SandwichRow: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case caller, center, callee }
    package var kind: Kind
    /// Names from the centre outwards, excluding the centre (empty for the centre).
    package var path: [String]
    /// Samples whose stack holds this call path (each sample counted once, however often
    /// the path recurs in it): for a first-level row, pprof's edge weight in `peek` (with
    /// `mean`, divided as pprof divides a weight: the sum over the sum of the divisors).
    package var cum: Int64
    /// Callees and the centre: samples whose stack ends at this path (the centre's flat).
    package var flat: Int64
    /// The row has callers (callees) of its own to unfold.
    package var expandable: Bool
    package var expanded: Bool

    package var name: String { path.last ?? "" }
    package var depth: Int { path.count }
}

/// The Sandwich of one function from the report's filtered, aggregated profile: its callers
/// as an inverted tree above it and its callees as a tree below, merged over every stack it
/// appears in. Names are the Flame's (`FlameIndex`: `NodeInfo.printableName` at the
/// report's granularity), and consecutive frames of one name are one frame, as pprof's graph
/// drops self edges; so a first-level row's cum is the `peek` edge weight and the centre's
/// flat and cum are the graph node's.
enum SandwichBuilder {
    /// A call-path trie node while counting.
    private struct Node {
        var name: Int32
        var path: [String]
        var cum: Int64 = 0
        var flat: Int64 = 0
        /// `mean`'s divisors, summed as `cum` and `flat` are.
        var cumDiv: Int64 = 0
        var flatDiv: Int64 = 0
        /// The last sample counted, so a path recurring in one stack counts once.
        var stamp = -1
        var flatStamp = -1
        /// Some stack goes on past this node (it has callers, or callees, to unfold).
        var more = false
        var children: [Int32: Int] = [:]
        var expanded: Bool
        /// What is shown: pprof's `GraphNode.cumValue` / `flatValue` arithmetic.
        var cumValue: Int64 { cumDiv == 0 ? cum : goDiv(cum, cumDiv) }
        var flatValue: Int64 { flatDiv == 0 ? flat : goDiv(flat, flatDiv) }
    }

    /// The rows for `center` with the caller and callee paths in `expandedCallers` and
    /// `expandedCallees` unfolded, each tree depth first (a row's callers, or callees, follow
    /// it indented): callers above the centre, callees below, siblings by |cum| descending
    /// then name, so the first level is in `peek`'s order. Empty when `center` is not a name.
    static func rows(
        _ report: Report, _ x: FlameIndex, center: String, expandedCallers: Set<[String]>, expandedCallees: Set<[String]>
    ) -> [SandwichRow] {
        guard let c32 = x.names.firstIndex(of: center).map(Int32.init) else { return [] }
        let p = report.profile
        let samples = p.samples
        let si = report.options.sampleIndex
        let width = samples.valueCount
        guard si >= 0, si < width else { return [] }
        // pprof's graph: a sample counts when its value or its mean divisor is non-zero.
        let di = report.options.meanDivisorIndex.flatMap { $0 >= 0 && $0 < width ? $0 : nil }
        let locCount = p.locations.count
        // Trie 0: callers (paths towards the root); trie 1: callees. Node 0 is the centre.
        var tries = [[Node(name: c32, path: [], expanded: true)], [Node(name: c32, path: [], expanded: true)]]
        let expanded = [expandedCallers, expandedCallees]
        var centre = Node(name: c32, path: [], expanded: true)
        // The locations with a frame of the centre: a sample on none of them is skipped
        // without building its frame sequence.
        var hasCentre = [Bool](repeating: false, count: locCount)
        for l in 0..<locCount where x.locNames[Int(x.locStart[l])..<Int(x.locStart[l + 1])].contains(c32) { hasCentre[l] = true }
        var seq: [Int32] = []
        for s in 0..<samples.count {
            let value = samples.values[s * width + si]
            let div = di.map { samples.values[s * width + $0] } ?? 0
            if value == 0 && div == 0 { continue }
            guard samples.stacks[samples.stackOffsets[s]..<samples.stackOffsets[s + 1]].contains(where: { $0 >= 0 && Int($0) < locCount && hasCentre[Int($0)] })
            else { continue }
            // Root-first frame names, runs of one name merged.
            seq.removeAll(keepingCapacity: true)
            let lo = samples.stackOffsets[s]
            var slot = samples.stackOffsets[s + 1] - 1
            while slot >= lo {
                let l = Int(samples.stacks[slot])
                slot -= 1
                guard l >= 0, l < locCount else { continue }
                var k = Int(x.locStart[l + 1]) - 1
                while k >= Int(x.locStart[l]) {
                    let id = x.locNames[k]
                    if seq.last != id { seq.append(id) }
                    k -= 1
                }
            }
            centre.cum &+= value
            centre.cumDiv &+= div
            if seq.last == c32 {
                centre.flat &+= value
                centre.flatDiv &+= div
            }
            for (i, id) in seq.enumerated() where id == c32 {
                for t in 0..<2 {
                    let step = t == 0 ? -1 : 1
                    var node = 0
                    var j = i + step
                    while j >= 0, j < seq.count {
                        tries[t][node].more = true
                        guard tries[t][node].expanded else { break }
                        let name = seq[j]
                        let child: Int
                        if let known = tries[t][node].children[name] {
                            child = known
                        } else {
                            child = tries[t].count
                            let path = tries[t][node].path + [x.names[Int(name)]]
                            tries[t].append(Node(name: name, path: path, expanded: expanded[t].contains(path)))
                            tries[t][node].children[name] = child
                        }
                        if tries[t][child].stamp != s {
                            tries[t][child].stamp = s
                            tries[t][child].cum &+= value
                            tries[t][child].cumDiv &+= div
                        }
                        if t == 1, j == seq.count - 1, tries[t][child].flatStamp != s {
                            tries[t][child].flatStamp = s
                            tries[t][child].flat &+= value
                            tries[t][child].flatDiv &+= div
                        }
                        node = child
                        j += step
                    }
                }
            }
        }
        let mid = SandwichRow(kind: .center, path: [], cum: centre.cumValue, flat: centre.flatValue, expandable: false, expanded: true)
        return flatten(tries[0], x, kind: .caller) + [mid] + flatten(tries[1], x, kind: .callee)
    }

    /// Depth-first rows of one trie, siblings by |cum| descending (the undivided sum, as pprof
    /// sorts edges by weight), then name, then id.
    private static func flatten(_ trie: [Node], _ x: FlameIndex, kind: SandwichRow.Kind) -> [SandwichRow] {
        var out: [SandwichRow] = []
        func visit(_ node: Int) {
            let kids = trie[node].children.values.sorted { a, b in
                let (ca, cb) = (trie[a].cum.magnitude, trie[b].cum.magnitude)
                if ca != cb { return ca > cb }
                let (na, nb) = (x.names[Int(trie[a].name)], x.names[Int(trie[b].name)])
                return na != nb ? na < nb : a < b
            }
            for k in kids {
                let n = trie[k]
                out.append(SandwichRow(kind: kind, path: n.path, cum: n.cumValue, flat: n.flatValue, expandable: n.more, expanded: n.expanded))
                if n.expanded { visit(k) }
            }
        }
        visit(0)
        return out
    }
}
