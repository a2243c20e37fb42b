import PprofModel
import Testing

@testable import PprofReports

/// The two-thread graph walk must give exactly the one-thread graph: sums, edges, edge
/// flags and edge order (which later sorts break ties with).
@Suite struct GraphParallelTests {
    /// Random stacks over a few functions, with inlined frames, recursion and repeated
    /// callers, so that edges are residual, inline, partially inline and seen in both halves.
    static func randomProfile(samples: Int, seed: UInt64) -> Profile {
        var b = ProfileBuilder()
        var rng = seed
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % UInt64(n))
        }
        var locations: [Int32] = []
        for i in 0..<40 {
            let inlined = i % 5 == 0 ? ["f\((i + 7) % 23)"] : []
            locations.append(b.location(inlined + ["f\(i % 23)"], address: UInt64(0x1000 + i)))
        }
        for _ in 0..<samples {
            let depth = 1 + next(12)
            b.sample((0..<depth).map { _ in locations[next(locations.count)] }, Int64(1 + next(5)))
        }
        return b.profile
    }

    static func describe(_ g: Graph) -> [String] {
        let nodes = g.nodes.map { "\($0.info.name) \($0.flat) \($0.cum) \($0.inEdges) \($0.outEdges)" }
        let detached = g.detachedNodes.map { "detached \($0.info.name) \($0.inEdges) \($0.outEdges)" }
        let edges = g.edges.map { "\($0.src)->\($0.dest) \($0.weight) r=\($0.residual) i=\($0.inline)" }
        return nodes + detached + edges
    }

    @Test(arguments: [GraphEdgeMode.all, .inlinedCallees, .none])
    func twoThreadsMatchOne(mode: GraphEdgeMode) {
        let p = Self.randomProfile(samples: 3_000, seed: 42)
        var full = GraphOptions()
        full.sampleIndex = 1
        let all = Graph.build(p, full).nodes
        // Dropping every third node makes residual edges.
        let kept = Set(all.indices.filter { $0 % 3 != 0 }.map { all[$0].info })
        for keptNodes in [nil, kept] {
            var one = GraphOptions()
            one.sampleIndex = 1
            one.edgeMode = mode
            one.parallelMinSamples = .max
            one.keptNodes = keptNodes
            var two = one
            two.parallelMinSamples = 0
            let g1 = Graph.build(p, one)
            let g2 = Graph.build(p, two)
            #expect(!g1.nodes.isEmpty)
            #expect(mode != .all || !g1.edges.isEmpty)
            #expect(Self.describe(g1) == Self.describe(g2))
        }
    }

    /// A build whose `stillWanted` turns false stops walking at the next check: what it gives
    /// is the graph of the samples walked so far (one check per 4096 samples).
    @Test(arguments: [GraphEdgeMode.all, .inlinedCallees, .none])
    func unwantedBuildStopsAtTheNextCheck(mode: GraphEdgeMode) {
        final class Countdown: @unchecked Sendable {
            var left: Int
            init(_ n: Int) { left = n }
            func next() -> Bool {
                left -= 1
                return left >= 0
            }
        }
        var o = GraphOptions()
        o.sampleIndex = 1
        o.edgeMode = mode
        o.parallelMinSamples = .max
        let p = Self.randomProfile(samples: 10_000, seed: 7)
        let first = Self.randomProfile(samples: 2 * 4096, seed: 7)
        #expect(Array(first.samples.stack(100)) == Array(p.samples.stack(100)))
        let countdown = Countdown(2)
        o.stillWanted = { countdown.next() }
        let stopped = Graph.build(p, o)
        o.stillWanted = nil
        #expect(Self.describe(stopped) == Self.describe(Graph.build(first, o)))
        #expect(Self.describe(stopped) != Self.describe(Graph.build(p, o)))
        o.stillWanted = { true }
        #expect(Self.describe(Graph.build(p, o)) == Self.describe(Graph.build(p, { var x = o; x.stillWanted = nil; return x }())))
    }
}
