import Foundation
import PprofModel
import PprofReports

/// A thread-safe queue through which background work and live mode hand events to the loop.
package final class EventInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AppEvent] = []

    package init() {}

    package func post(_ e: AppEvent) {
        lock.lock()
        events.append(e)
        lock.unlock()
    }

    package func drainForTests() -> [AppEvent] { drain() }

    func drain() -> [AppEvent] {
        lock.lock()
        defer { lock.unlock() }
        let out = events
        events.removeAll()
        return out
    }
}

/// Runs the app: reads events, applies `update`, performs effects (heavy ones on a
/// background queue, their results coming back through the inbox), redraws.
package struct AppRunner {
    package var inbox = EventInbox()
    /// The generation of the last rebuild dispatched (older ones' background work stops).
    let latest = LockedInt()
    /// Background jobs dispatched and not finished.
    let inFlight = LockedInt()
    /// Run effects synchronously (tests: deterministic frames).
    package var synchronous = false
    /// Opens the editor (the CLI runs `$EDITOR`); returns a message for the status line.
    package var openEditor: @Sendable (String, Int) -> String = { _, _ in "no editor in this environment" }
    /// Polled between events; returning true stops the loop (SIGINT/SIGTERM flag).
    package var shouldStop: () -> Bool = { false }
    /// Live mode: the poller (its events must be posted to `inbox` as `.live`).
    package var liveController: (any LiveController)?
    /// Loads the profile off the main loop while a progress bar shows (nil: the session's
    /// profile is ready). It reports (phase, fraction) through its callback; a failure stops
    /// the loop, `run` returns 1 and `loadError` holds the message for after the terminal is
    /// restored.
    package var load: (@Sendable (_ progress: @escaping @Sendable (String, Double) -> Void) throws -> Profile)?
    package let loadError = LoadError()
    /// Live mode: the state the app starts with (nil for a file).
    package var liveState: LiveState?
    /// The profile has a base subtracted (`-base`/`-diff_base`): the panes colour change.
    package var diffSource = false
    /// The side profile of a `-base` diff (`AppState.diffSides`).
    package var diffSides: Profile?
    /// Several profiles given: each alone, for the Growth pane (`AppState.series`).
    package var series: [SeriesPoint] = []
    /// The prompt's history across runs: read at start, each accepted line appended.
    package var historyStore: (any PromptHistoryStore)?
    /// `-mine=REGEX` (empty: found from go.mod at start).
    package var mine = ""

    package init() {}

    /// Runs until quit; returns the process exit status.
    package func run(session: Session, title: String, terminal: Terminal) -> Int32 {
        let size = terminal.size
        var state = AppState(session: session, title: title, width: size.width, height: size.height)
        state.live = liveState
        state.diffSource = diffSource
        state.diffSides = diffSides
        state.series = series
        if load != nil { state.loadPhase = ("Loading", 0) }
        state.now = Date()
        if let h = historyStore { state.prompt.history = PromptHistory(h.load()) }
        if !mine.isEmpty, let m = try? MyCode(pattern: mine, origin: "-mine") { state.myCode = m }
        var pending = state.start()
        if let load { startLoading(load) }
        var dirty = true
        var lastTick = state.now
        while !state.quitting {
            if shouldStop() { break }
            if loadError.message != nil { return 1 }
            if state.live != nil, Date().timeIntervalSince(lastTick) >= 1 {
                // Once a second: the countdown and the data's age move on.
                lastTick = Date()
                _ = state.handle(.tick(lastTick))
                dirty = true
            }
            for e in pending { perform(e, &state, terminal) }
            pending = []
            if dirty {
                terminal.present(Renderer.render(state))
                dirty = false
            }
            var events = inbox.drain()
            // The terminal's wait cannot be woken by the inbox: while background work runs its
            // results are looked for every few ms, so a finished load or view is not left
            // waiting for a key or the idle timeout.
            let wait = inFlight.value > 0 ? 4 : 50
            if events.isEmpty, let e = terminal.nextEvent(timeoutMs: wait) { events.append(e) }
            for e in events {
                let fx = state.handle(e)
                pending += fx
                dirty = true
            }
        }
        return 0
    }

    func perform(_ effect: Effect, _ state: inout AppState, _ terminal: Terminal) {
        let inbox = self.inbox
        switch effect {
        case .quit:
            state.quitting = true
        case .rebuild(let gen, let session):
            // The Flame's frames and the Tree's graph follow the Top on the same worker, each
            // given up once a newer rebuild is asked for.
            let after = state.planAfterTop(generation: gen)
            let latest = self.latest
            latest.set(gen)
            let work: @Sendable () -> Void = {
                ViewBuilder.post(generation: gen, session: session, after: after, wanted: { latest.value == gen }) { inbox.post($0) }
            }
            dispatch(work)
        case .runCommand(let line, let session):
            let work: @Sendable () -> Void = {
                var s = session
                let outcome = s.execute(line)
                inbox.post(.commandFinished(line: line, outcome: outcome, session: s))
            }
            dispatch(work)
        case .saveHistory(let line):
            historyStore?.append(line)
        case .loadSource(let node, let function, let session):
            let work: @Sendable () -> Void = {
                do {
                    inbox.post(.sourceLoaded(node: node, rows: try ViewBuilder.sourceRows(session: session, function: function), error: nil))
                } catch {
                    inbox.post(.sourceLoaded(node: node, rows: nil, error: "\(error)"))
                }
            }
            dispatch(work)
        case .loadAssembly(let node, let function, let session):
            let work: @Sendable () -> Void = {
                do {
                    inbox.post(.assemblyLoaded(node: node, rows: try ViewBuilder.assemblyRows(session: session, function: function), error: nil))
                } catch {
                    inbox.post(.assemblyLoaded(node: node, rows: nil, error: "\(error)"))
                }
            }
            dispatch(work)
        case .rebuildLive(let gen, let session, let live):
            latest.set(gen)
            let work: @Sendable () -> Void = { inbox.post(ViewBuilder.liveEvent(generation: gen, session: session, live: live)) }
            dispatch(work)
        case .buildFlame(let gen, let zoom, let view):
            let work: @Sendable () -> Void = { inbox.post(.flameReady(generation: gen, FlameBuilder.compute(view, zoom: zoom))) }
            dispatch(work)
        case .buildSandwich(let request, let view, let index):
            let work: @Sendable () -> Void = { inbox.post(.sandwichReady(SandwichCount.compute(request, view: view, index: index))) }
            dispatch(work)
        case .buildTags(let gen, let report):
            let work: @Sendable () -> Void = { inbox.post(.tagsReady(generation: gen, TagsRow.rows(of: report))) }
            dispatch(work)
        case .loadSourceSides(let node, let function, let sides):
            let work: @Sendable () -> Void = { inbox.post(.sourceSidesLoaded(node: node, LineSides.compute(sides, function: function))) }
            dispatch(work)
        case .buildGrowth(let gen, let points, let session):
            let work: @Sendable () -> Void = { inbox.post(.growthReady(generation: gen, GrowthTable.compute(points, session))) }
            dispatch(work)
        case .live(let command):
            switch command {
            case .refreshNow: liveController?.refreshNow()
            case .pause: liveController?.pause()
            case .resume: liveController?.resume()
            }
        case .openEditor(let file, let line):
            var message = ""
            let open = openEditor
            terminal.suspend { message = open(file, line) }
            inbox.post(.externalDone(message: message))
        }
    }

    /// Runs the loader on the background queue (inline when synchronous); its progress,
    /// profile or failure come back through the inbox.
    func startLoading(_ load: @escaping @Sendable (_ progress: @escaping @Sendable (String, Double) -> Void) throws -> Profile) {
        let inbox = self.inbox
        let failure = loadError
        dispatch {
            do {
                let p = try load { phase, fraction in inbox.post(.loadProgress(phase: phase, fraction: fraction)) }
                inbox.post(.profileLoaded(p))
            } catch {
                // Nothing good to show: the loop stops and the caller reports one line.
                failure.set("\(error)")
                inbox.post(.loadFailed("\(error)"))
            }
        }
    }

    func dispatch(_ work: @escaping @Sendable () -> Void) {
        if synchronous {
            work()
        } else {
            let inFlight = self.inFlight
            inFlight.add(1)
            DispatchQueue.global(qos: .userInitiated).async {
                work()
                inFlight.add(-1)
            }
        }
    }
}

/// An integer shared by the loop and background jobs (the newest rebuild generation, the
/// jobs in flight).
final class LockedInt: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    func set(_ g: Int) {
        lock.lock()
        current = g
        lock.unlock()
    }
    func add(_ d: Int) {
        lock.lock()
        current += d
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return current
    }
}

/// The loader's error, handed from its thread to the main loop.
package final class LoadError: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    package init() {}
    func set(_ m: String) {
        lock.lock()
        text = m
        lock.unlock()
    }
    package var message: String? {
        lock.lock()
        defer { lock.unlock() }
        return text
    }
}

/// What the runner needs from the live poller; `LivePoller` is one, tests script another.
package protocol LiveController: AnyObject, Sendable {
    func refreshNow()
    func pause()
    func resume()
}
