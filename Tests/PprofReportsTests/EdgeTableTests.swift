import Testing

@testable import PprofReports

/// `EdgeTable` (per-position pending edges, flushed to the table on a change of callee, on
/// growth and at the end) against pprof's plain rule: each sample adds to each (src, dest)
/// at most once, its first contribution; residual sticks, inline holds only while every
/// contribution was inlined; edges come out in the order they were first added.
@Suite struct EdgeTableTests {
    struct Reference {
        struct Edge: Equatable {
            var src: Int32, dest: Int32, weight: Int64, weightDiv: Int64, residual: Bool, inline: Bool
        }
        var edges: [Edge] = []
        var index: [UInt64: Int] = [:]
    }

    /// A deterministic generator (xorshift), so a failure replays.
    struct Rand {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    @Test(arguments: [(8, 4, 3), (600, 40, 40), (5000, 3000, 200)])
    func matchesTheOncePerSampleRule(_ shape: (positions: Int, nodes: Int, depth: Int)) {
        var rand = Rand(state: 0x9E37_79B9_7F4A_7C15 &+ UInt64(shape.positions))
        // Each frame position belongs to one node, as `LocationNodes.ids` gives them.
        let owner = (0..<shape.positions).map { _ in Int32(rand.next(shape.nodes)) }
        var table = EdgeTable(positions: shape.positions)
        var reference = Reference()
        for sample in 0..<3000 {
            var seenNodes: Set<Int32> = []
            var seenEdges: Set<UInt64> = []
            let depth = 1 + rand.next(shape.depth)
            // Hot paths repeat: a few stacks shapes are reused often.
            var shapeRand = Rand(state: UInt64(1 + rand.next(rand.next(2) == 0 ? 5 : 1_000_000)))
            var parentPosition = shapeRand.next(shape.positions)
            for _ in 0..<depth {
                let position = shapeRand.next(shape.positions)
                let src = owner[parentPosition], dest = owner[position]
                let w = Int64(1 + rand.next(100)), dw = Int64(rand.next(3))
                let residual = rand.next(8) == 0, inline = rand.next(3) == 0
                let repeats = seenNodes.contains(dest)
                seenNodes.insert(dest)
                if src != dest {
                    table.add(
                        src: src, srcPosition: parentPosition, dest: dest, sample: sample, w: w, dw: dw, residual: residual,
                        inline: inline, destRepeats: repeats)
                    let key = UInt64(UInt32(bitPattern: src)) << 32 | UInt64(UInt32(bitPattern: dest))
                    if seenEdges.insert(key).inserted {
                        if let i = reference.index[key] {
                            reference.edges[i].weight += w
                            reference.edges[i].weightDiv += dw
                            if residual { reference.edges[i].residual = true }
                            if !inline { reference.edges[i].inline = false }
                        } else {
                            reference.index[key] = reference.edges.count
                            reference.edges.append(.init(src: src, dest: dest, weight: w, weightDiv: dw, residual: residual, inline: inline))
                        }
                    }
                }
                parentPosition = position
            }
        }
        table.flushAll()
        let got = table.records().map {
            Reference.Edge(src: $0.src, dest: $0.dest, weight: $0.weight, weightDiv: $0.weightDiv, residual: $0.residual, inline: $0.inline)
        }
        #expect(got.count == reference.edges.count)
        #expect(got == reference.edges)
    }
}
