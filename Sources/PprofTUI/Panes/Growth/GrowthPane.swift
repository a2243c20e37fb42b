import PprofModel
import PprofReports

package struct GrowthState: Sendable, Equatable {
    package var list = ListScroll()
    package var table: GrowthTable?
    /// The aggregate generation `table` was built for, and the one being built.
    package var builtFor: Int?
    package var requested: Int?
    package var error: String?

    package static func == (a: GrowthState, b: GrowthState) -> Bool {
        a.list == b.list && a.builtFor == b.builtFor && a.requested == b.requested && a.error == b.error
            && a.table?.rows == b.table?.rows && a.table?.times == b.table?.times
    }
}

/// Each function across the profiles given (or the live snapshots), by growth: the leak at
/// the top. Shown, with a tab, whenever more than one profile is open.
enum GrowthPane: PaneModel {
    static let pane = Pane.growth
    static let title = "Growth"
    /// Its tab comes and goes with the series (`AppState.extraTabs`).
    static let inTabs = false
    static func emptyState() -> GrowthState { GrowthState() }

    static func hint(for action: Action) -> String? {
        switch action {
        case .enter: return "change in source"
        case .sort: return ""
        default: return nil
        }
    }

    static func selectedNode(_ s: AppState) -> String? {
        guard let rows = s.growth.table?.rows, s.growth.list.selection >= 0, s.growth.list.selection < rows.count else { return nil }
        return rows[s.growth.list.selection].name
    }

    static func show(_ s: inout AppState, target: String?) -> [Effect] {
        if let target, let i = s.growth.table?.rows.firstIndex(where: { $0.name == target }) {
            s.growth.list.select(i, count: s.growth.table?.rows.count ?? 0, visible: s.layout.visibleRows, center: true)
        }
        return []
    }

    static func move(_ s: inout AppState, by delta: Int) { s.growth.list.move(by: delta, count: s.growth.table?.rows.count ?? 0) }

    static func clamp(_ s: inout AppState) {
        s.growth.list.clamp(count: s.growth.table?.rows.count ?? 0, visible: s.layout.visibleRows - 1)
    }

    static func searchStep(_ s: inout AppState, _ dir: Int) {
        guard let (_, re) = s.activeSearch(dir), let rows = s.growth.table?.rows else { return }
        guard let i = s.nextMatch(count: rows.count, from: s.growth.list.selection, dir: dir, { re.matches(rows[$0].name) }) else { return }
        s.growth.list.select(i, count: rows.count, visible: s.layout.visibleRows - 1, center: false)
    }

    static func click(_ s: inout AppState, x: Int, row: Int) { s.growth.list.selection = s.growth.list.row(at: row) }

    /// Enter: the function's Source, each line's change between the first and last point.
    static func enter(_ s: inout AppState) -> [Effect] {
        guard let t = s.growth.table, let name = selectedNode(s), let row = t.rows.first(where: { $0.name == name }) else { return [] }
        guard let change = t.change else {
            s.status = "no change to list"
            return []
        }
        guard !row.function.isEmpty else {
            s.status = "no function name for \(name) at granularity \(s.session.config.granularity)"
            return []
        }
        s.navigate(to: .source)
        s.source = SourceState(node: name)
        s.source.function = row.function
        s.source.diff = true
        return [
            .loadSource(
                node: name, function: row.function,
                session: Session(profile: change, config: s.session.config, environment: s.session.environment))
        ]
            + SourcePane.sidesEffect(s, name, row.function)
    }

    /// Builds the table for the current options (off the main loop) when it is stale.
    static func whileShown(_ s: inout AppState) -> [Effect] {
        let gen = s.aggregateGeneration
        guard s.aggregate != nil, s.growth.builtFor != gen, s.growth.requested != gen else { return [] }
        let points = s.seriesPoints
        guard points.count > 1 else { return [] }
        s.growth.requested = gen
        return [.buildGrowth(generation: gen, points: points, session: s.session)]
    }

    static func ready(_ s: AppState) -> Bool {
        s.growth.builtFor == s.aggregateGeneration || s.seriesPoints.count < 2 || s.growth.error != nil
    }

    static func take(_ s: inout AppState, generation gen: Int, _ result: Result<GrowthTable, PprofError>) {
        if s.growth.requested == gen { s.growth.requested = nil }
        guard gen == s.aggregateGeneration else { return }
        s.growth.builtFor = gen
        switch result {
        case .success(let t):
            s.growth.table = t
            s.growth.error = nil
        case .failure(let e): s.growth.error = e.message
        }
        s.clampAll()
    }
}

extension AppState {
    package var growth: GrowthState {
        get { panes[GrowthPane.self] }
        set { panes[GrowthPane.self] = newValue }
    }

    /// The Growth series: the live snapshots, else the profiles of the command line.
    package var seriesPoints: [SeriesPoint] {
        if let l = live {
            return l.ring.snapshots.map {
                SeriesPoint(
                    name: GrowthTable.stamp(Int64($0.fetchedAt.timeIntervalSince1970 * 1e9), index: $0.sequence - 1), profile: $0.profile)
            }
        }
        return series
    }

    /// Tabs shown only while they apply: Growth with more than one profile.
    package var extraTabs: [Pane] { seriesPoints.count > 1 ? [.growth] : [] }
}

extension GrowthTable {
    /// The table's work, as the runner runs it.
    package static func compute(_ points: [SeriesPoint], _ session: Session) -> Result<GrowthTable, PprofError> {
        do {
            var t = try build(points, config: session.config, environment: session.environment)
            t.change = try changeProfile(points)
            if let first = points.first, let last = points.last {
                t.sides = try Profile.combine(sources: [last.profile], bases: [first.profile], diffBase: true)
            }
            return .success(t)
        } catch let e as PprofError {
            return .failure(e)
        } catch {
            return .failure(PprofError("\(error)"))
        }
    }
}
