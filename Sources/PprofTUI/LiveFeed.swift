import Foundation
import PprofModel

/// What live mode tells the explorer, in the explorer's own terms: the CLI maps the poller's
/// events onto these, so the TUI never imports the fetching code.
package enum LiveUpdate: Sendable {
    /// A fetch or a wait is under way (for the status bar's progress / countdown).
    case progress(LiveActivity)
    /// A profile arrived.
    case fetched(LiveFetch)
    /// A fetch failed with a one-line message; the last good profile stays.
    case failed(String)
}

/// The poller's state as the status bar shows it.
package enum LiveActivity: Sendable, Equatable {
    /// Fetching since `since`; a CPU profile takes about `expectedSeconds`.
    case fetching(since: Date, expectedSeconds: Double?)
    case waiting(until: Date)
    case paused
    /// No automatic refresh: only refresh-now fetches.
    case idle
}

/// One fetched profile as the snapshot ring keeps it.
package struct LiveFetch: Sendable {
    package var profile: Profile
    package var url: String
    package var fetchedAt: Date
    /// Where the fetcher saved its bytes (nil when saving was off or failed).
    package var savedPath: String?

    package init(profile: Profile, url: String, fetchedAt: Date, savedPath: String?) {
        self.profile = profile
        self.url = url
        self.fetchedAt = fetchedAt
        self.savedPath = savedPath
    }
}
