import Foundation
import GoRegex
import PprofModel
import PprofReports

/// What keys do right now: move around the panes, or edit the prompt or search line, or
/// scroll the help overlay. One value instead of flags, so two can never be on at once.
package enum Mode: Sendable, Equatable {
    case normal
    /// Typing at the `:` prompt (`prompt.buffer`).
    case prompt
    /// Typing a `/` search (`searchInput`).
    case search
    /// The help overlay (`helpScroll`).
    case help
}

/// Where the user is, for back/forward history and the breadcrumb. Nodes are kept by
/// name so a location survives re-aggregation.
package struct NavEntry: Sendable, Equatable {
    package var pane: Pane
    package var node: String?
    /// A position the pane keeps as a path of names (the Flame's zoom root).
    package var path: [String] = []
}

/// The whole UI state. `update` is a pure function over it; the runner performs effects.
/// It holds what the panes share; each pane's own state is in `panes` (see `Panes/`).
package struct AppState: Sendable {
    package var session: Session
    package var title: String
    /// The profile is a difference (`-base`/`-diff_base`): see `isDiff`.
    package var diffSource = false
    /// With `-base`: the sources and bases loaded as `-diff_base` loads them (base samples
    /// negated, kept apart), so the differential Flame knows both sides of each path.
    package var diffSides: Profile?
    /// More than one profile on the command line: each, in order, for the Growth pane.
    package var series: [SeriesPoint] = []
    package var layout: ScreenLayout
    /// The last good aggregate of the profile under the session's options (kept when a
    /// rebuild fails): what every pane but Output shows.
    package var aggregate: ProfileView?
    package var generation = 0
    /// The generation of `aggregate` (the rebuild that produced it).
    package var aggregateGeneration = 0
    package var loading = false
    package var pane: Pane = .top
    package var panes = PaneStates()
    package var mode: Mode = .normal
    package var helpScroll = 0
    /// Cells the help overlay is scrolled sideways.
    package var helpLeft = 0
    package var prompt = PromptState()
    /// The search being typed (mode `.search`).
    package var searchInput = ""
    package var search = ""
    package var searchRegex: GoRegex?
    package var status = ""
    package var back: [NavEntry] = []
    package var forward: [NavEntry] = []
    /// Keys typed while the current pane was still being built, applied once it is ready.
    package var pendingKeys: [Key] = []
    package var quitting = false
    /// Non-nil in live mode (the source is a debug URL).
    package var live: LiveState?
    /// While the profile is still loading: what is being done and how far along it is.
    package var loadPhase: (phase: String, fraction: Double)?
    /// The last clock tick (live countdown and data age).
    package var now = Date(timeIntervalSince1970: 0)
    /// The user's own code (highlighted; `m`/`M` collapse to it or away from it).
    package var myCode = MyCode()

    package init(session: Session, title: String, width: Int = 80, height: Int = 24) {
        self.session = session
        self.title = title
        self.layout = ScreenLayout(width: width, height: height)
    }

    package var width: Int { layout.width }
    package var height: Int { layout.height }

    package var navEntry: NavEntry { pane.model.navEntry(self) }

    package var selectedTopName: String? {
        guard let v = aggregate, top.list.selection >= 0, top.list.selection < v.nodes.count else { return nil }
        return v.nodes[top.list.selection].name
    }

    /// Top sorted by cum (the `sort` option, as `top -cum`).
    package var byCum: Bool { session.config.sort == "cum" }

    /// The breadcrumb: where the user has been, then the current place, repeats collapsed.
    package var breadcrumb: String { breadcrumb(width: Int.max) }

    /// The breadcrumb cut from the left to `width` cells, so the current place always shows
    /// ("… › Tree:main.run › Flame"; a current place too long for the space keeps its end).
    package func breadcrumb(width: Int) -> String {
        var trail: [String] = []
        for e in back.suffix(20) + [navEntry] {
            let text = e.node.map { e.pane.title + ":" + $0 } ?? e.pane.title
            if trail.last != text { trail.append(text) }
        }
        let sep = " › ", more = "… › "
        var shown: [String] = []
        var used = 0
        for text in trail.reversed() {
            let w = DisplayWidth.of(text) + (shown.isEmpty ? 0 : DisplayWidth.of(sep))
            let reserve = shown.count + 1 < trail.count ? DisplayWidth.of(more) : 0
            if !shown.isEmpty, used + w + reserve > width { break }
            shown.insert(text, at: 0)
            used += w
        }
        var out = (shown.count < trail.count ? "…" + " › " : "") + shown.joined(separator: sep)
        if DisplayWidth.of(out) > width {
            // Only the current place, and even it is too long: keep its end.
            var tail = ""
            for ch in out.reversed() {
                if DisplayWidth.of(String(ch) + tail) + 1 > width { break }
                tail = String(ch) + tail
            }
            out = width > 0 ? "…" + tail : ""
        }
        return out
    }
}
