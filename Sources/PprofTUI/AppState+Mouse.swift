import PprofModel
import PprofReports

extension AppState {
    // MARK: mouse

    mutating func handleMouse(_ m: MouseEvent) -> [Effect] {
        switch m {
        case .wheelUp: move(-3)
        case .wheelDown: move(3)
        case .click(let x, let y):
            let bodyRow = y - 2  // title row + pane header row
            switch pane {
            case .top:
                if bodyRow >= 0 { top.selection = top.scroll + bodyRow }
            case .source:
                if bodyRow >= 0 { source.cursor = source.scroll + bodyRow }
            case .tree:
                if bodyRow >= 0 { tree.selection = tree.scroll + bodyRow }
            case .flame:
                if let b = FlameLayout.layout(self).first(where: { $0.row + 2 == y && x >= $0.x && x < $0.x + $0.width }) {
                    flame.selected = framePath(b.frame)
                }
            case .output: break
            }
            clampAll()
        }
        return []
    }
}
