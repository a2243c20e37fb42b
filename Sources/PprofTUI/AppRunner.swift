import Foundation
import PprofLive
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
    /// Run effects synchronously (tests: deterministic frames).
    package var synchronous = false
    /// Opens the editor; injectable so tests never spawn processes.
    package var openEditor: @Sendable (String, Int) -> String = { file, line in AppRunner.runEditor(file: file, line: line) }
    /// Polled between events; returning true stops the loop (SIGINT/SIGTERM flag).
    package var shouldStop: () -> Bool = { false }
    /// Live mode: the poller (its events must be posted to `inbox` as `.live`).
    package var liveController: (any LiveController)?
    /// The profile arrives later through `.profileLoaded` (a progress bar shows meanwhile).
    package var startsLoading = false
    /// Live mode: the state the app starts with (nil for a file).
    package var liveState: LiveState?
    /// The prompt's history across runs: read at start, each accepted line appended.
    package var historyStore: (any PromptHistoryStore)?

    package init() {}

    /// Runs until quit; returns the process exit status.
    package func run(session: Session, title: String, terminal: Terminal) -> Int32 {
        let size = terminal.size
        var state = AppState(session: session, title: title, width: size.width, height: size.height)
        state.live = liveState
        if startsLoading { state.loadPhase = ("Loading", 0) }
        state.now = Date()
        if let h = historyStore { state.prompt.history = PromptHistory(h.load()) }
        var pending = state.start()
        var dirty = true
        var lastTick = state.now
        while !state.quitting {
            if shouldStop() { break }
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
            if events.isEmpty, let e = terminal.nextEvent(timeoutMs: 50) { events.append(e) }
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
            let work: @Sendable () -> Void = { ViewBuilder.post(generation: gen, session: session) { inbox.post($0) } }
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
        case .rebuildLive(let gen, let session, let live):
            let work: @Sendable () -> Void = { inbox.post(ViewBuilder.liveEvent(generation: gen, session: session, live: live)) }
            dispatch(work)
        case .buildFlame(let gen, let zoom, let view):
            let work: @Sendable () -> Void = { inbox.post(.flameReady(generation: gen, FlameBuilder.compute(view, zoom: zoom))) }
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

    func dispatch(_ work: @escaping @Sendable () -> Void) {
        if synchronous {
            work()
        } else {
            DispatchQueue.global(qos: .userInitiated).async(execute: work)
        }
    }

    /// `$EDITOR +line file` (vi when unset), run through /bin/sh so EDITOR may carry flags.
    package static func runEditor(file: String, line: Int) -> String {
        let editor = ProcessInfo.processInfo.environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec " + editor + " +\"$1\" \"$2\"", "sh", String(line), file]
        do {
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? "" : "editor exited with status \(p.terminationStatus)"
        } catch {
            return "cannot run \(editor): \(error)"
        }
    }
}

/// What the runner needs from the live poller; `LivePoller` is one, tests script another.
package protocol LiveController: AnyObject, Sendable {
    func refreshNow()
    func pause()
    func resume()
}

extension LivePoller: LiveController {}
