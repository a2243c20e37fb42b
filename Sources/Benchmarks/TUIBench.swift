import Foundation
import PprofModel
import PprofReports
import PprofTUI

/// Timings of the explorer's hot paths on one profile, without a terminal: the first view
/// build as the runner schedules it (Top, then the Flame's frames, then the Tree), a full
/// redraw of each pane at a given size, and a filter change (focus on the top row) applied
/// through the pipeline. Each step also reports the process's CPU time over it (all threads),
/// which a loaded machine disturbs less than the wall. Used by `scripts/bench.d/tui.sh`.
enum TUIBench {
    package struct Result: Sendable {
        /// The explorer's load of the file (`TerminalUI.loadSession`: decode and combine), which
        /// precedes the first view.
        package var loadMs: Double = 0
        package var loadCPUMs: Double = 0
        /// The first view, from the start of its rebuild: until its Top rows show, until the
        /// Flame's frames (built right after them) are in, and until the Tree's graph is in.
        package var firstTopMs: Double = 0
        package var firstTopCPUMs: Double = 0
        /// Until the Top rows' inline labels are in (they follow the Flame's frames).
        package var topLabelsMs: Double = 0
        package var flameReadyMs: Double = 0
        package var flameReadyCPUMs: Double = 0
        package var treeReadyMs: Double = 0
        package var treeReadyCPUMs: Double = 0
        /// Worst full redraw over the panes (Top, Tree, Flame, Source), best of `rounds`.
        package var redrawMs: Double = 0
        package var redrawByPane: [(String, Double)] = []
        /// Until the Top pane shows the filtered profile.
        package var filterChangeMs: Double = 0
        package var filterChangeCPUMs: Double = 0
        /// Until the Flame's and the Tree's parts of it are taken in too.
        package var filterFlameReadyMs: Double = 0
        package var filterTreeReadyMs: Double = 0
        /// The same filter change asked for as soon as the first view's Flame is in, while its
        /// Tree is still being built on the same cores (until the Top shows).
        package var filterDuringTreeMs: Double = 0
        /// Building the Flame's frames of the first view alone (as on a zoom), wall and CPU.
        package var flameBuildMs: Double = 0
        package var flameBuildCPUMs: Double = 0
        /// Naming the frames of every location (`FlameBuilder.index`), which precedes the
        /// first Flame build of each view.
        package var flameIndexMs: Double = 0
        package var flameIndexCPUMs: Double = 0
        package var nodes = 0
        package var frames = 0

        package var text: String {
            var out = ""
            func line(_ name: String, _ v: Double, _ digits: Int = 1) { out += name + " " + String(format: "%.\(digits)f", v) + "\n" }
            line("load_ms", loadMs)
            line("load_cpu_ms", loadCPUMs)
            line("first_top_ms", firstTopMs)
            line("first_top_cpu_ms", firstTopCPUMs)
            line("top_labels_ms", topLabelsMs)
            line("flame_ready_ms", flameReadyMs)
            line("flame_ready_cpu_ms", flameReadyCPUMs)
            line("tree_ready_ms", treeReadyMs)
            line("tree_ready_cpu_ms", treeReadyCPUMs)
            line("redraw_ms", redrawMs, 2)
            for (pane, ms) in redrawByPane { line("redraw_" + pane + "_ms", ms, 2) }
            line("filter_change_ms", filterChangeMs)
            line("filter_change_cpu_ms", filterChangeCPUMs)
            line("filter_flame_ready_ms", filterFlameReadyMs)
            line("filter_tree_ready_ms", filterTreeReadyMs)
            line("filter_during_tree_ms", filterDuringTreeMs)
            line("flame_build_ms", flameBuildMs)
            line("flame_build_cpu_ms", flameBuildCPUMs)
            line("flame_index_ms", flameIndexMs)
            line("flame_index_cpu_ms", flameIndexCPUMs)
            out += "nodes \(nodes)\nframes \(frames)\n"
            return out
        }
    }

    static func ms(_ body: () throws -> Void) rethrows -> Double {
        let t = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
    }

    /// The process's CPU time so far (user + system, every thread), in ms.
    static func cpuMs() -> Double { DecodeBench.cpuSeconds() * 1000 }

    /// Wall and CPU ms since a start.
    struct Clock {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = TUIBench.cpuMs()
        var elapsed: (wall: Double, cpu: Double) {
            (Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e6, TUIBench.cpuMs() - cpu)
        }
    }

    /// One rebuild as the runner performs it (`AppRunner.perform(.rebuild)`): the state
    /// plans what follows the Top, and each event is taken in as it is posted. `on` sees
    /// each event with the wall and CPU time since the rebuild started.
    /// - Throws: the rebuild's failure message as `PprofError`.
    static func rebuild(_ s: inout AppState, _ fx: [Effect], on: (AppEvent, (wall: Double, cpu: Double)) -> Void) throws {
        for case .rebuild(let gen, let session) in fx {
            let after = s.planAfterTop(generation: gen)
            let clock = Clock()
            var failed: String?
            var state = s
            ViewBuilder.post(generation: gen, session: session, after: after) { event in
                let t = clock.elapsed
                if case .viewFailed(_, let message) = event { failed = message }
                _ = state.handle(event)
                on(event, t)
            }
            s = state
            if let failed { throw PprofError(failed) }
        }
    }

