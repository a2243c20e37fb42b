import GoRegex
import PprofModel
import Testing

@testable import PprofReports

/// The shared location mapping must give exactly what a fresh build gives: the derived
/// kept-nodes mapping, the used-locations-only mapping of a focused profile, and a cache
/// that never serves a mapping of another profile.
@Suite struct GraphNodeCacheTests {
    static let describe = GraphParallelTests.describe

    @Test func keepingEqualsAKeptNodesBuild() {
        let p = GraphParallelTests.randomProfile(samples: 2_000, seed: 7)
        let base = LocationNodes(p, GraphOptions())
        let infos = Graph.build(p, GraphOptions()).nodes.map(\.info)
        for step in [2, 3, 5] {
            let kept = Set(infos.indices.filter { $0 % step != 0 }.map { infos[$0] })
            var o = GraphOptions()
            o.keptNodes = kept
            let direct = LocationNodes(p, o)
            let derived = base.keeping(kept)
            #expect(derived.ids == direct.ids)
            #expect(derived.infos == direct.infos)
            #expect(derived.inlinable == direct.inlinable)
            #expect(derived.entries.map(\.only) == direct.entries.map(\.only))
            #expect(Self.describe(Graph.build(p, derived, o)) == Self.describe(Graph.build(p, o)))
        }
    }

    /// A focused profile resolves only the locations its stacks use; its graphs (sorted as
    /// every report sorts them) equal those of a mapping of every location.
    @Test func usedLocationsOnlyGiveTheSameSortedGraph() throws {
        var p = GraphParallelTests.randomProfile(samples: 300, seed: 11)
        // Many unused locations before and after the used ones, sharing functions with them.
        var b = ProfileBuilder()
        b.profile = p
        for i in 0..<40 * 64 { _ = b.location(["f\(i % 29)", "g\(i % 7)"], address: UInt64(0x9000 + i)) }
        p = b.profile
        let used = try #require(LocationNodes.usedLocations(p))
        #expect(used.contains(false))
        var all = LocationNodes()
        // Resolve every location: the same init over a profile whose stacks are long enough.
        var dense = p
        let reps = 64 * p.locations.count / max(p.samples.stacks.count, 1) + 1
        dense.samples.stacks = Array(repeating: p.samples.stacks, count: reps).flatMap { $0 }
        all = LocationNodes(dense, GraphOptions())
        #expect(LocationNodes.usedLocations(dense) == nil)
        let sparse = LocationNodes(p, GraphOptions())
        #expect(sparse.infos.count < all.infos.count)
        for mode in [GraphEdgeMode.all, .none] {
            var o = GraphOptions()
            o.edgeMode = mode
            var g1 = Graph.build(p, sparse, o)
            var g2 = Graph.build(p, all, o)
            g1.sortNodes(cum: false, visualMode: false)
            g2.sortNodes(cum: false, visualMode: false)
            #expect(g1.nodes.map(\.info) == g2.nodes.map(\.info))
            #expect(g1.nodes.map(\.flat) == g2.nodes.map(\.flat))
            #expect(g1.nodes.map(\.cum) == g2.nodes.map(\.cum))
            let edges = { (g: Graph) in
                g.edges.map { "\(g.nodes[$0.src].info.name)->\(g.nodes[$0.dest].info.name) \($0.weight) \($0.residual) \($0.inline)" }
            }
            #expect(edges(g1) == edges(g2))
        }
    }

    @Test func cacheServesOnlyTheProfileItWasBuiltFrom() {
        let p = GraphParallelTests.randomProfile(samples: 500, seed: 3)
        let cache = LocationNodesCache()
        let key = LocationNodesCache.Key(objNames: false, origFnNames: false, trim: FileTrim(trimPath: "", searchPath: "", passes: 1))
        var builds = 0
        let first = cache.nodes(key, p) {
            builds += 1
            return LocationNodes(p, GraphOptions())
        }
        _ = cache.nodes(key, p) {
            builds += 1
            return LocationNodes(p, GraphOptions())
        }
        #expect(builds == 1)
        var renamed = p
        renamed.functions[0].name = "other"
        let second = cache.nodes(key, renamed) {
            builds += 1
            return LocationNodes(renamed, GraphOptions())
        }
        #expect(builds == 2)
        #expect(first.infos != second.infos)
        var otherKey = key
        otherKey.objNames = true
        _ = cache.nodes(otherKey, p) {
            builds += 1
            return LocationNodes(p, GraphOptions())
        }
        #expect(builds == 3)
    }

    /// The filter fast path (focus/ignore without hide/show) keeps what pprof keeps.
    @Test func focusIgnoreFastPathMatchesTheDefinition() throws {
        let p = GraphParallelTests.randomProfile(samples: 110_000, seed: 5)
        let focus = try GoRegex("f1[0-3]")
        let ignore = try GoRegex("^f2$")
        var q = p
        q.filterSamplesByName(focus: focus, ignore: ignore, hide: nil, show: nil)
        let names = p.functions.map(\.name)
        var expected: [Int] = []
        for i in 0..<p.samples.count {
            let frames = p.samples.stack(i).flatMap { p.locations[Int($0)].lines.map { names[Int($0.function)] } }
            if frames.contains(where: { focus.matches($0) }) && !frames.contains(where: { ignore.matches($0) }) {
                expected.append(i)
            }
        }
        #expect(q.samples.count == expected.count)
        #expect(expected.count > 0 && expected.count < p.samples.count)
        for (k, i) in expected.enumerated() {
            #expect(Array(q.samples.stack(k)) == Array(p.samples.stack(i)))
            #expect(Array(q.samples.values(k)) == Array(p.samples.values(i)))
        }
    }
}
