import PprofModel
import PprofReports

/// The Flame build in flight (aggregate generation, zoom root), so it is asked for once.
package struct FlameRequest: Sendable, Equatable {
    package var generation: Int
    package var zoom: [String]
}

package struct FlameState: Sendable, Equatable {
    /// Zoom root as the path of names from the profile root ([] = whole profile).
    package var root: [String] = []
    /// Selected frame as a path of names.
    package var selected: [String] = []
    package var request: FlameRequest?
    /// The build the runner started right after the Top rows of a rebuild (`planAfterTop`):
    /// while it can still arrive, the pane waits for it instead of asking again.
    package var prefetch: FlameRequest?
    /// A differential Flame drawn as wide as the base (`b`), not the larger side.
    package var sizedByBase = false
}

/// The icicle graph of the aggregate's profile, widths proportional to cum.
enum FlamePane: PaneModel {
    static let pane = Pane.flame
    static let title = "Flame"
    static func emptyState() -> FlameState { FlameState() }

    /// What Enter, Backspace, Space and the others do here.
    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "zoom"
        case .back: return "zoom out"
        case .pageDown, .mark: return ""
        case .sort: return ""
        default: return nil
        }
    }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: s.flame.selected.last, path: s.flame.root) }

    static func restore(_ s: inout AppState, _ e: NavEntry) -> [Effect] {
        s.flame.root = e.path
        // Checked now when the frames are those of this root, else when they arrive.
        keepSelectionUnderRoot(&s)
        return []
    }

    static func selectedNode(_ s: AppState) -> String? {
        guard let v = s.aggregate, let f = s.resolveFrame(s.flame.selected), f > 0 else { return nil }
        return v.frameName(f)
    }

    /// Zooms into the selected frame.
    static func enter(_ s: inout AppState) -> [Effect] {
        guard s.flameCurrent, let f = s.resolveFrame(s.flame.selected), f > 0 else { return [] }
        s.navigate(to: .flame)
        s.flame.root = s.flame.selected
        return []
    }

    /// Up goes to the caller (not above the zoom root), down to the widest callee.
    static func move(_ s: inout AppState, by delta: Int) {
        guard s.flameCurrent, let v = s.aggregate, let sel = s.resolveFrame(s.flame.selected) else { return }
        let root = s.resolveFrame(s.flame.root) ?? 0
        var f = sel
        if delta < 0 {
            for _ in 0..<min(-delta, 1000) where f != root && v.frames[f].parent >= 0 { f = v.frames[f].parent }
        } else {
            for _ in 0..<min(delta, 1000) {
                guard let widest = v.frames[f].children.max(by: { s.flameWidth($0) < s.flameWidth($1) }) else { break }
                f = widest
            }
        }
        s.flame.selected = s.framePath(f)
    }

    /// The previous or next frame drawn on the selected frame's row.
    static func sideways(_ s: inout AppState, by delta: Int) {
        guard let sel = s.resolveFrame(s.flame.selected) else { return }
        let boxes = FlameLayout.layout(s)
        guard let mine = boxes.first(where: { $0.frame == sel }) else { return }
        let row = boxes.filter { $0.row == mine.row }.sorted { $0.x < $1.x }
        guard let i = row.firstIndex(where: { $0.frame == sel }) else { return }
        let j = i + delta
        if j >= 0, j < row.count { s.flame.selected = s.framePath(row[j].frame) }
    }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (v, re) = s.activeSearch(dir) else { return }
        let boxes = FlameLayout.layout(s).sorted { ($0.row, $0.x) < ($1.row, $1.x) }
        let sel = s.resolveFrame(s.flame.selected)
        let cur = boxes.firstIndex { $0.frame == sel } ?? 0
        guard let i = s.nextMatch(count: boxes.count, from: cur, dir: dir, { re.matches(v.frameName(boxes[$0].frame)) }) else { return }
        s.flame.selected = s.framePath(boxes[i].frame)
    }

    static func click(_ s: inout AppState, x: Int, row: Int) {
        if let b = FlameLayout.layout(s).first(where: { $0.row == row && x >= $0.x && x < $0.x + $0.width }) {
            s.flame.selected = s.framePath(b.frame)
        }
    }

    /// A build of the Flame's frames for the current zoom root, when they were built for
    /// another root or not at all (a new aggregate starts without them), and that build is
    /// not already under way. It runs off the main loop: seconds on a large profile.
    static func whileShown(_ s: inout AppState) -> [Effect] {
        guard let v = s.aggregate, v.flameZoom != s.flame.root else { return [] }
        let want = FlameRequest(generation: s.aggregateGeneration, zoom: s.flame.root)
        if s.flame.request == want { return [] }
        // The build started after the Top is coming, unless a newer rebuild cancelled it.
        if s.flame.prefetch == want && s.generation == want.generation { return [] }
        s.flame.request = want
        var view = v
        view.prepareFlame(s.flameSides)
        return [.buildFlame(generation: want.generation, zoom: want.zoom, view: view)]
    }

    /// `b`: a differential Flame drawn by the base, or again by the larger side.
    static func toggleSizing(_ s: inout AppState) {
        guard s.isDiff else {
            s.status = "b sizes a differential Flame (open a profile with -base)"
            return
        }
        s.flame.sizedByBase.toggle()
        s.status = s.flame.sizedByBase ? "Flame sized by base" : "Flame sized by the larger of new and base"
    }

    /// Keys wait while the frames of the zoom root are being built.
    static func ready(_ s: AppState) -> Bool { s.flameCurrent }

    static func status(_ s: AppState) -> String? {
        guard let v = s.aggregate, let f = s.resolveFrame(s.flame.selected), f > 0 else { return nil }
        let fr = v.frames[f]
        let sides = v.diffFlame ? " = new " + v.format(fr.grow) + " − base " + v.format(fr.shrink) : ""
        return v.frameName(f) + " cum " + v.format(fr.cum) + " (" + v.percent(fr.cum).trimmingLeadingSpaces + ")" + sides
    }

    // MARK: frames

    /// Takes in built Flame frames: those of another aggregate are dropped, those of another
    /// zoom root keep only the name index (the frames of the current root are asked for anew).
    static func take(_ s: inout AppState, generation gen: Int, _ built: FlameFrames) {
        if let r = s.flame.request, r.generation == gen, r.zoom == built.zoom { s.flame.request = nil }
        if let r = s.flame.prefetch, r.generation == gen, r.zoom == built.zoom { s.flame.prefetch = nil }
        guard gen == s.aggregateGeneration, var v = s.aggregate else { return }
        s.aggregate = nil  // one owner of the aggregate's arrays while they are replaced
        if built.zoom == s.flame.root {
            FlameBuilder.apply(built, to: &v)
        } else if v.flameIndex == nil {
            v.flameIndex = built.index
        }
        s.aggregate = v
        keepSelectionUnderRoot(&s)
    }

    /// The selected frame must exist and lie under the zoom root; else the root is selected.
    static func keepSelectionUnderRoot(_ s: inout AppState) {
        guard s.flameCurrent else { return }
        if s.resolveFrame(s.flame.selected).map({ !s.isUnder($0, root: s.resolveFrame(s.flame.root) ?? 0) }) ?? true {
            s.flame.selected = s.flame.root
        }
    }
}

