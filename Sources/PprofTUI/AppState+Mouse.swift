import PprofModel
import PprofReports

extension AppState {
    /// Clicks are hit-tested against the same `ScreenLayout` the renderer drew into.
    mutating func handleMouse(_ m: MouseEvent) -> [Effect] {
        switch m {
        case .wheelUp: move(-3)
        case .wheelDown: move(3)
        case .click(let x, let y):
            if mode == .normal, let p = layout.tab(at: x, y, current: pane, extra: extraTabs) { return switchPane(p) }
            let body = layout.body
            guard mode == .normal, body.contains(x: x, y: y) else { return [] }
            let model = pane.model
            model.click(&self, x: x - body.x, row: y - body.y)
            clampAll()
        }
        return []
    }
}
