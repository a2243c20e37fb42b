/// Which pprof's output the reports reproduce (issue #18). Decided once by the CLI from
/// `-compat=` / `PPROF_COMPAT` and carried in `Config` and `ReportOptions`, never global.
package enum Compat: String, Sendable, Equatable, CaseIterable {
    /// google/pprof as vendored by current Go (d0013a5, 2025-02-08): the default.
    case current
    /// The pprof bundled with Go 1.19 (google/pprof a41b82a, 2022-07-29); every golden
    /// recorded with this machine's `go tool pprof` is compared under it.
    case go119 = "go1.19"

    /// The upstream revision the default follows, named in README and `-help`.
    package static let currentRevision = "google/pprof d0013a5 (2025-02-08)"

    /// Parses a `-compat`/`PPROF_COMPAT` value ("" = the default).
    /// - Throws: `PprofError` listing the known values.
    package static func parse(_ value: String) throws -> Compat {
        if value.isEmpty { return .current }
        guard let c = Compat(rawValue: value) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            throw PprofError("unknown compat value \(GoQuote.quote(value)): known values are \(known)")
        }
        return c
    }
}
