import Foundation
import PprofModel

/// What the background fetcher tells the main loop.
package enum LiveEvent: Sendable {
    /// A fetch or a wait is under way (for the status bar's progress / countdown).
    case progress(LiveProgress)
    /// A profile arrived (decoded, and saved when saving is on).
    case fetched(FetchedProfile)
    /// A fetch failed with a one-line message; the last good profile stays valid.
    case failed(String, at: Date)
}

package enum LiveProgress: Sendable, Equatable {
    /// Fetching `url` since `since`; a CPU profile takes about `expectedSeconds`.
    case fetching(url: String, since: Date, expectedSeconds: Double?)
    /// Idle until the next automatic refresh.
    case waiting(until: Date)
    /// Automatic refresh is paused (refresh-now still works).
    case paused
    /// No automatic refresh (`-refresh` not given); only refresh-now fetches.
    case idle
}

/// Re-fetches a source in the background and reports each outcome through `onEvent`.
///
/// One fetch at a time: commands (refresh now, pause, resume) queue behind a fetch in flight
/// and repeated refresh-now requests coalesce. `stop` cancels the fetch in flight at once.
/// Events are delivered on a background task; the callback must hand them to the main loop.
package final class LivePoller: @unchecked Sendable {
    private enum Command: Sendable { case tick, refreshNow, pause, resume }

    package let source: LiveSource
    private let fetcher: ProfileFetcher
    private let interval: Double?
    private let onEvent: @Sendable (LiveEvent) -> Void
    private let clock: any LiveClock
    private let commands: AsyncStream<Command>
    private let continuation: AsyncStream<Command>.Continuation

    private let lock = NSLock()
    private var loop: Task<Void, Never>?
    private var refreshPending = false
    private var pausedFlag = false

    /// - Parameters:
    ///   - interval: seconds between the end of one fetch and the start of the next (`-refresh`);
    ///     `nil` or <= 0 fetches once and then only on `refreshNow`.
    ///   - clock: what the countdown waits on and the progress events are stamped with.
    package init(
        source: LiveSource, fetcher: ProfileFetcher, interval: Double?, clock: any LiveClock = SystemClock(),
        onEvent: @escaping @Sendable (LiveEvent) -> Void
    ) {
        self.source = source
        self.fetcher = fetcher
        self.interval = interval.flatMap { $0 > 0 ? $0 : nil }
        self.clock = clock
        self.onEvent = onEvent
        (commands, continuation) = AsyncStream.makeStream(of: Command.self, bufferingPolicy: .unbounded)
    }

    /// A poller and the stream of its events, for an `for await` consumer.
    package static func stream(
        source: LiveSource, fetcher: ProfileFetcher, interval: Double?, clock: any LiveClock = SystemClock()
    ) -> (LivePoller, AsyncStream<LiveEvent>) {
        let (events, sink) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .unbounded)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: interval, clock: clock) { sink.yield($0) }
        return (poller, events)
    }

    deinit {
        loop?.cancel()
        continuation.finish()
    }

    package var isPaused: Bool {
        lock.lock()
        defer { lock.unlock() }
        return pausedFlag
    }

    /// Starts the refresh cycle, with a fetch at once unless `fetchFirst` is false (the caller
    /// already holds a fresh snapshot); later calls do nothing.
    package func start(fetchFirst: Bool = true) {
        lock.lock()
        defer { lock.unlock() }
        guard loop == nil else { return }
        loop = Task { [self] in await run(fetchFirst: fetchFirst) }
    }

    /// Fetches as soon as the fetch in flight (if any) ends, then restarts the countdown.
    package func refreshNow() {
        lock.lock()
        let already = refreshPending
        refreshPending = true
        lock.unlock()
        if !already { continuation.yield(.refreshNow) }
    }

    package func pause() {
        setPaused(true)
        continuation.yield(.pause)
    }

    package func resume() {
        setPaused(false)
        continuation.yield(.resume)
    }

    package func togglePause() {
        if isPaused { resume() } else { pause() }
    }

    /// Cancels the fetch in flight and ends the cycle; no events follow once it returns... except
    /// possibly one already being delivered.
    package func stop() {
        lock.lock()
        let task = loop
        lock.unlock()
        task?.cancel()
        continuation.finish()
    }

    /// Returns once the cycle has ended (after `stop`): no event follows.
    package func waitUntilStopped() async {
        let task = lock.withLock { loop }
        await task?.value
    }

    private func clearRefreshPending() {
        lock.withLock { refreshPending = false }
    }

    private func setPaused(_ value: Bool) {
        lock.lock()
        pausedFlag = value
        lock.unlock()
    }

    private func run(fetchFirst: Bool) async {
        var timer: Task<Void, Never>?
        var paused = isPaused
        let continuation = self.continuation
        let interval = self.interval
        let clock = self.clock

        func schedule() {
            timer?.cancel()
            timer = nil
            // Stopped during a fetch: no countdown and no event after `stop`.
            if Task.isCancelled { return }
            guard let interval else {
                onEvent(.progress(.idle))
                return
            }
            if paused {
                onEvent(.progress(.paused))
                return
            }
            onEvent(.progress(.waiting(until: clock.now.addingTimeInterval(interval))))
            timer = Task {
                do {
                    try await clock.sleep(seconds: interval)
                    continuation.yield(.tick)
                } catch {}
            }
        }

        if fetchFirst { await fetchOnce() }
        schedule()
        for await command in commands {
            if Task.isCancelled { break }
            switch command {
            case .tick:
                if !paused {
                    await fetchOnce()
                    schedule()
                }
            case .refreshNow:
                clearRefreshPending()
                await fetchOnce()
                schedule()
            case .pause:
                if !paused {
                    paused = true
                    schedule()
                }
            case .resume:
                if paused {
                    paused = false
                    schedule()
                }
            }
        }
        timer?.cancel()
    }

    private func fetchOnce() async {
        if Task.isCancelled { return }
        onEvent(.progress(.fetching(url: source.url, since: clock.now, expectedSeconds: source.duration)))
        do {
            let fetched = try await fetcher.fetch(source)
            if Task.isCancelled { return }
            onEvent(.fetched(fetched))
        } catch {
            if Task.isCancelled { return }
            let message = (error as? PprofError)?.message ?? String(describing: error)
            onEvent(.failed(message, at: clock.now))
        }
    }
}
