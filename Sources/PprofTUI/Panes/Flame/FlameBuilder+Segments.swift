import Dispatch
import Foundation
import PprofModel
import PprofReports

/// Whether a background build is still wanted (false once a newer view was asked for).
package typealias StillWanted = @Sendable () -> Bool

extension FlameBuilder {
    /// Cursor counts from which the frames are built on two threads.
    static let parallelMinCursors = 50_000

    /// The kept frames of the icicle, built depth first: a frame's cursors (one per sample
    /// under it) are grouped by their next frame name with a counting pass over dense name
    /// ids, the children wide enough are kept, and only their cursors move on, each child's
    /// together, into the same range of the other buffer. So a frame's cursors stay in cache
    /// while its subtree is built (a level-by-level walk streams every cursor per level), and
    /// disjoint subtrees are built on two threads at once; a subtree small enough is built
    /// by one thread from a dense copy of its samples' remaining stack slots (`FrameTreeBuild`).
    /// Frames come out in breadth-first order, children in name order, whichever thread built
    /// them: the same frames as a build level by level.
    /// - Returns: nil when `wanted` turned false during the build.
    package static func buildFrames(
        _ report: Report, _ x: FlameIndex, zoom: [String], diff: Bool, wanted: @escaping StillWanted = { true },
        parallelMin: Int = parallelMinCursors, apartMax: Int = FrameTreeBuild.apartMaxCursors
    ) -> (frames: [ProfileView.Frame], zoomMissing: Bool)? {
        let p = report.profile
        let samples = p.samples
        let si = report.options.sampleIndex
        let root = ProfileView.Frame(name: -1, parent: -1, depth: 0, cum: 0, flat: 0, children: [])
        guard si >= 0, si < samples.valueCount else { return ([root], false) }
        let locCount = p.locations.count
        let a = UnsafeMutableBufferPointer<Cursor>.allocate(capacity: max(1, samples.count))
        defer { a.deallocate() }
        let n = rootCursors(samples, si, x, locCount, into: a)
        let b = UnsafeMutableBufferPointer<Cursor>.allocate(capacity: max(1, n))
        let nameOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, n))
        defer {
            b.deallocate()
            nameOf.deallocate()
        }
        let zoomIDs: [Int32] = zoom.map { name in Int32(x.names.firstIndex(of: name) ?? -1) }
        let built: FrameTreeBuild? = samples.stacks.withUnsafeBufferPointer { stacks in
            x.locStart.withUnsafeBufferPointer { locStart in
                x.locNames.withUnsafeBufferPointer { locNames in
                    let space = CursorSpace(stacks: stacks, even: a, odd: b, nameOf: nameOf)
                    let work = FrameTreeBuild(
                        space: space, locStart: locStart, locNames: locNames, locCount: locCount, rank: x.rank, zoomIDs: zoomIDs,
                        diff: diff, wanted: wanted, root: root, count: n, apartMax: apartMax)
                    if n >= parallelMin && ProcessInfo.processInfo.activeProcessorCount > 1 {
                        DispatchQueue.concurrentPerform(iterations: 2) { _ in work.run() }
                    } else {
                        work.run()
                    }
                    return work.stopped ? nil : work
                }
            }
        }
        guard let built else { return nil }
        return (built.list.breadthFirst(), built.list.zoomMissing)
    }
}

/// One frame still to expand: its cursors are `lo..<hi` of the buffer of its depth's parity.
struct FrameSegment {
    var frame: Int
    var lo: Int
    var hi: Int
    var depth: Int
}

/// The counting arrays of one worker, indexed by name id; zero between expansions.
struct FrameScratch {
    var acc: [Int64]
    var mag: [UInt64]
    var count: [Int]
    var touched: [Int32] = []

    init(nameCount: Int, diff: Bool) {
        acc = [Int64](repeating: 0, count: nameCount)
        mag = diff ? [UInt64](repeating: 0, count: nameCount) : []
        count = [Int](repeating: 0, count: nameCount)
    }
}

/// What expanding one segment found: the frame's sums and its kept children, whose cursors
/// now lie, child by child in name order, at the front of the segment's range in the other
/// buffer.
struct FrameExpansion {
    var cum: Int64 = 0
    var flat: Int64 = 0
    /// Differential sides (new >= 0, base >= 0) of the frame and of its own samples.
    var grow: Int64 = 0
    var shrink: Int64 = 0
    var flatGrow: Int64 = 0
    var flatShrink: Int64 = 0
    var kids: [(name: Int32, cum: Int64, offset: UInt64, count: Int)] = []
    /// Set when the segment is the zoom root: the width below which frames are not kept.
    var zoomWidth: (total: UInt64, min: UInt64)?
    var zoomMissing = false
}


