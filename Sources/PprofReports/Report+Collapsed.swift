import PprofModel

/// Every distinct root-to-leaf stack of a profile as a trie of graph frames (inlined frames
/// included, as the call graph shows them). Node 0 is the root; `selfValue` is the value of
/// the samples whose stack ends exactly at a node.
struct StackTrie {
    var parent: [Int32] = [-1]
    /// Index into `names` of the frame, -1 for the root.
    var frame: [Int32] = [-1]
    var selfValue: [Int64] = [0]
    /// With `sides`: the negated value of the negative (base) samples ending at each node;
    /// `selfValue` then holds only the positive ones.
    var selfBase: [Int64] = [0]
    /// Printable name of each frame id (pprof's `NodeInfo.PrintableName`).
    var names: [String] = []

    var count: Int { parent.count }

    /// The names from the root down to node `n`.
    func path(_ n: Int) -> [String] {
        var out: [String] = []
        var i = n
        while i > 0 {
            out.append(names[Int(frame[i])])
            i = Int(parent[i])
        }
        return out.reversed()
    }

    /// Children lists, built on demand (layout and traversal need them, building does not).
    func children() -> [[Int]] {
        var c = [[Int]](repeating: [], count: count)
        for i in 1..<count { c[Int(parent[i])].append(i) }
        return c
    }

    /// Self value plus every descendant's (children have higher indices than parents).
    func cumulative() -> [Int64] {
        var cum = selfValue
        for i in stride(from: count - 1, through: 1, by: -1) {
            let p = Int(parent[i])
            cum[p] = cum[p] &+ cum[i]
        }
        return cum
    }
}

extension Report {
    /// Folds the samples into a `StackTrie`. One integer hash lookup per frame, keyed by
    /// (trie node, frame id); names are computed once per distinct frame.
    /// - Parameter positiveOnly: skip samples whose value is not positive (flame graphs
    ///   cannot draw negative widths).
    func stackTrie(positiveOnly: Bool, sides: Bool = false) -> StackTrie {
        var o = GraphOptions()
        o.edgeMode = .none
        o.fileTrim = fileTrim(passes: 1)
        let mapper = LocationNodes(profile, o)
        var t = StackTrie()
        t.names = mapper.infos.map { $0.printableName() }
        var child = [UInt64: Int32]()
        let samples = profile.samples
        let vc = samples.valueCount
        let vi = options.sampleIndex
        guard vi >= 0 && vi < vc else { return t }
        for s in 0..<samples.count {
            let w = samples.value(s, vi)
            if w == 0 || (positiveOnly && w < 0) { continue }
            var cur: Int32 = 0
            for loc in samples.stack(s).reversed() {
                let l = Int(loc)
                guard l >= 0 && l + 1 < mapper.start.count else { continue }
                var j = Int(mapper.start[l + 1]) - 1
                while j >= Int(mapper.start[l]) {
                    let id = mapper.ids[j]
                    j -= 1
                    if id < 0 { continue }
                    let key = UInt64(UInt32(bitPattern: cur)) << 32 | UInt64(UInt32(bitPattern: id))
                    if let next = child[key] {
                        cur = next
                    } else {
                        let next = Int32(t.parent.count)
                        t.parent.append(cur)
                        t.frame.append(id)
                        t.selfValue.append(0)
                        t.selfBase.append(0)
                        child[key] = next
                        cur = next
                    }
                }
            }
            if sides && w < 0 {
                t.selfBase[Int(cur)] = t.selfBase[Int(cur)] &- w
            } else {
                t.selfValue[Int(cur)] = t.selfValue[Int(cur)] &+ w
            }
        }
        return t
    }

    /// Applies `divide_by` to a folded value the way pprof scales values (truncating).
    func scaledByRatio(_ v: Int64) -> Int64 {
        let r = options.ratio
        return r > 0 && r != 1 ? GoConvert.int64(Double(v) * r) : v
    }

    /// Brendan Gregg's folded stacks (`-collapsed`): one line per distinct stack,
    /// `root;caller;leaf value`, for flamegraph.pl, inferno or speedscope.
    ///
    /// - Frames are named as the current granularity prints them (as in `top`), inlined
    ///   frames included; `;` inside a name becomes `:` and control characters become `?`
    ///   so every line stays parseable.
    /// - Values are the selected `sample_index` summed per stack, in the profile's own unit
    ///   (nanoseconds, bytes, counts) so they stay integers; `divide_by` is applied to each
    ///   sum (truncated toward zero, as pprof scales values); `mean` is not applied (folded
    ///   values must add up). Stacks summing to zero are left out; negative sums (diff
    ///   profiles) are kept.
    /// - Filters (focus, ignore, hide, show, tag filters, prune) act as for any report.
    /// - Lines are sorted by their stack text (byte order), so output is deterministic.
    package func printCollapsed() -> String {
        let t = stackTrie(positiveOnly: false)
        let names = t.names.map(foldedName)
        var lines: [(stack: String, value: Int64)] = []
        for n in 1..<max(t.count, 1) where t.selfValue[n] != 0 {
            var parts: [String] = []
            var i = n
            while i > 0 {
                parts.append(names[Int(t.frame[i])])
                i = Int(t.parent[i])
            }
            lines.append((parts.reversed().joined(separator: ";"), t.selfValue[n]))
        }
        lines.sort { a, b in goLess(a.stack, b.stack) }
        var out = ""
        var k = 0
        // Distinct frames can print alike (e.g. after sanitizing); their stacks merge.
        while k < lines.count {
            var sum = lines[k].value
            var e = k + 1
            while e < lines.count && goEqual(lines[e].stack, lines[k].stack) {
                sum = sum &+ lines[e].value
                e += 1
            }
            let v = scaledByRatio(sum)
            if v != 0 { out += lines[k].stack + " \(v)\n" }
            k = e
        }
        return out
    }
}

/// C0, DEL, C1 and the bidi embeddings/overrides/isolates: what a terminal or viewer would act on.
private func isFoldedControl(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}

/// A frame name safe inside a folded line: no separator, no line breaks or other controls.
func foldedName(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0 == ";" || isFoldedControl($0) }) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if u == ";" {
            out.append(":")
        } else if isFoldedControl(u) {
            out.append("?")
        } else {
            out.append(u)
        }
    }
    return String(out)
}
