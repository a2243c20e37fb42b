import Foundation
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

package struct PromptState: Sendable, Equatable {
    package var buffer = ""
    package var history: [String] = []
    /// Index into history while browsing with Up/Down; nil = editing a new line.
    package var historyIndex: Int?
}

/// The whole UI state. `update` is a pure function over it; the runner performs effects.
/// It holds what the panes share; each pane's own state is in `panes` (see `Panes/`).
package struct AppState: Sendable {
    package var session: Session
    package var title: String
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

    /// The breadcrumb: panes visited (up to the last few) then the current one.
    package var breadcrumb: String {
        let trail = (back.suffix(3) + [navEntry]).map { e -> String in
            if let n = e.node { return e.pane.title + ":" + n }
            return e.pane.title
        }
        return trail.joined(separator: " › ")
    }
}