/// Frames built so far, with the zoom root's width once it is known.
struct FrameList {
    var frames: [ProfileView.Frame]
    /// Differential builds: each frame's own new and base sides, for the bottom-up widths.
    var flatSides: [(grow: Int64, shrink: Int64)]
    let diff: Bool
    var zoomTotal: UInt64 = 0
    var minWidth: UInt64 = 0
    var zoomMissing = false

    init(root: ProfileView.Frame, diff: Bool) {
        frames = [root]
        flatSides = diff ? [(0, 0)] : []
        self.diff = diff
    }

    /// Takes in an expansion: the frame's sums and its children; returns their segments.
    mutating func record(_ seg: FrameSegment, _ e: FrameExpansion) -> [FrameSegment] {
        let f = seg.frame
        frames[f].cum = e.cum
        frames[f].flat = e.flat
        if diff {
            frames[f].grow = e.grow
            frames[f].shrink = e.shrink
            flatSides[f] = (e.flatGrow, e.flatShrink)
        }
        if let z = e.zoomWidth { (zoomTotal, minWidth) = z }
        if e.zoomMissing { zoomMissing = true }
        var kids: [Int] = []
        var segments: [FrameSegment] = []
        kids.reserveCapacity(e.kids.count)
        segments.reserveCapacity(e.kids.count)
        var lo = seg.lo
        for k in e.kids {
            let index = frames.count
            frames.append(
                ProfileView.Frame(name: Int(k.name), parent: f, depth: seg.depth + 1, cum: k.cum, flat: 0, children: [], offset: k.offset))
            if diff { flatSides.append((0, 0)) }
            kids.append(index)
            segments.append(FrameSegment(frame: index, lo: lo, hi: lo + k.count, depth: seg.depth + 1))
            lo += k.count
        }
        frames[f].children = kids
        return segments
    }

    /// Adds the frames of a subtree built apart: its frame 0 is this list's frame `f`.
    mutating func absorb(_ sub: FrameList, at f: Int) {
        let base = frames.count - 1
        func map(_ i: Int) -> Int { i == 0 ? f : base + i }
        let top = sub.frames[0]
        frames[f].cum = top.cum
        frames[f].flat = top.flat
        frames[f].grow = top.grow
        frames[f].shrink = top.shrink
        frames[f].children = top.children.map(map)
        if diff { flatSides[f] = sub.flatSides[0] }
        frames.reserveCapacity(frames.count + sub.frames.count - 1)
        for i in sub.frames.indices.dropFirst() {
            var fr = sub.frames[i]
            fr.parent = map(fr.parent)
            fr.children = fr.children.map(map)
            frames.append(fr)
            if diff { flatSides.append(sub.flatSides[i]) }
        }
        if sub.zoomMissing { zoomMissing = true }
        zoomTotal = sub.zoomTotal
        minWidth = sub.minWidth
    }

    /// The frames renumbered breadth first (children in name order), the order a build
    /// level by level makes; differential frames get their path-by-path larger side.
    func breadthFirst() -> [ProfileView.Frame] {
        var order = [0]
        order.reserveCapacity(frames.count)
        var i = 0
        while i < order.count {
            order += frames[order[i]].children
            i += 1
        }
        var newIndex = [Int](repeating: -1, count: frames.count)
        for (j, f) in order.enumerated() { newIndex[f] = j }
        var out: [ProfileView.Frame] = []
        out.reserveCapacity(order.count)
        for f in order {
            var fr = frames[f]
            if fr.parent >= 0 { fr.parent = newIndex[fr.parent] }
            fr.children = fr.children.map { newIndex[$0] }
            out.append(fr)
        }
        if diff {
            // Children come after their parent: sum the larger side bottom-up.
            for j in out.indices.reversed() {
                let sides = flatSides[order[j]]
                var w = max(sides.grow.magnitude, sides.shrink.magnitude)
                for c in out[j].children { w &+= out[c].larger }
                out[j].larger = w
            }
        }
        return out
    }
}

/// The cursors of some segments and the stack slots they read: a segment at depth d reads
/// its cursors from buffer d % 2 and moves its kept children's into the other.
struct CursorSpace {
    let stacks: UnsafeBufferPointer<Int32>
    let even: UnsafeMutableBufferPointer<FlameBuilder.Cursor>
    let odd: UnsafeMutableBufferPointer<FlameBuilder.Cursor>
    let nameOf: UnsafeMutableBufferPointer<Int32>

