import Foundation
import PprofModel
import PprofReports

/// Live mode (a debug URL as the source): the snapshots fetched so far and what is shown.
package struct LiveState: Sendable {
    package enum Mode: Sendable, Equatable {
        /// The selected snapshot as fetched.
        case snapshot
        /// The selected snapshot minus the one before it (pprof `-base`).
        case delta
        /// The latest snapshot minus the selected one.
        case compare
    }

    package var url: String
    package var ring: SnapshotRing
    package var mode: Mode = .snapshot
    package var progress: LiveActivity = .idle
    package var paused = false
    /// The last fetch failure (cleared by the next success); the last good view stays.
    package var lastError: String?

    package init(url: String, capacity: Int = 10) {
        self.url = url
        ring = SnapshotRing(capacity: capacity)
    }

    /// The profile the panes show for the current snapshot and mode.
    /// - Throws: `PprofError` when a delta has no base or the profiles do not merge.
    package func displayedProfile() throws -> Profile? {
        guard let selected = ring.selected else { return nil }
        switch mode {
        case .snapshot: return selected.profile
        case .delta: return try ring.deltaToPrevious()
        case .compare:
            guard let i = ring.selectedIndex else { return selected.profile }
            return try ring.deltaToLatest(from: i)
        }
    }

    var modeLabel: String {
        switch mode {
        case .snapshot: return ""
        case .delta: return " Δprev"
        case .compare: return " vs latest"
        }
    }
}

/// What the runner asks the poller to do.
package enum LiveCommand: Sendable, Equatable { case refreshNow, pause, resume }

extension AppState {
    mutating func handleLive(_ e: LiveUpdate) -> [Effect] {
        guard live != nil else { return [] }
        switch e {
        case .progress(let p):
            live?.progress = p
            return []
        case .failed(let message):
            live?.lastError = message
            status = "fetch failed: " + message
            return []
        case .fetched(let f):
            live?.lastError = nil
            live?.ring.append(f)
            status = "fetched " + f.url + (f.savedPath.map { ", saved in " + $0 } ?? "")
            return [requestLiveRebuild()]
        }
    }

    /// Rebuilds from the live snapshot and mode (the delta merge runs off the main loop).
    mutating func requestLiveRebuild() -> Effect {
        guard let live else { return requestRebuild() }
        generation += 1
        loading = true
        return .rebuildLive(generation: generation, session: session, live: live)
    }

    mutating func performLive(_ action: Action) -> [Effect] {
        guard var l = live else {
            status = "not in live mode (open a debug URL to use this key)"
            return []
        }
        defer { live = l }
        switch action {
        case .liveRefresh:
            status = "refreshing…"
            return [.live(.refreshNow)]
        case .livePause:
            l.paused.toggle()
            status = l.paused ? "auto refresh paused" : "auto refresh resumed"
            return [.live(l.paused ? .pause : .resume)]
        case .snapshotBack, .snapshotForward:
            guard l.ring.count > 0 else {
                status = "no snapshot yet"
                return []
            }
            if action == .snapshotBack { l.ring.stepBack() } else { l.ring.stepForward() }
        case .liveDelta:
            if l.mode != .delta {
                let cumulative = l.ring.selected.map { SnapshotRing.cumulativeSampleTypes(of: $0.profile) } ?? []
                guard let first = cumulative.first, let p = l.ring.selected?.profile else {
                    status = "delta needs a cumulative profile (allocs, block, mutex, heap alloc_*)"
                    return []
                }
                let current = (try? p.sampleIndex(byName: session.config.sampleIndex)) ?? -1
                if !cumulative.contains(current) {
                    session.config.sampleIndex = p.sampleTypes[first].type
                }
                l.mode = .delta
            } else {
                l.mode = .snapshot
            }
        case .liveCompare:
            l.mode = l.mode == .compare ? .snapshot : .compare
        default: return []
        }
        live = l
        status = liveSummary
        return [requestLiveRebuild()]
    }

    /// "snapshot 3/10 Δprev": which snapshot is shown and how.
    package var liveSummary: String {
        guard let l = live, let i = l.ring.selectedIndex else { return "" }
        return "snapshot \(i + 1)/\(l.ring.count)" + l.modeLabel
    }

    /// The status bar's live part: fetch progress or countdown, then the data's age.
    package func liveStatus(now: Date) -> String {
        guard let l = live else { return "" }
        var parts: [String] = []
        switch l.progress {
        case .fetching(let since, let expected):
            let t = max(0, now.timeIntervalSince(since))
            if let expected, expected > 0 {
                let frac = min(1, t / expected)
                let filled = GoConvert.clampedInt(frac * 8)
                parts.append("fetching [" + String(repeating: "█", count: filled) + String(repeating: "·", count: 8 - filled) + "] \(GoConvert.clampedInt(t))/\(GoConvert.clampedInt(expected))s")
            } else {
                parts.append("fetching \(GoConvert.clampedInt(t))s")
            }
        case .waiting(let until): parts.append("next in \(GoConvert.clampedInt(max(0, until.timeIntervalSince(now)).rounded(.up)))s")
        case .paused: parts.append("paused")
        case .idle: break
        }
        if let s = l.ring.selected {
            parts.append(liveSummary)
            parts.append("age " + Self.age(now.timeIntervalSince(s.fetchedAt)))
        }
        if l.lastError != nil { parts.append("last fetch failed") }
        return "live: " + parts.joined(separator: " ")
    }

    package static func age(_ seconds: Double) -> String {
        let s = max(0, GoConvert.clampedInt(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(s % 60)s" }
        return "\(s / 3600)h\(s / 60 % 60)m"
    }
}

extension ViewBuilder {
    /// The live snapshot's profile for the mode, then the view of it.
    package static func liveEvent(generation: Int, session: Session, live: LiveState) -> AppEvent {
        do {
            guard let p = try live.displayedProfile() else { return .viewFailed(generation: generation, message: "no snapshot yet") }
            var s = session
            s.profile = p
            return .liveViewReady(generation: generation, profile: p, try build(session: s))
        } catch {
            return .viewFailed(generation: generation, message: "\(error)")
        }
    }
}
