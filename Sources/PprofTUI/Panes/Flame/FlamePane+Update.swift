import PprofModel
import PprofReports

extension AppState {
    /// A build of the Flame's frames for the current zoom root, when the Flame is shown and
    /// they were built for another root or not at all (a new view starts without them), and
    /// that build is not already under way. It runs off the main loop: seconds on a large profile.
    mutating func requestFlame() -> Effect? {
        guard pane == .flame, let v = view, v.flameZoom != flame.root else { return nil }
        if let r = flameRequest, r.generation == viewGeneration, r.zoom == flame.root { return nil }
        flameRequest = (viewGeneration, flame.root)
        return .buildFlame(generation: viewGeneration, zoom: flame.root, view: v)
    }

    /// Takes in built Flame frames: those of another view are dropped, those of another zoom
    /// root keep only the view's name index (the frames of the current root are asked for anew).
    mutating func takeFlame(generation gen: Int, _ built: FlameFrames) {
        if let r = flameRequest, r.generation == gen, r.zoom == built.zoom { flameRequest = nil }
        guard gen == viewGeneration, var v = view else { return }
        view = nil  // one owner of the view's arrays while they are replaced
        if built.zoom == flame.root {
            FlameBuilder.apply(built, to: &v)
        } else if v.flameIndex == nil {
            v.flameIndex = built.index
        }
        view = v
        keepFlameSelectionUnderRoot()
    }

    /// The selected frame must exist and lie under the zoom root; else the root is selected.
    mutating func keepFlameSelectionUnderRoot() {
        guard flameCurrent else { return }
        if resolveFrame(flame.selected).map({ !isUnder($0, root: resolveFrame(flame.root) ?? 0) }) ?? true {
            flame.selected = flame.root
        }
    }

    // MARK: flame navigation

    /// Frame index of a name path from the root (nil when it no longer exists).
    package func resolveFrame(_ path: [String]) -> Int? {
        guard let v = view, !v.frames.isEmpty else { return nil }
        var f = 0
        for name in path {
            guard let next = v.frames[f].children.first(where: { v.frameName($0) == name }) else { return nil }
            f = next
        }
        return f
    }

    func framePath(_ f: Int) -> [String] {
        guard let v = view else { return [] }
        var path: [String] = []
        var cur = f
        while cur > 0 {
            path.append(v.frameName(cur))
            cur = v.frames[cur].parent
        }
        return path.reversed()
    }

    func isUnder(_ f: Int, root: Int) -> Bool {
        guard let v = view else { return false }
        var cur = f
        while cur >= 0 {
            if cur == root { return true }
            cur = v.frames[cur].parent
        }
        return false
    }

    mutating func flameVertical(_ delta: Int) {
        guard flameCurrent, let v = view, let sel = resolveFrame(flame.selected) else { return }
        let root = resolveFrame(flame.root) ?? 0
        var f = sel
        if delta < 0 {
            for _ in 0..<min(-delta, 1000) where f != root && v.frames[f].parent >= 0 { f = v.frames[f].parent }
        } else {
            for _ in 0..<min(delta, 1000) {
                guard let widest = v.frames[f].children.max(by: { v.frames[$0].cum.magnitude < v.frames[$1].cum.magnitude }) else { break }
                f = widest
            }
        }
        flame.selected = framePath(f)
    }

    mutating func flameSideways(_ delta: Int) {
        guard pane == .flame, let sel = resolveFrame(flame.selected) else { return }
        let boxes = FlameLayout.layout(self)
        guard let mine = boxes.first(where: { $0.frame == sel }) else { return }
        let row = boxes.filter { $0.row == mine.row }.sorted { $0.x < $1.x }
        guard let i = row.firstIndex(where: { $0.frame == sel }) else { return }
        let j = i + delta
        if j >= 0, j < row.count { flame.selected = framePath(row[j].frame) }
    }
}