    func source(_ depth: Int) -> UnsafeMutableBufferPointer<FlameBuilder.Cursor> { depth & 1 == 0 ? even : odd }
    func target(_ depth: Int) -> UnsafeMutableBufferPointer<FlameBuilder.Cursor> { depth & 1 == 0 ? odd : even }
}

/// The shared state of one `buildFrames`: read-only inputs, and under `cond` the frames
/// built so far and the segments still to expand. Two live segments never overlap (a
/// segment's children are pushed after it is expanded, and siblings are disjoint), so the
/// workers write disjoint parts of the cursor buffers without locking.
///
/// A segment small enough is built apart, its whole subtree by one worker: its cursors'
/// remaining stack slots are first copied together. Every level reads one slot per cursor,
/// and in the profile's stacks a subtree's samples lie far apart (a cache and TLB miss per
/// cursor per level); copied, they are dense.
final class FrameTreeBuild: @unchecked Sendable {
    typealias Cursor = FlameBuilder.Cursor
    /// Segments of at most this many cursors (by default), reading at most `apartMaxSlots`
    /// stack slots, are built apart (bounded extra memory per worker).
    static let apartMaxCursors = 1 << 17
    static let apartMaxSlots = 1 << 23

    let space: CursorSpace
    let locStart: UnsafeBufferPointer<Int32>
    let locNames: UnsafeBufferPointer<Int32>
    let locCount: Int
    let rank: [Int32]
    let zoomIDs: [Int32]
    let diff: Bool
    let wanted: StillWanted
    let apartMax: Int

    let cond = NSCondition()
    var pending: [FrameSegment]
    var busy = 0
    var stopped = false
    var list: FrameList

    init(
        space: CursorSpace, locStart: UnsafeBufferPointer<Int32>, locNames: UnsafeBufferPointer<Int32>, locCount: Int, rank: [Int32],
        zoomIDs: [Int32], diff: Bool, wanted: @escaping StillWanted, root: ProfileView.Frame, count: Int, apartMax: Int
    ) {
        self.apartMax = apartMax
        self.space = space
        self.locStart = locStart
        self.locNames = locNames
        self.locCount = locCount
        self.rank = rank
        self.zoomIDs = zoomIDs
        self.diff = diff
        self.wanted = wanted
        list = FrameList(root: root, diff: diff)
        pending = [FrameSegment(frame: 0, lo: 0, hi: count, depth: 0)]
    }

    /// One worker: expands segments until none is left (or the build is no longer wanted).
    func run() {
        var scratch = FrameScratch(nameCount: rank.count, diff: diff)
        cond.lock()
        while true {
            while pending.isEmpty && busy > 0 && !stopped { cond.wait() }
            guard !stopped, let seg = pending.popLast() else { break }
            busy += 1
            let total = list.zoomTotal
            let width = list.minWidth
            cond.unlock()
            var sub: FrameList?
            var e: FrameExpansion?
            if wanted() {
                if let slots = apartSlots(seg) {
                    sub = buildApart(seg, slots: slots, zoomTotal: total, minWidth: width, &scratch)
                } else {
                    e = expand(seg, space, zoomTotal: total, minWidth: width, &scratch)
                }
            }
            cond.lock()
            busy -= 1
            if let sub {
                list.absorb(sub, at: seg.frame)
            } else if let e {
                pending += list.record(seg, e)
            } else {
                stopped = true
            }
            cond.broadcast()
        }
        cond.unlock()
    }

    /// The stack slots a segment's cursors have left when it is to be built apart, else nil.
    func apartSlots(_ seg: FrameSegment) -> Int? {
        guard seg.hi - seg.lo <= apartMax else { return nil }
        let src = space.source(seg.depth)
        var slots = 0
        for i in seg.lo..<seg.hi where src[i].stack >= src[i].low { slots += Int(src[i].stack - src[i].low) + 1 }
        return slots <= Self.apartMaxSlots ? slots : nil
    }

