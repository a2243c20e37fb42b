import GoRegex
import PprofModel
import PprofReports

extension AppState {
    mutating func handleSearchKey(_ k: Key) -> [Effect] {
        switch k {
        case .escape:
            mode = .normal
        case .backspace:
            if searchInput.isEmpty { mode = .normal } else { searchInput.removeLast() }
        case .enter:
            let text = searchInput
            mode = .normal
            searchInput = ""
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
        case .char(let c): searchInput.append(c)
        default: break
        }
        return []
    }

    /// "/re/: 3 matches, 42.00% of total flat" — how much of the profile the search covers.
    func searchSummary() -> String {
        guard let v = aggregate, let re = searchRegex else { return "" }
        var count = 0
        var flat: Int64 = 0
        for n in v.nodes where re.matches(n.name) {
            count += 1
            flat &+= n.flat
        }
        return "/\(search)/: \(count) match\(count == 1 ? "" : "es"), flat \(v.format(flat)) (\(v.percent(flat).trimmingLeadingSpaces) of total)"
    }

    /// `n`/`N` (dir ±1) or the first match of a new search (dir 0), in the current pane.
    mutating func searchStep(_ dir: Int) {
        let m = pane.model
        m.searchStep(&self, dir)
        clampAll()
    }

    /// The search and aggregate a pane's `n`/`N` work on; nil (saying why) when there is none.
    mutating func activeSearch(_ dir: Int) -> (ProfileView, GoRegex)? {
        guard let v = aggregate, let re = searchRegex else {
            if dir != 0 { status = "no search: press / first" }
            return nil
        }
        return (v, re)
    }

    /// The next index from `from` in direction `dir` (0: from the first) whose row matches,
    /// wrapping around.
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
