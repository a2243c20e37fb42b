import PprofModel
import PprofReports

extension AppState {
    // MARK: search

    mutating func handleSearchKey(_ k: Key) -> [Effect] {
        switch k {
        case .escape:
            searchInput = nil
        case .backspace:
            if searchInput?.isEmpty ?? true { searchInput = nil } else { searchInput?.removeLast() }
        case .enter:
            let text = searchInput ?? ""
            searchInput = nil
            if text.isEmpty {
                search = ""
                searchRegex = nil
                status = "search cleared"
                return []
            }
            do {
                searchRegex = try GoRegex(text)
                search = text
            } catch {
                status = "bad regex: \(error)"
                return []
            }
            status = searchSummary()
            searchStep(0)
        case .char(let c): searchInput?.append(c)
        default: break
        }
        return []
    }

    /// "/re/: 3 matches, 42.00% of total flat" — how much of the profile the search covers.
    func searchSummary() -> String {
        guard let v = view, let re = searchRegex else { return "" }
        var count = 0
        var flat: Int64 = 0
        for n in v.nodes where re.matches(n.name) {
            count += 1
            flat &+= n.flat
        }
        return "/\(search)/: \(count) match\(count == 1 ? "" : "es"), flat \(v.format(flat)) (\(v.percent(flat).trimmingLeadingSpaces) of total)"
    }

    mutating func searchStep(_ dir: Int) {
        if pane == .source {
            costlyLineStep(dir == 0 ? 1 : dir)
            return
        }
        guard let v = view, let re = searchRegex else {
            if dir != 0 { status = "no search: press / first" }
            return
        }
        switch pane {
        case .top, .output:
            guard let i = nextMatch(count: v.nodes.count, from: top.selection, dir: dir, { re.matches(v.nodes[$0].name) }) else {
                status = "no match for /\(search)/"
                return
            }
            if pane == .output { pane = .top }
            top.selection = i
        case .tree:
            let rows = treeRows()
            guard let i = nextMatch(count: rows.count, from: tree.selection, dir: dir, { re.matches(rows[$0].name) }) else { return }
            tree.selection = i
        case .flame:
            let boxes = FlameLayout.layout(self).sorted { ($0.row, $0.x) < ($1.row, $1.x) }
            let sel = resolveFrame(flame.selected)
            let cur = boxes.firstIndex { $0.frame == sel } ?? 0
            guard let i = nextMatch(count: boxes.count, from: cur, dir: dir, { re.matches(v.frameName(boxes[$0].frame)) }) else { return }
            flame.selected = framePath(boxes[i].frame)
        case .source: break
        }
        clampAll()
    }

    func nextMatch(count: Int, from: Int, dir: Int, _ match: (Int) -> Bool) -> Int? {
        guard count > 0 else { return nil }
        let d = dir < 0 ? -1 : 1
        let start = dir == 0 ? 0 : 1
        for k in start..<(count + start) {
            let i = ((from + d * k) % count + count) % count
            if match(i) { return i }
        }
        return nil
    }
}
