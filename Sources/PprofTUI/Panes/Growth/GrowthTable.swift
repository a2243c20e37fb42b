import Foundation
import PprofModel
import PprofReports

/// One point of the Growth series: a profile given on the command line (in order) or a
/// snapshot of the live ring. pprof merges them for every other pane; only Growth reads them
/// one by one.
package struct SeriesPoint: Sendable {
    package var name: String
    package var profile: Profile
    package init(name: String, profile: Profile) {
        self.name = name
        self.profile = profile
    }
    /// The profile's time_nanos (0 when it has none).
    package var timeNanos: Int64 { profile.timeNanos }
}

/// One function across the series: its flat value at each point (0 where it does not appear).
package struct GrowthRow: Sendable, Equatable {
    package var name: String
    /// What `list` matches to open the function's source.
    package var function: String
    package var values: [Int64]
    package var first: Int64 { values.first ?? 0 }
    package var last: Int64 { values.last ?? 0 }
    package var change: Int64 { last &- first }
    /// Least-squares slope per point (per second when `seconds` is given, one per point).
    package func slope(_ seconds: [Double]?) -> Double {
        let n = values.count
        guard n >= 2 else { return 0 }
        let xs = seconds ?? values.indices.map(Double.init)
        let mx = xs.reduce(0, +) / Double(n)
        let my = values.reduce(0.0) { $0 + Double($1) } / Double(n)
        var num = 0.0, den = 0.0
        for (x, y) in zip(xs, values) {
            num += (x - mx) * (Double(y) - my)
            den += (x - mx) * (x - mx)
        }
        return den > 0 ? num / den : 0
    }
}

/// The Growth pane's table: every function's flat value per point under the session's
/// options (each point through the same report pipeline as `top`), sorted by growth.
package struct GrowthTable: Sendable {
    package var points: [String]
    package var times: [Int64]
    package var rows: [GrowthRow]
    /// Formats values in the unit of the last point's report.
    package var report: Report
    /// Last − first (pprof's `-base`): the Source's per-line change on Enter.
    package var change: Profile?
    /// Last and first combined as `-diff_base` combines them: the Source's two sides.
    package var sides: Profile?
    /// Seconds since the first point, when every point has a distinct increasing time stamp.
    package var seconds: [Double]? {
        guard times.count >= 2, times.allSatisfy({ $0 > 0 }), zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        return times.map { Double($0 &- times[0]) / 1e9 }
    }

    /// - Throws: the pipeline's error for the first point it fails on.
    package static func build(_ points: [SeriesPoint], config: Config, environment: ReportEnvironment) throws -> GrowthTable {
        var byName: [String: Int] = [:]
        var rows: [GrowthRow] = []
        var report: Report?
        for (i, p) in points.enumerated() {
            let r = try Session(profile: p.profile, config: config, environment: environment).prepareReport(command: "top")
            report = r
            for item in r.textItems().items {
                let k =
                    byName[item.name]
                    ?? {
                        rows.append(
                            GrowthRow(name: item.name, function: item.functionName, values: [Int64](repeating: 0, count: points.count)))
                        byName[item.name] = rows.count - 1
                        return rows.count - 1
                    }()
                rows[k].values[i] &+= item.flat
            }
        }
        // Functions with no flat value anywhere (callers only) have no growth of their own.
        rows.removeAll { $0.values.allSatisfy { $0 == 0 } }
        // Growth first: change, then the last value, then the name (a complete order).
        rows.sort { a, b in
            if a.change != b.change { return a.change > b.change }
            if a.last != b.last { return a.last > b.last }
            return a.name < b.name
        }
        let unit = report ?? Report(profile: Profile(), options: ReportOptions(), total: 0)
        return GrowthTable(points: points.map(\.name), times: points.map(\.timeNanos), rows: rows, report: unit)
    }

    /// `▁▃▅█`: one bar per point, from the row's smallest value to its largest.
    package static func sparkline(_ values: [Int64]) -> String {
        let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard let lo = values.min(), let hi = values.max() else { return "" }
        let span = Double(hi) - Double(lo)
        return String(values.map { v in span > 0 ? bars[min(7, Int((Double(v) - Double(lo)) / span * 7.999))] : bars[0] })
    }

    /// `12:43:05` (UTC) of a time_nanos stamp, or `#n` without one.
    package static func stamp(_ nanos: Int64, index: Int) -> String {
        guard nanos > 0 else { return "#\(index + 1)" }
        let secs = nanos / 1_000_000_000
        let day = ((secs % 86400) + 86400) % 86400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return two(day / 3600) + ":" + two(day / 60 % 60) + ":" + two(day % 60)
    }

    /// A session over `last − first` of the series (pprof's `-base`), for the Source's
    /// per-line change.
    package static func changeProfile(_ points: [SeriesPoint]) throws -> Profile? {
        guard let first = points.first, let last = points.last, points.count >= 2 else { return nil }
        return try Profile.combine(sources: [last.profile], bases: [first.profile])
    }
}