/// How a Flame build sizes its frames: by the net profile, or differentially (from the
/// side profile of a `-base` diff when there is one).
package struct FlameSides: Sendable {
    package var diff = false
    package var sides: Session?
}

extension ProfileView {
    /// Marks the view for a Flame build of the given kind.
    mutating func prepareFlame(_ f: FlameSides) {
        guard f.diff else { return }
        diffFlame = true
        diffSides = f.sides
    }
}

extension AppState {
    package var flame: FlameState {
        get { panes[FlamePane.self] }
        set { panes[FlamePane.self] = newValue }
    }

    var flameSides: FlameSides {
        guard isDiff else { return FlameSides() }
        return FlameSides(diff: true, sides: diffSides.map { Session(profile: $0, config: session.config, environment: session.environment) })
    }

    /// What the runner builds after the Top rows of rebuild `generation`: the Flame's frames
    /// for the current zoom root (remembered as the pending prefetch) and the Tree's graph,
    /// the Tree first when its pane is on screen, else the Flame and then the Tree in the
    /// background.
    package mutating func planAfterTop(generation gen: Int) -> ViewBuilder.AfterTop {
        flame.prefetch = FlameRequest(generation: gen, zoom: flame.root)
        return ViewBuilder.AfterTop(flameZoom: flame.root, flameSides: flameSides, treeFirst: pane == .tree, treeInBackground: pane != .tree)
    }

    /// Whether the aggregate's Flame frames are those of the current zoom root (else a build
    /// is under way and the pane says so).
    package var flameCurrent: Bool { aggregate.map { $0.flameZoom == flame.root } ?? false }

    /// The measure a frame is drawn by: |cum|; in a differential Flame, the larger side
    /// path by path, or the base side when sized by base.
    func flameWidth(_ f: Int) -> UInt64 {
        guard let v = aggregate, f >= 0, f < v.frames.count else { return 0 }
        let fr = v.frames[f]
        guard v.diffFlame else { return fr.cum.magnitude }
        return flame.sizedByBase ? fr.shrink.magnitude : fr.larger
    }

    /// Frame index of a name path from the root (nil when it no longer exists).
    package func resolveFrame(_ path: [String]) -> Int? {
        guard let v = aggregate, !v.frames.isEmpty else { return nil }
        var f = 0
        for name in path {
            guard let next = v.frames[f].children.first(where: { v.frameName($0) == name }) else { return nil }
            f = next
        }
        return f
    }

    func framePath(_ f: Int) -> [String] {
        guard let v = aggregate else { return [] }
        var path: [String] = []
        var cur = f
        while cur > 0 {
            path.append(v.frameName(cur))
            cur = v.frames[cur].parent
        }
        return path.reversed()
    }

    func isUnder(_ f: Int, root: Int) -> Bool {
        guard let v = aggregate else { return false }
        var cur = f
        while cur >= 0 {
            if cur == root { return true }
            cur = v.frames[cur].parent
        }
        return false
    }
}
