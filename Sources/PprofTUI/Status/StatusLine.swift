import PprofModel
import PprofReports

/// What the status bar says about the options and how it shares the row with live mode.
package enum StatusLine {
    /// Options that narrow or reshape what the panes show, listed (in the command table's
    /// order) when they differ from their defaults. Granularity has its own field.
    static let filterOptions: Set<String> = [
        "sample_index", "focus", "ignore", "prune_from", "hide", "show", "show_from",
        "tagfocus", "tagignore", "tagshow", "taghide", "noinlines",
    ]
    /// A long regex is cut so the other filters still fit.
    package static let maxValueWidth = 24

    /// `focus=main hide=runtime noinlines`: every active filter, booleans by name alone;
    /// sample_index only when it picks another type than the profile's default.
    package static func filters(_ c: Config, profile: Profile) -> [String] {
        let defaults = Config()
        var out: [String] = []
        for o in CommandTable.options where filterOptions.contains(o.name) {
            guard let v = c.value(of: o.name), v != defaults.value(of: o.name) else { continue }
            if o.name == "sample_index", (try? profile.sampleIndex(byName: v)) == (try? profile.sampleIndex(byName: "")) {
                continue
            }
            out.append(o.kind == .bool ? (v == "true" ? o.name : o.name + "=" + v) : o.name + "=" + truncateToWidth(v, maxValueWidth))
        }
        // "My code" is no shell option: named as the report's header names it.
        if !c.mine.isEmpty { out.append((c.mineHidesOwn ? "mine_hidden=" : "mine=") + truncateToWidth(c.mine, maxValueWidth)) }
        return out
    }

    /// The row: `left` truncated before `right`, which is kept whole at the right edge (live
    /// mode's countdown and age, so no message hides them); `right` alone is cut from its end.
    package static func compose(left: String, right: String, width: Int) -> String {
        guard !right.isEmpty else { return truncateToWidth(left, width) }
        let r = truncateToWidth(right, width)
        let rw = DisplayWidth.of(r)
        let room = width - rw - 1
        guard room > 0 else { return r }
        let l = truncateToWidth(left, room)
        return l + String(repeating: " ", count: width - DisplayWidth.of(l) - rw) + r
    }
}
