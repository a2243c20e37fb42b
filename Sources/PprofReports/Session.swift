import PprofModel

/// What running one shell line produced.
package enum SessionOutcome: Sendable, Equatable {
    /// Report text, exactly as the batch command prints it.
    case output(String)
    /// A short confirmation (e.g. an option changed) for the status bar.
    case message(String)
    case error(String)
    case quit
    /// Blank line or comment: nothing to do.
    case none
}

/// pprof's interactive shell semantics over one loaded profile: `top10`, `top -cum re`,
/// `list re`, `peek re`, `name=value`, sample type names, `:` to clear filters, `help`.
package struct Session: Sendable {
    /// The loaded profile (sources merged, base applied, drop_frames pruned).
    package var profile: Profile
    package var config: Config

    package init(profile: Profile, config: Config = Config()) {
        self.profile = profile
        self.config = config
    }

    /// Runs one shell line; never throws — errors come back as `.error`.
    package mutating func execute(_ line: String) -> SessionOutcome { .error("not implemented") }

    /// The report pipeline of pprof's generateReport for `command` ("top", "peek", "list",
    /// "tree", "traces", ...) with the current config: overrides, focus filters, granularity.
    /// The TUI builds its pane rows from the returned Report (graph, text items, source).
    package func prepareReport(command: String, symbol: String? = nil) throws -> Report {
        throw PprofError("not implemented")
    }
}