    /// - Throws: the pipeline's `PprofError` (bad options) — never traps.
    package static func run(session: Session, width: Int = 200, height: Int = 60, rounds: Int = 5) throws -> Result {
        var r = Result()
        var s = AppState(session: session, title: "bench", width: width, height: height)
        // The first view: the Top rows, then the Flame's frames and the Tree's graph.
        try rebuild(&s, s.start()) { event, t in
            switch event {
            case .viewReady: (r.firstTopMs, r.firstTopCPUMs) = t
            case .topLabelsReady: r.topLabelsMs = t.wall
            case .flameReady: (r.flameReadyMs, r.flameReadyCPUMs) = t
            case .treeReady: (r.treeReadyMs, r.treeReadyCPUMs) = t
            default: break
            }
        }
        guard let view = s.aggregate else { return r }
        r.nodes = view.nodes.count
        r.frames = view.frames.count
        // The Flame's frames of the same view built again alone, as a zoom change builds them.
        var bare = view
        bare.frames = []
        bare.flameZoom = nil
        let clock = Clock()
        _ = FlameBuilder.compute(bare, zoom: [])
        (r.flameBuildMs, r.flameBuildCPUMs) = clock.elapsed
        let indexClock = Clock()
        _ = FlameBuilder.index(view.report)
        (r.flameIndexMs, r.flameIndexCPUMs) = indexClock.elapsed
        for (name, key) in [("top", Key.char("1")), ("tree", Key.char("3")), ("flame", Key.char("4"))] {
            var p = s
            _ = p.handle(.key(key))
            if name == "flame" { for _ in 0..<3 { _ = p.handle(.key(.down)) } }
            var best = Double.infinity
            for _ in 0..<max(1, rounds) { best = min(best, ms { _ = Renderer.render(p) }) }
            r.redrawByPane.append((name, best))
            r.redrawMs = max(r.redrawMs, best)
        }
        // A filter change: `f` on the top row, then the rebuild the runner dispatches. Applied
        // = the Top half taken in by `update`; the Flame's and Tree's parts arrive after it.
        var f = s
        let fx = f.handle(.key(.char("f")))
        try rebuild(&f, fx) { event, t in
            switch event {
            case .viewReady: (r.filterChangeMs, r.filterChangeCPUMs) = t
            case .flameReady: r.filterFlameReadyMs = t.wall
            case .treeReady: r.filterTreeReadyMs = t.wall
            default: break
            }
        }
        r.filterDuringTreeMs = try filterDuringTree(session: session, width: width, height: height)
        return r
    }

    /// The first view's rebuild on a background thread as the runner runs it; once its Flame
    /// is in, the focus change on the top row is rebuilt here while the Tree is still built
    /// (which, as in the runner, is then no longer wanted and stops).
    /// - Returns: ms until the focused Top is in (0 when the Tree was done first).
    static func filterDuringTree(session: Session, width: Int, height: Int) throws -> Double {
        final class Events: @unchecked Sendable {
            let cond = NSCondition()
            var list: [AppEvent] = []
            var done = false
            /// Set when the filter change is asked for: the runner's "a newer rebuild" test.
            var replaced = false
            var stillWanted: Bool {
                cond.lock()
                defer { cond.unlock() }
                return !replaced
            }
        }
        var s = AppState(session: session, title: "bench", width: width, height: height)
        guard case .rebuild(let gen, let first)? = s.start().first else { return 0 }
        let after = s.planAfterTop(generation: gen)
        let events = Events()
        let background = Thread {
            ViewBuilder.post(generation: gen, session: first, after: after, wanted: { events.stillWanted }) { e in
                events.cond.lock()
                events.list.append(e)
                events.cond.broadcast()
                events.cond.unlock()
            }
            events.cond.lock()
            events.done = true
            events.cond.broadcast()
            events.cond.unlock()
        }
        background.start()
        var treeDone = false
        events.cond.lock()
        var taken = 0
        var flameIn = false
        while !flameIn && !events.done {
            while taken == events.list.count && !events.done { events.cond.wait() }
            for e in events.list[taken...] {
                _ = s.handle(e)
                if case .flameReady = e { flameIn = true }
                if case .treeReady = e { treeDone = true }
            }
            taken = events.list.count
        }
        events.cond.unlock()
        var ms = 0.0
        if !treeDone {
            events.cond.lock()
            events.replaced = true
            events.cond.unlock()
            var f = s
            try rebuild(&f, f.handle(.key(.char("f")))) { event, t in
                if case .viewReady = event { ms = t.wall }
            }
        }
        events.cond.lock()
        while !events.done { events.cond.wait() }
        events.cond.unlock()
        return ms
    }
}
