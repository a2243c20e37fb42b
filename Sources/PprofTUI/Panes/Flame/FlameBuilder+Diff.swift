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
    /// `compute` for a differential Flame: from the side profile's report under the same
    /// options when there is one, else from the view's net profile.
    static func computeDiff(_ v: ProfileView, zoom: [String], wanted: @escaping StillWanted) -> FlameFrames? {
        let sides = v.diffSides.flatMap { s in (try? s.prepareReport(command: "top")).map { ViewBuilder.peekReport($0) } }
        let report = sides ?? v.report
        let x = v.flameIndex ?? index(report)
        guard var built = buildFrames(report, x, zoom: zoom, diff: true, wanted: wanted) else { return nil }
        if built.zoomMissing && !zoom.isEmpty {
            guard let whole = buildFrames(report, x, zoom: [], diff: true, wanted: wanted) else { return nil }
            built = whole
        }
        return FlameFrames(zoom: zoom, frames: built.frames, index: x, diff: true)
    }
}
