import PprofModel
import PprofReports

/// The differential flame (a base subtracted, or a live delta). Sizing by the net change
/// hides what nets out higher up (-150ms under one caller and +140ms under another make a
/// caller of -10ms), so each frame keeps both sides: `grow`, the new profile's part, and
/// `shrink`, the base's, and is drawn as wide as the larger side summed path by path
/// (`larger`), or as the base (`shrink`). With the side profile (`-base` loads it as pprof's
/// `-diff_base` does: base samples negated and kept apart) the sides are exact; on a net
/// profile (live deltas) each path's net change goes to the side of its sign.
extension FlameBuilder {
    /// The differential frames of `report`'s profile: negative samples are the base side.
    /// Frames are kept when their two sides together are at least 1/(2·`resolution`) of the
    /// zoom root's (the larger side is at least half of that sum, so no drawable frame is lost).
    static func diffFrames(_ report: Report, _ x: FlameIndex, zoom: [String]) -> (frames: [ProfileView.Frame], zoomMissing: Bool) {
        let p = report.profile
        let samples = p.samples
        let si = report.options.sampleIndex
        let locCount = p.locations.count
        let zoomIDs: [Int32] = zoom.map { name in Int32(x.names.firstIndex(of: name) ?? -1) }
        let width = samples.valueCount
        var frames = [ProfileView.Frame(name: -1, parent: -1, depth: 0, cum: 0, flat: 0, children: [])]
        guard si >= 0, si < width else { return (frames, false) }
        // Each frame's own (flat) new and base sides, for the bottom-up widths.
        var flatSides: [(grow: Int64, shrink: Int64)] = [(0, 0)]
        var zoomMissing = false
        samples.stacks.withUnsafeBufferPointer { stacks in
            x.locStart.withUnsafeBufferPointer { locStart in
                x.locNames.withUnsafeBufferPointer { locNames in
                    var all = rootCursors(samples, si, x, locCount)
                    var level: [(frame: Int, cursors: [Cursor])] = [(0, all)]
                    all = []
                    var depth = 0
                    var minWidth: UInt64 = 0
                    var zoomTotal: UInt64 = 0
                    while !level.isEmpty {
                        var next: [(frame: Int, cursors: [Cursor])] = []
                        for (f, cursors) in level {
                            var grow: Int64 = 0, shrink: Int64 = 0, flatGrow: Int64 = 0, flatShrink: Int64 = 0
                            var kids: [Int32: [Cursor]] = [:]
                            for var c in cursors {
                                let v = c.value
                                if v > 0 { grow &+= v } else { shrink &-= v }
                                guard c.stack >= c.low else {
                                    if v > 0 { flatGrow &+= v } else { flatShrink &-= v }
                                    continue
                                }
                                let id = locNames[Int(c.line)]
                                step(&c, stacks, locStart, locCount)
                                kids[id, default: []].append(c)
                            }
                            frames[f].grow = grow
                            frames[f].shrink = shrink
                            frames[f].cum = grow &- shrink
                            frames[f].flat = flatGrow &- flatShrink
                            flatSides[f] = (flatGrow, flatShrink)
                            if depth == zoomIDs.count {
                                zoomTotal = grow.magnitude &+ shrink.magnitude
                                let r = 2 * resolution
                                minWidth = zoomTotal / r + (zoomTotal % r == 0 ? 0 : 1)
                            }
                            let onChain = depth < zoomIDs.count
                            var kept: [Int] = []
                            for id in kids.keys.sorted(by: { x.rank[Int($0)] < x.rank[Int($1)] }) {
                                guard let cs = kids[id] else { continue }
                                let keep: Bool
                                if onChain {
                                    keep = id == zoomIDs[depth]
                                } else {
                                    let sides = cs.reduce(UInt64(0)) { $0 &+ $1.value.magnitude }
                                    keep = sides != 0 && zoomTotal > 0 && sides >= minWidth
                                }
                                guard keep else { continue }
                                let k = frames.count
                                frames.append(
                                    ProfileView.Frame(name: Int(id), parent: f, depth: depth + 1, cum: 0, flat: 0, children: []))
                                flatSides.append((0, 0))
                                kept.append(k)
                                next.append((k, cs))
                            }
                            if onChain && kept.isEmpty { zoomMissing = true }
                            frames[f].children = kept
                        }
                        level = next
                        depth += 1
                    }
                }
            }
        }
        // Children come after their parent: sum the path-by-path larger side bottom-up.
        for f in frames.indices.reversed() {
            var w = max(flatSides[f].grow.magnitude, flatSides[f].shrink.magnitude)
            for c in frames[f].children { w &+= frames[c].larger }
            frames[f].larger = w
        }
        return (frames, zoomMissing)
    }
}

extension FlameBuilder {
    /// `compute` for a differential Flame: from the side profile's report under the same
    /// options when there is one, else from the view's net profile.
    static func computeDiff(_ v: ProfileView, zoom: [String]) -> FlameFrames {
        let sides = v.diffSides.flatMap { s in (try? s.prepareReport(command: "top")).map { ViewBuilder.peekReport($0) } }
        let report = sides ?? v.report
        let x = v.flameIndex ?? index(report)
        var built = diffFrames(report, x, zoom: zoom)
        if built.zoomMissing && !zoom.isEmpty { built = diffFrames(report, x, zoom: []) }
        return FlameFrames(zoom: zoom, frames: built.frames, index: x, diff: true)
    }
}
