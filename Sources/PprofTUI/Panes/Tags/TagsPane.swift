import Foundation
import GoRegex
import PprofModel
import PprofReports

/// One Tags row: a label key's header, or one of its values (pprof's `-tags` lines).
package struct TagsRow: Sendable, Equatable {
    package var key: String
    /// nil on the key's header row.
    package var value: String?
    package var amount: Int64
    /// The key's total (the denominator of the value's share, as `-tags` prints it).
    package var keyTotal: Int64
    package var numeric: Bool
    /// A numeric value's bucket: the raw values it names (`TagRow.numbers`).
    package var numbers: ClosedRange<Int64>?
}

/// A picked label value.
package struct TagPick: Sendable, Hashable {
    package var key: String
    package var value: String
}

package struct TagsState: Sendable, Equatable {
    /// The last good rows, kept until the rows of a new aggregate are in.
    package var rows: [TagsRow] = []
    package var picked: Set<TagPick> = []
    package var list = ListScroll()
    /// The aggregate generation `rows` are of, and the one being counted.
    var counted: Int?
    var pending: Int?
}

/// Every label key with its values and their shares, as `-tags` reports them; values are
/// picked (Space) and applied as `tagfocus` (Enter or `f`) or `tagignore` (`i`); `T` and
/// `L` add or remove the key under the selection in `tagroot` and `tagleaf`.
enum TagsPane: PaneModel {
    static let pane = Pane.tags
    static let title = "Tags"
    static func emptyState() -> TagsState { TagsState() }

    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "tagfocus"
        case .ignore: return "tagignore"
        case .focus, .sort: return ""
        case .mark: return "pick"
        case .tagRoot: return "tagroot"
        case .tagLeaf: return "tagleaf"
        default: return nil
        }
    }

    /// Picking and applying come first here; T and L are the Tags pane's own.
    static func hintPriority(for action: Action) -> Int? {
        switch action {
        case .mark, .ignore: return 1
        case .tagRoot, .tagLeaf: return 2
        case .back: return 4
        default: return nil
        }
    }

    static func navEntry(_ s: AppState) -> NavEntry { NavEntry(pane: pane, node: nil) }

    static func move(_ s: inout AppState, by delta: Int) { s.tags.list.move(by: delta, count: s.tags.rows.count) }

    static func clamp(_ s: inout AppState) { s.tags.list.clamp(count: s.tags.rows.count, visible: s.layout.visibleRows) }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.tags.list.selection = s.tags.list.row(at: row) }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (_, re) = s.activeSearch(dir) else { return }
        let rows = s.tags.rows
        guard let i = s.nextMatch(count: rows.count, from: s.tags.list.selection, dir: dir, { re.matches(rows[$0].value ?? rows[$0].key) })
        else { return }
        s.tags.list.selection = i
    }

    /// The rows of a new aggregate, counted off the main loop (a pass over every sample's
    /// labels) while the pane is shown; the last good rows stay meanwhile.
    static func whileShown(_ s: inout AppState) -> [Effect] {
        let gen = s.aggregateGeneration
        guard s.tags.counted != gen, s.tags.pending != gen, let report = tagsReport(s) else { return [] }
        s.tags.pending = gen
        return [.buildTags(generation: gen, report: report)]
    }

    /// Keys wait only for the first rows (later ones replace rows that mean the same picks).
    static func ready(_ s: AppState) -> Bool { s.aggregate == nil || s.tags.counted != nil }

    static func status(_ s: AppState) -> String? { s.tags.pending != nil ? "counting labels…" : nil }

    /// Counted rows: taken when they are of the current aggregate, keeping the selected row.
    static func take(_ s: inout AppState, generation gen: Int, _ rows: [TagsRow]) {
        if s.tags.pending == gen { s.tags.pending = nil }
        guard gen == s.aggregateGeneration else { return }
        let old = s.tags
        let keep = old.list.selection < old.rows.count ? old.rows[old.list.selection] : nil
        s.tags.rows = rows
        s.tags.counted = gen
        if let keep, let i = rows.firstIndex(where: { $0.key == keep.key && $0.value == keep.value }) { s.tags.list.selection = i }
        s.tags.list.clamp(count: rows.count, visible: s.layout.visibleRows)
    }

    static func enter(_ s: inout AppState) -> [Effect] { apply(&s, ignore: false) }

    /// The Tags pane's own keys; the others do what they do everywhere.
    static func perform(_ s: inout AppState, _ action: Action) -> [Effect]? {
        switch action {
        case .mark:
            let rows = s.tags.rows
            let i = s.tags.list.selection
            guard i >= 0, i < rows.count else { return [] }
            if let v = rows[i].value {
                let p = TagPick(key: rows[i].key, value: v)
                if s.tags.picked.contains(p) { s.tags.picked.remove(p) } else { s.tags.picked.insert(p) }
                s.tags.list.move(by: 1, count: rows.count)
            } else {
                // A header row picks (or, when all are picked, unpicks) every value of its key.
                let all = rows.filter { $0.key == rows[i].key && $0.value != nil }.compactMap { r in
                    r.value.map { TagPick(key: r.key, value: $0) }
                }
                if all.allSatisfy(s.tags.picked.contains) { s.tags.picked.subtract(all) } else { s.tags.picked.formUnion(all) }
            }
            s.status = "\(s.tags.picked.count) picked: Enter tagfocus, i tagignore"
            return []
        case .focus: return apply(&s, ignore: false)
        case .ignore: return apply(&s, ignore: true)
        case .tagRoot, .tagLeaf:
            let rows = s.tags.rows
            let i = s.tags.list.selection
            guard i >= 0, i < rows.count else { return [] }
            let name = action == .tagRoot ? "tagroot" : "tagleaf"
            var keys = (action == .tagRoot ? s.session.config.tagRoot : s.session.config.tagLeaf).split(separator: ",").map(String.init)
            if let at = keys.firstIndex(of: rows[i].key) { keys.remove(at: at) } else { keys.append(rows[i].key) }
            let value = keys.joined(separator: ",")
            if action == .tagRoot { s.session.config.tagRoot = value } else { s.session.config.tagLeaf = value }
            s.status = name + "=" + value
            return [s.rebuildForOptions()]
        default: return nil
        }
    }

    // MARK: filters

    /// The `tagfocus`/`tagignore` value selecting the picked string values: one key gives
    /// `key=^(?:a|b)$`; several give pprof's keyless form, one regex per key over `key:value`,
    /// each of which a sample must match (values of one key or'ed, keys and'ed). Nil when
    /// nothing is picked or a numeric value is (`numericFilterValue`).
    static func filterValue(_ picked: Set<TagPick>, numericKeys: Set<String>) -> String? {
        guard !picked.isEmpty, picked.allSatisfy({ !numericKeys.contains($0.key) }) else { return nil }
        let byKey = Dictionary(grouping: picked, by: \.key)
        let keys = byKey.keys.sorted { goLess($0, $1) }
        // `,` separates regexes and the first `=` ends the key: both are written as escapes.
        func alternatives(_ values: [String]) -> String {
            values.sorted { goLess($0, $1) }.map {
                GoRegex.quoteMeta($0).replacingOccurrences(of: ",", with: "\\x2c").replacingOccurrences(of: "=", with: "\\x3d")
            }.joined(separator: "|")
        }
        // A key holding `=` or `,` cannot be named in the key= form.
        if keys.count == 1, let k = keys.first, !k.contains("="), !k.contains(","), let picks = byKey[k] {
            return k + "=^(?:" + alternatives(picks.map { $0.value }) + ")$"
        }
        var parts: [String] = []
        for k in keys {
            let values: [String] = (byKey[k] ?? []).map { k + ":" + $0.value }
            parts.append("^(?:" + alternatives(values) + ")$")
        }
        return parts.joined(separator: ",")
    }

    /// Picked values of one numeric key as pprof's range filter: pprof filters a number by
    /// one value or one `LOW:HIGH` range of integers in the key's unit (and never with other
    /// filters in the same value), so the picks are the buckets of `-tags` (values that scale
    /// to one name) from the lowest picked raw value to the highest. The candidate is checked
    /// against every sample with the filter pprof's rules compile from it: nil when it would
    /// select any value outside the picked buckets (an unpicked bucket lies between, or the
    /// unit cannot be written), so what is applied is exactly what was picked.
    static func numericFilterValue(_ picked: Set<TagPick>, rows: [TagsRow], report: Report) -> String? {
        guard let key = picked.first?.key, picked.allSatisfy({ $0.key == key }), !key.contains("=") else { return nil }
        let buckets = rows.filter { $0.key == key && $0.value.map { picked.contains(TagPick(key: key, value: $0)) } == true }
        let ranges = buckets.compactMap(\.numbers)
        guard ranges.count == picked.count, let lo = ranges.map(\.lowerBound).min(), let hi = ranges.map(\.upperBound).max() else {
            return nil
        }
        // The range grammar takes an ASCII-letter unit; a unit that is no measurement unit
        // compares as written, so one with other characters is left out.
        let units = report.options.numLabelUnits
        let u = units[key] ?? ""
        let unit = u.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) ? u : ""
        let value = key + "=" + String(lo) + unit + (lo == hi ? "" : ":" + String(hi) + unit)
        guard let filter = try? TagFilter.compile(name: "tagfocus", value: value, numLabelUnits: units).filter else { return nil }
        let names = Set(picked.map(\.value))
        // Whether a raw value is in a picked bucket, named once per distinct value.
        var inPick: [Int64: Bool] = [:]
        func picks(_ num: Int64) -> Bool {
            if let known = inPick[num] { return known }
            let yes = names.contains(report.tagName(num, key: key))
            inPick[num] = yes
            return yes
        }
        let samples = report.profile.samples
        var memo = TagFilter.Memo()
        for i in 0..<samples.count {
            let labels = samples.labels(i)
            let want = labels.contains { $0.key == key && $0.str == nil && picks($0.num) }
            if filter.matches(labels, memo: &memo) != want { return nil }
        }
        return value
    }

    static func apply(_ s: inout AppState, ignore: Bool) -> [Effect] {
        let numeric = Set(s.tags.rows.filter(\.numeric).map(\.key))
        if s.tags.picked.isEmpty {
            s.status = "pick values with Space first"
            return []
        }
        let value: String
        if let v = filterValue(s.tags.picked, numericKeys: numeric) {
            value = v
        } else if let report = tagsReport(s), let v = numericFilterValue(s.tags.picked, rows: s.tags.rows, report: report) {
            value = v
        } else {
            s.status =
                s.tags.picked.contains { !numeric.contains($0.key) }
                ? "a numeric label filters alone (pprof takes one range of one key): pick it apart from the others"
                : "numeric picks must be neighbouring values of one key (pprof filters a number by one range)"
            return []
        }
        if ignore { s.session.config.tagIgnore = value } else { s.session.config.tagFocus = value }
        s.tags.picked = []
        s.status = (ignore ? "tagignore=" : "tagfocus=") + value
        return [s.rebuildForOptions()]
    }

    // MARK: rows

    /// The report `-tags` prints: the view's, in the unit option's output unit (the view
    /// picks one unit for its columns, while `-tags` scales each amount and label on its own).
    static func tagsReport(_ s: AppState) -> Report? {
        guard var r = s.aggregate?.report else { return nil }
        r.options.outputUnit = s.session.config.unit
        return r
    }
}

extension TagsRow {
    /// The Tags pane's rows of `r` (a `tagsReport`): `-tags`'s groups, each key's header
    /// first, numeric keys marked.
    package static func rows(of r: Report) -> [TagsRow] {
        var numeric: Set<String> = []
        let samples = r.profile.samples
        for i in 0..<samples.count {
            for l in samples.labels(i) where l.str == nil { numeric.insert(l.key) }
        }
        var out: [TagsRow] = []
        for g in r.tagGroups() {
            let isNum = numeric.contains(g.key)
            out.append(TagsRow(key: g.key, value: nil, amount: g.total, keyTotal: g.total, numeric: isNum, numbers: nil))
            for row in g.rows {
                out.append(TagsRow(key: g.key, value: row.name, amount: row.value, keyTotal: g.total, numeric: isNum, numbers: row.numbers))
            }
        }
        return out
    }
}

extension AppState {
    package var tags: TagsState {
        get { panes[TagsPane.self] }
        set { panes[TagsPane.self] = newValue }
    }

    /// The report the Tags pane lists (`TagsPane.tagsReport`).
    package var tagsReport: Report? { TagsPane.tagsReport(self) }
}
