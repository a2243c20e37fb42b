import Foundation
import PprofModel
import PprofReports
import PprofTUI
import Testing

/// The Flame's frames against a plain reference: every sample's root-first path of names in
/// a dictionary trie, then the drawable frames picked breadth first. The build under test
/// runs on one thread and on two (every profile here forced parallel), on random profiles
/// with inlined frames, invalid location ids and values of both signs.
@Suite struct FlameBuilderTests {
    /// A deterministic profile: `functions` functions, locations of one to three lines, and
    /// stacks that share root-side trunks with random leaf ends.
    static func randomProfile(seed: UInt64, samples: Int = 600, functions: Int = 40, negative: Bool = false) -> Profile {
        var rng = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % UInt64(n))
        }
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        for i in 0..<functions {
            p.functions.append(Function(id: UInt64(i + 1), name: "pkg\(i % 5).fn\(i)", systemName: "", filename: "/src/f\(i % 7).go", startLine: 1))
        }
        let locCount = functions * 2
        for i in 0..<locCount {
            var loc = Location(id: UInt64(i + 1))
            loc.address = 0x1000 + UInt64(i) * 16
            loc.lines = (0..<(1 + (next(6) == 0 ? 1 + next(2) : 0))).map { _ in Line(function: Int32(next(functions)), line: Int64(1 + next(30))) }
            p.locations.append(loc)
        }
        let trunks = (0..<4).map { _ in (0..<12).map { _ in Int32(next(locCount)) } }
        p.samples = SampleTable(valueCount: 2)
        for _ in 0..<samples {
            var rootFirst = Array(trunks[next(trunks.count)].prefix(1 + next(12)))
            for _ in 0..<next(5) { rootFirst.append(Int32(next(locCount))) }
            // Now and then a location id no table has (skipped as the graph skips it).
            if next(40) == 0 { rootFirst.insert(next(2) == 0 ? -1 : Int32(locCount + 3), at: next(rootFirst.count + 1)) }
            // Mostly small values with a few heavy samples, so narrow frames are dropped.
            var v = Int64(next(20) == 0 ? 50_000 + next(100_000) : next(4))
            if negative && next(3) == 0 { v = -v }
            p.samples.append(stack: Array(rootFirst.reversed()), values: [v, v * 10], labels: [])
        }
        return p
    }

    final class Node {
        var name: Int32
        var cum: Int64 = 0
        var flat: Int64 = 0
        var mag: UInt64 = 0
        var grow: Int64 = 0
        var shrink: Int64 = 0
        var flatGrow: Int64 = 0
        var flatShrink: Int64 = 0
        var children: [Int32: Node] = [:]
        init(_ name: Int32) { self.name = name }
    }

    /// The reference: the whole trie, then the kept frames in breadth-first order.
    static func reference(_ report: Report, _ x: FlameIndex, zoom: [String], diff: Bool) -> (frames: [ProfileView.Frame], zoomMissing: Bool) {
        let p = report.profile
        let si = report.options.sampleIndex
        let root = Node(-1)
        for s in 0..<p.samples.count {
            let v = p.samples.value(s, si)
            if v == 0 { continue }
            var path: [Int32] = []
            for l in p.samples.stack(s).reversed() where l >= 0 && Int(l) < p.locations.count {
                // A location's names are callee first: the outermost comes first from the root.
                path += x.locNames[Int(x.locStart[Int(l)])..<Int(x.locStart[Int(l) + 1])].reversed()
            }
            var node = root
            func add(_ n: Node) {
                n.cum &+= v
                n.mag &+= v.magnitude
                if v > 0 { n.grow &+= v } else { n.shrink &-= v }
            }
            add(root)
            for id in path {
                let child = node.children[id] ?? Node(id)
                node.children[id] = child
                node = child
                add(node)
            }
            node.flat &+= v
            if v > 0 { node.flatGrow &+= v } else { node.flatShrink &-= v }
        }
        let zoomIDs = zoom.map { name in Int32(x.names.firstIndex(of: name) ?? -1) }
        var frames: [ProfileView.Frame] = []
        var nodes: [Node] = []
        var zoomTotal: UInt64 = 0
        var minWidth: UInt64 = 0
        var zoomMissing = false
        func emit(_ n: Node, parent: Int, depth: Int, offset: UInt64) {
            nodes.append(n)
            var f = ProfileView.Frame(name: Int(n.name), parent: parent, depth: depth, cum: n.cum, flat: n.flat, children: [], offset: diff ? 0 : offset)
            if diff {
                f.grow = n.grow
                f.shrink = n.shrink
            }
            frames.append(f)
        }
        emit(root, parent: -1, depth: 0, offset: 0)
        var i = 0
        while i < frames.count {
            let n = nodes[i]
            let depth = frames[i].depth
            if depth == zoomIDs.count {
                zoomTotal = diff ? n.grow.magnitude + n.shrink.magnitude : n.cum.magnitude
                let r = diff ? 2 * FlameBuilder.resolution : FlameBuilder.resolution
                minWidth = (zoomTotal + r - 1) / r
            }
            var offset: UInt64 = 0
            for c in n.children.values.sorted(by: { x.rank[Int($0.name)] < x.rank[Int($1.name)] }) {
                let keep: Bool
                if depth < zoomIDs.count {
                    keep = c.name == zoomIDs[depth]
                } else if diff {
                    keep = c.mag != 0 && zoomTotal > 0 && c.mag >= minWidth
                } else {
                    keep = c.cum != 0 && zoomTotal > 0 && c.cum.magnitude >= minWidth
                }
                if keep {
                    frames[i].children.append(frames.count)
                    emit(c, parent: i, depth: depth + 1, offset: offset)
                }
                offset &+= c.cum.magnitude
            }
            if depth < zoomIDs.count && frames[i].children.isEmpty { zoomMissing = true }
            i += 1
        }
        if diff {
            for j in frames.indices.reversed() {
                var w = max(nodes[j].flatGrow.magnitude, nodes[j].flatShrink.magnitude)
                for c in frames[j].children { w &+= frames[c].larger }
                frames[j].larger = w
            }
        }
        return (frames, zoomMissing)
    }

    static func report(_ p: Profile) throws -> Report {
        ViewBuilder.peekReport(try Session(profile: p).prepareReport(command: "top"))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func framesMatchTheReference(seed: Int) throws {
        for diff in [false, true] {
            let r = try Self.report(Self.randomProfile(seed: UInt64(seed), negative: diff))
            let x = FlameBuilder.index(r)
            let whole = Self.reference(r, x, zoom: [], diff: diff)
            #expect(whole.frames.count > 10)
            // Some frames are too narrow to keep, so the pruning is exercised.
            #expect(whole.frames.count < 600)
            // A zoom root two frames down the widest path, and one that does not exist.
            var path: [String] = []
            var f = 0
            for _ in 0..<2 {
                guard let c = whole.frames[f].children.max(by: { whole.frames[$0].cum.magnitude < whole.frames[$1].cum.magnitude }) else { break }
                path.append(x.names[whole.frames[c].name])
                f = c
            }
            for zoom in [[], path, ["no.such.function"]] {
                let want = Self.reference(r, x, zoom: zoom, diff: diff)
                // On one thread and two; subtrees built in place, some apart, all apart.
                for parallelMin in [1, Int.max] {
                    for apartMax in [0, 40, Int.max] {
                        let got = FlameBuilder.buildFrames(r, x, zoom: zoom, diff: diff, parallelMin: parallelMin, apartMax: apartMax)
                        #expect(got?.frames == want.frames, "seed \(seed) diff \(diff) zoom \(zoom) parallelMin \(parallelMin) apartMax \(apartMax)")
                        #expect(got?.zoomMissing == want.zoomMissing)
                    }
                }
            }
        }
    }

    /// Names found on two threads are those one pass finds, with the same ids.
    /// A frame's colour hashes its package part (of the last part between '/'s, the first
    /// part between '.'s), read from the name's bytes: the same as splitting the string.
    @Test func paletteSlotsHashThePackagePart() {
        func reference(_ name: String) -> UInt8 {
            let afterSlash = name.split(separator: "/").last.map(String.init) ?? name
            let package = afterSlash.split(separator: ".").first.map(String.init) ?? afterSlash
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in package.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return UInt8(h % UInt64(Renderer.flamePalette.count))
        }
        let names = [
            "", "/", "///", ".", "...", "main", "main.main", "runtime.goexit", "a/b/c.F", "a/b/", "a//b.c.d",
            "github.com/acme/net/config/v3.InitTable", "go.example.org/x.(*T).M.func1", "..x.y", "x/..y", "/.", "./",
            "std::vector<int>::push_back", "héllo/wörld.f", "日本/語.関数", "a.b/c", "<unknown>", "[libc.so.6]",
        ]
        for name in names { #expect(Renderer.paletteSlot(name) == reference(name), "\(name)") }
        #expect(Set(names.map(Renderer.paletteSlot)).count > 1)
    }

    @Test func indexOnTwoThreadsEqualsOnePass() throws {
        for p in [Self.randomProfile(seed: 3, functions: 300), TestProfile.make()] {
            let r = try Self.report(p)
            let one = FlameBuilder.index(r, parallelMin: Int.max)
            let two = FlameBuilder.index(r, parallelMin: 1)
            #expect(two.names == one.names)
            #expect(two.rank == one.rank)
            #expect(two.locStart == one.locStart)
            #expect(two.locNames == one.locNames)
            #expect(one.locStart.count == r.profile.locations.count + 1)
            #expect(Set(one.names).count == one.names.count)
        }
    }

    /// The hand-made profile's icicle, frame by frame.
    @Test func testProfileFrames() throws {
        let r = try Self.report(TestProfile.make())
        let x = FlameBuilder.index(r)
        let got = try #require(FlameBuilder.buildFrames(r, x, zoom: [], diff: false, parallelMin: 1))
        let names = got.frames.map { $0.name < 0 ? "root" : x.names[$0.name] }
        #expect(names.prefix(4) == ["root", "main.main", "evil\u{1b}[31mred", "main.run"])
        #expect(got.frames[0].cum == 100 * 10_000_000)
        #expect(got.frames == Self.reference(r, x, zoom: [], diff: false).frames)
    }

    /// A build that is no longer wanted stops and gives nothing, at the start or midway.
    @Test func cancelledBuildGivesNothing() throws {
        let r = try Self.report(Self.randomProfile(seed: 9, samples: 3000))
        let x = FlameBuilder.index(r)
        #expect(FlameBuilder.buildFrames(r, x, zoom: [], diff: false, wanted: { false }, parallelMin: 1) == nil)
        for parallelMin in [1, Int.max] {
            for apartMax in [0, Int.max] {
                let calls = Counter()
                let midway = FlameBuilder.buildFrames(
                    r, x, zoom: [], diff: false, wanted: { calls.next() < 5 }, parallelMin: parallelMin, apartMax: apartMax)
                #expect(midway == nil)
                #expect(calls.value >= 5)
            }
        }
        #expect(FlameBuilder.buildFrames(r, x, zoom: [], diff: false, wanted: { true }, parallelMin: 1) != nil)
    }

    final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return n
        }
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            n += 1
            return n - 1
        }
    }
}
