import Foundation
import GoRegex
import PprofModel
import PprofReports

package enum Pane: Int, Sendable, CaseIterable {
    case top, source, tree, flame, output

    package var title: String {
        switch self {
        case .top: return "Top"
        case .source: return "Source"
        case .tree: return "Tree"
        case .flame: return "Flame"
        case .output: return "Output"
        }
    }
}

/// Where the user is, for back/forward history and the breadcrumb. Nodes are kept by
/// name so a location survives re-aggregation.
package struct NavEntry: Sendable, Equatable {
    package var pane: Pane
    package var node: String?
    package var flameRoot: [String]
}

package struct TopState: Sendable, Equatable {
    package var selection = 0
    package var scroll = 0
}

package struct SourceState: Sendable, Equatable {
    /// The Top/Tree name of the node shown.
    package var node: String?
    /// Its function name (what `list` matches).
    package var function: String = ""
    /// `list`'s rows; nil until loaded (or when the listing failed, then `missing` says why).
    package var rows: [SourceRow]?
    package var missing: String?
    /// Row index of the cursor.
    package var cursor = 0
    package var scroll = 0
}

package struct TreeState: Sendable, Equatable {
    package var center: String?
    package var rows: [AppState.TreeRow] = []
    /// Row index over callers, centre, callees.
    package var selection = 0
    package var scroll = 0
}

package struct FlameState: Sendable, Equatable {
    /// Zoom root as the path of names from the profile root ([] = whole profile).
    package var root: [String] = []
    /// Selected frame as a path of names.
    package var selected: [String] = []
}

package struct OutputState: Sendable, Equatable {
    package var title = ""
    package var lines: [String] = []
    package var scroll = 0
}

package struct PromptState: Sendable, Equatable {
    package var buffer = ""
    package var history: [String] = []
    /// Index into history while browsing with Up/Down; nil = editing a new line.
    package var historyIndex: Int?
    package var active = false
}

/// The whole UI state. `update` is a pure function over it; the runner performs effects.
package struct AppState: Sendable {
    package var session: Session
    package var title: String
    package var width: Int
    package var height: Int
    /// The last good aggregation (kept when a rebuild fails).
    package var view: ProfileView?
    package var generation = 0
    /// The generation of `view` (the rebuild that produced it).
    package var viewGeneration = 0
    /// The Flame build in flight (view generation, zoom root), so it is asked for once.
    var flameRequest: (generation: Int, zoom: [String])?
    package var loading = false
    package var pane: Pane = .top
    package var top = TopState()
    package var source = SourceState()
    package var tree = TreeState()
    package var flame = FlameState()
    package var output = OutputState()
    package var showHelp = false
    package var helpScroll = 0
    package var prompt = PromptState()
    /// Non-nil while typing a search.
    package var searchInput: String?
    package var search = ""
    package var searchRegex: GoRegex?
    package var status = ""
    package var back: [NavEntry] = []
    package var forward: [NavEntry] = []
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
        self.width = width
        self.height = height
    }

    /// Whether the view's Flame frames are those of the current zoom root (else a build
    /// is under way and the pane says so).
    package var flameCurrent: Bool { view.map { $0.flameZoom == flame.root } ?? false }

    /// Rows available to a pane's body (title line, status bar and hint bar excluded).
    package var bodyHeight: Int { max(1, height - 3) }

    package var navEntry: NavEntry {
        switch pane {
        case .top: return NavEntry(pane: .top, node: selectedTopName, flameRoot: [])
        case .source: return NavEntry(pane: .source, node: source.node, flameRoot: [])
        case .tree: return NavEntry(pane: .tree, node: tree.center, flameRoot: [])
        case .flame: return NavEntry(pane: .flame, node: flame.selected.last, flameRoot: flame.root)
        case .output: return NavEntry(pane: .output, node: nil, flameRoot: [])
        }
    }

    package var selectedTopName: String? {
        guard let v = view, top.selection >= 0, top.selection < v.nodes.count else { return nil }
        return v.nodes[top.selection].name
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
