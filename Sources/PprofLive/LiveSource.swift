import PprofModel

/// A profile source on a debug server, resolved the way `go tool pprof` resolves its argument.
///
/// Go's pprof (cmd/pprof `adjustURL`) retries a source that does not parse as a URL with a host
/// by prefixing `http://`, points an empty path at the CPU profile handler, sets `seconds` from
/// `-seconds` whenever that is positive (the server decides what it means: a CPU profile's length,
/// a delta window for heap/allocs/block/mutex), re-encodes the query with sorted keys, and derives
/// the fetch timeout from the duration.
package struct LiveSource: Sendable, Equatable {
    /// The URL that is fetched, after pprof's adjustments.
    package var url: String
    /// Seconds of profiling asked of the server (from `-seconds` or the URL's `seconds`), if any.
    package var duration: Double?
    /// pprof's timeout in seconds: `-timeout` when positive, else 1.5x the duration, else 60.
    package var timeout: Double
    /// Which net/http/pprof handler the path names.
    package var endpoint: LiveEndpoint

    /// Go's CPU profile handler, used when the URL has no path.
    static let cpuProfileHandler = "/debug/pprof/profile"

    package init(url: String, duration: Double?, timeout: Double, endpoint: LiveEndpoint) {
        self.url = url
        self.duration = duration
        self.timeout = timeout
        self.endpoint = endpoint
    }

    /// Whether pprof would fetch `arg` over HTTP rather than open it as a file.
    package static func isURL(_ arg: String) -> Bool {
        (try? parse(arg, seconds: nil, timeout: nil)) != nil
    }

    /// Resolves a command-line source. `seconds`/`timeout` are the flag values (`nil` or <= 0: unset).
    /// - Throws: `PprofError` when `arg` is not something pprof would fetch over HTTP.
    package static func parse(_ arg: String, seconds: Int?, timeout: Int?) throws -> LiveSource {
        var parsed = GoURL.parse(arg)
        if parsed == nil || (parsed?.host.isEmpty == true && parsed?.scheme.isEmpty == false && parsed?.scheme != "file") {
            parsed = GoURL.parse("http://" + arg)
        }
        guard var url = parsed, !url.host.isEmpty else {
            throw PprofError("\(arg): not a URL (expected http://host:port/path or host:port)")
        }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw PprofError("\(arg): unsupported URL scheme \"\(url.scheme)\" (only http and https)")
        }
        if url.path.isEmpty || url.path == "/" {
            url.path = cpuProfileHandler
        }
        var query = GoQuery.parse(url.rawQuery)
        var duration: Double?
        if let seconds, seconds > 0 {
            query.set("seconds", String(seconds))
            duration = Double(seconds)
        } else if let text = query.first("seconds"), let value = Int32(text), value > 0 {
            duration = Double(value)
        }
        let effectiveTimeout: Double
        if let timeout, timeout > 0 {
            effectiveTimeout = Double(timeout)
        } else if let duration {
            effectiveTimeout = duration * 1.5
        } else {
            effectiveTimeout = 60
        }
        url.rawQuery = query.encode()
        let endpoint = LiveEndpoint(path: url.path)
        return LiveSource(url: url.string, duration: duration, timeout: effectiveTimeout, endpoint: endpoint)
    }
}

/// The net/http/pprof handlers that serve a profile.proto, plus anything else a URL may name.
package enum LiveEndpoint: Sendable, Equatable {
    case profile, heap, allocs, goroutine, block, mutex, threadcreate
    case other(String)

    /// Names the handler from the URL path's last component (`/debug/pprof/heap` -> heap).
    package init(path: String) {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        switch last {
        case "profile": self = .profile
        case "heap": self = .heap
        case "allocs": self = .allocs
        case "goroutine": self = .goroutine
        case "block": self = .block
        case "mutex": self = .mutex
        case "threadcreate": self = .threadcreate
        default: self = .other(last)
        }
    }

    /// The handler's name as it appears in the URL.
    package var name: String {
        switch self {
        case .profile: return "profile"
        case .heap: return "heap"
        case .allocs: return "allocs"
        case .goroutine: return "goroutine"
        case .block: return "block"
        case .mutex: return "mutex"
        case .threadcreate: return "threadcreate"
        case .other(let name): return name
        }
    }

    /// Endpoints whose values only grow over a process's life, so a difference of two snapshots
    /// is "what happened in between". Heap is cumulative only in its alloc_* sample types.
    package var isCumulative: Bool {
        switch self {
        case .allocs, .block, .mutex, .heap: return true
        default: return false
        }
    }
}