    /// The subtree of `seg` on this thread, from a copy of its cursors' remaining slots;
    /// nil when the build stopped being wanted.
    func buildApart(_ seg: FrameSegment, slots: Int, zoomTotal: UInt64, minWidth: UInt64, _ s: inout FrameScratch) -> FrameList? {
        let m = seg.hi - seg.lo
        let stacks = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, slots))
        let even = UnsafeMutableBufferPointer<Cursor>.allocate(capacity: max(1, m))
        let odd = UnsafeMutableBufferPointer<Cursor>.allocate(capacity: max(1, m))
        let nameOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, m))
        defer {
            stacks.deallocate()
            even.deallocate()
            odd.deallocate()
            nameOf.deallocate()
        }
        let local = CursorSpace(stacks: UnsafeBufferPointer(stacks), even: even, odd: odd, nameOf: nameOf)
        let src = space.source(seg.depth)
        let dst = local.source(seg.depth)
        var p = 0
        for i in 0..<m {
            var c = src[seg.lo + i]
            let len = c.stack >= c.low ? Int(c.stack - c.low) + 1 : 0
            if len > 0, let to = stacks.baseAddress, let from = space.stacks.baseAddress {
                (to + p).update(from: from + Int(c.low), count: len)
            }
            // Same slots, same offsets from the ends: the cursor reads them unchanged.
            c.low = Int32(p)
            c.stack = Int32(p + len - 1)
            dst[i] = c
            p += len
        }
        var sub = FrameList(root: list.frames[0], diff: diff)
        sub.zoomTotal = zoomTotal
        sub.minWidth = minWidth
        var todo = [FrameSegment(frame: 0, lo: 0, hi: m, depth: seg.depth)]
        while let t = todo.popLast() {
            guard wanted() else { return nil }
            let e = expand(t, local, zoomTotal: sub.zoomTotal, minWidth: sub.minWidth, &s)
            todo += sub.record(t, e)
        }
        return sub
    }

    func expand(_ seg: FrameSegment, _ space: CursorSpace, zoomTotal inheritedTotal: UInt64, minWidth inheritedMin: UInt64, _ s: inout FrameScratch)
        -> FrameExpansion
    {
        let src = space.source(seg.depth)
        let dst = space.target(seg.depth)
        let nameOf = space.nameOf
        let stacks = space.stacks
        var e = FrameExpansion()
        s.touched.removeAll(keepingCapacity: true)
        for i in seg.lo..<seg.hi {
            let value = src[i].value
            e.cum &+= value
            if diff {
                if value > 0 { e.grow &+= value } else { e.shrink &-= value }
            }
            guard src[i].stack >= src[i].low else {
                e.flat &+= value
                if diff {
                    if value > 0 { e.flatGrow &+= value } else { e.flatShrink &-= value }
                }
                nameOf[i] = -1
                continue
            }
            let id = locNames[Int(src[i].line)]
            nameOf[i] = id
            let k = Int(id)
            if s.count[k] == 0 { s.touched.append(id) }
            s.count[k] += 1
            s.acc[k] &+= value
            if diff { s.mag[k] &+= value.magnitude }
            FlameBuilder.step(&src[i], stacks, locStart, locCount)
        }
        var zoomTotal = inheritedTotal
        var minWidth = inheritedMin
        // One frame per level down to the zoom root: its width decides what is kept under it.
        // A differential frame is kept when its two sides together are at least 1/(2·resolution)
        // of the zoom root's (the larger side is at least half of that sum).
        if seg.depth == zoomIDs.count {
            zoomTotal = diff ? e.grow.magnitude &+ e.shrink.magnitude : e.cum.magnitude
            let r = diff ? 2 * FlameBuilder.resolution : FlameBuilder.resolution
            // c * r >= zoomTotal without overflowing: c >= ceil(zoomTotal / r).
            minWidth = zoomTotal / r + (zoomTotal % r == 0 ? 0 : 1)
            e.zoomWidth = (zoomTotal, minWidth)
        }
        let onChain = seg.depth < zoomIDs.count
        let rank = self.rank
        s.touched.sort { rank[Int($0)] < rank[Int($1)] }
        var offset: UInt64 = 0
        var pos: [Int] = []
        var fill = seg.lo
        for id in s.touched {
            let k = Int(id)
            let c = s.acc[k]
            let keep: Bool
            if onChain {
                keep = id == zoomIDs[seg.depth]
            } else if diff {
                keep = s.mag[k] != 0 && zoomTotal > 0 && s.mag[k] >= minWidth
            } else {
                keep = c != 0 && zoomTotal > 0 && c.magnitude >= minWidth
            }
            if keep {
                e.kids.append((id, diff ? 0 : c, diff ? 0 : offset, s.count[k]))
                pos.append(fill)
                fill += s.count[k]
                // Marks the child's slot for the move below.
                s.count[k] = -e.kids.count
            }
            offset &+= c.magnitude
        }
        if onChain && e.kids.isEmpty { e.zoomMissing = true }
        if !e.kids.isEmpty {
            for i in seg.lo..<seg.hi where nameOf[i] >= 0 {
                let slot = s.count[Int(nameOf[i])]
                guard slot < 0 else { continue }
                let j = -slot - 1
                dst[pos[j]] = src[i]
                pos[j] += 1
            }
        }
        for id in s.touched {
            let k = Int(id)
            s.acc[k] = 0
            s.count[k] = 0
            if diff { s.mag[k] = 0 }
        }
        return e
    }
}
