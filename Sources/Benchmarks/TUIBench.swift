import Foundation
import PprofModel
import PprofReports
import PprofTUI

/// Timings of the explorer's hot paths on one profile, without a terminal: the first view
/// build, a full redraw of each pane at a given size, and a filter change (focus on the
/// top row) applied through the pipeline. Used by `scripts/bench.d/tui.sh`.
enum TUIBench {
    package struct Result: Sendable {
        /// The first view: until its Top half shows, and until its Tree half is in too.
        package var firstTopMs: Double = 0
        package var firstBuildMs: Double = 0
        /// Worst full redraw over the panes (Top, Tree, Flame, Source), best of `rounds`.
        package var redrawMs: Double = 0
        package var redrawByPane: [(String, Double)] = []
        /// Until the Top pane shows the filtered profile.
        package var filterChangeMs: Double = 0
        /// Until the Tree's graph of it is taken in too.
        package var filterTreeReadyMs: Double = 0
        /// Steps of the filter change's rebuild, in order.
        package var filterSteps: [(String, Double)] = []
        /// Building the Flame's frames when it is first shown (after the first build).
        package var flameBuildMs: Double = 0
        package var nodes = 0
        package var frames = 0

        package var text: String {
            var out = String(format: "first_top_ms %.1f\n", firstTopMs)
            out += String(format: "first_build_ms %.1f\nredraw_ms %.2f\nfilter_change_ms %.1f\n", firstBuildMs, redrawMs, filterChangeMs)
            for (pane, ms) in redrawByPane { out += "redraw_" + pane + "_ms " + String(format: "%.2f", ms) + "\n" }
            out += String(format: "filter_tree_ready_ms %.1f\n", filterTreeReadyMs)
            for (step, ms) in filterSteps { out += "filter_" + step + "_ms " + String(format: "%.1f", ms) + "\n" }
            out += String(format: "flame_build_ms %.1f\n", flameBuildMs)
            out += "nodes \(nodes)\nframes \(frames)\n"
            return out
        }
    }

    static func ms(_ body: () throws -> Void) rethrows -> Double {
        let t = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
    }

    /// - Throws: the pipeline's `PprofError` (bad options) — never traps.
    package static func run(session: Session, width: Int = 200, height: Int = 60, rounds: Int = 5) throws -> Result {
        var r = Result()
        var s = AppState(session: session, title: "bench", width: width, height: height)
        let gen = s.generation + 1
        _ = s.start()
        // The first view as the runner builds it: Top half first, the Tree's after it.
        let first = DispatchTime.now().uptimeNanoseconds
        var failed: String?
        ViewBuilder.post(generation: gen, session: s.session) { event in
            let ms = Double(DispatchTime.now().uptimeNanoseconds - first) / 1e6
            switch event {
            case .viewReady: r.firstTopMs = ms
            case .treeReady: r.firstBuildMs = ms
            case .viewFailed(_, let message): failed = message
            default: break
            }
            _ = s.handle(event)
        }
        if let failed { throw PprofError(failed) }
        guard let view = s.aggregate else { return r }
        r.nodes = view.nodes.count
        for (name, key) in [("top", Key.char("1")), ("tree", Key.char("3")), ("flame", Key.char("4"))] {
            var p = s
            // The Flame's build is an effect; timed here on this thread, with its result taken in.
            let t = ms {
                for case .buildFlame(let g, let zoom, let v) in p.handle(.key(key)) {
                    _ = p.handle(.flameReady(generation: g, FlameBuilder.compute(v, zoom: zoom)))
                }
            }
            if name == "flame" {
                r.flameBuildMs = t
                r.frames = p.aggregate?.frames.count ?? 0
            }
            if name == "flame" { for _ in 0..<3 { _ = p.handle(.key(.down)) } }
            var best = Double.infinity
            for _ in 0..<max(1, rounds) { best = min(best, ms { _ = Renderer.render(p) }) }
            r.redrawByPane.append((name, best))
            r.redrawMs = max(r.redrawMs, best)
        }
        // A filter change: `f` on the top row, then the rebuild the runner dispatches. Applied
        // = the Top half taken in by `update`; the Tree half arrives after it (timed apart).
        var f = s
        let fx = f.handle(.key(.char("f")))
        for case .rebuild(let g, let session) in fx {
            var steps: [(String, Double)] = []
            var t = DispatchTime.now().uptimeNanoseconds
            func lap(_ step: String) {
                let now = DispatchTime.now().uptimeNanoseconds
                steps.append((step, Double(now - t) / 1e6))
                t = now
            }
            let start = t
            var failed: String?
            ViewBuilder.post(generation: g, session: session) { event in
                switch event {
                case .viewReady:
                    _ = f.handle(event)
                    lap("top_applied")
                    r.filterChangeMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                case .treeReady:
                    _ = f.handle(event)
                    lap("tree_applied")
                    r.filterTreeReadyMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                case .viewFailed(_, let message): failed = message
                default: break
                }
            }
            if let failed { throw PprofError(failed) }
            r.filterSteps = steps
        }
        return r
    }
}
