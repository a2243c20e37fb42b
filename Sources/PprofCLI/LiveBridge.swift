import PprofLive
import PprofTUI

/// The poller as the explorer's live controller (refresh now, pause, resume).
extension LivePoller: LiveController {}

extension LiveUpdate {
    /// The poller's event in the explorer's terms.
    package init(_ event: LiveEvent) {
        switch event {
        case .progress(let p): self = .progress(LiveActivity(p))
        case .fetched(let f): self = .fetched(LiveFetch(f))
        case .failed(let message, _): self = .failed(message)
        }
    }
}

extension LiveActivity {
    package init(_ p: LiveProgress) {
        switch p {
        case .fetching(_, let since, let expected): self = .fetching(since: since, expectedSeconds: expected)
        case .waiting(let until): self = .waiting(until: until)
        case .paused: self = .paused
        case .idle: self = .idle
        }
    }
}

extension LiveFetch {
    package init(_ f: FetchedProfile) {
        self.init(profile: f.profile, url: f.url, fetchedAt: f.fetchedAt, savedPath: f.savedPath)
    }
}
