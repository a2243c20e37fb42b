import Foundation
import PprofModel
import PprofReports
import PprofTUI

/// Runs the full-screen explorer on a terminal until the user quits (or SIGINT/SIGTERM).
/// Live mode posts `AppEvent.profileReplaced(profile, note:)` into `inbox` from any thread.
/// Returns the process exit status; the terminal is restored on every path.
/// In live mode `live` is the starting state and `liveController` the poller whose events
/// are posted to `inbox`.
package func runTUI(session: Session, title: String, inbox: EventInbox = EventInbox(),
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    live: LiveState? = nil, liveController: (any LiveController)? = nil,
                    history: (any PromptHistoryStore)? = nil) -> Int32 {
    guard let term = CursesTerminal(environment: environment) else {
        FileHandle.standardError.write(Data("pprof-tui: cannot initialise the terminal (TERM=\(environment["TERM"] ?? ""))\n".utf8))
        return 1
    }
    defer { term.restore() }
    var runner = AppRunner()
    runner.inbox = inbox
    runner.shouldStop = { term.stopRequested }
    runner.liveState = live
    runner.liveController = liveController
    runner.historyStore = history
    return runner.run(session: session, title: title, terminal: term)
}

/// Starts the explorer at once and loads the profile off the main loop, showing a progress
/// bar: `load` reports (phase, fraction) through its callback and returns the profile.
package func runTUI(
    title: String, config: Config, environment: ReportEnvironment, history: (any PromptHistoryStore)? = nil,
    load: @escaping @Sendable (@escaping @Sendable (String, Double) -> Void) throws -> Profile,
    terminalEnvironment: [String: String] = ProcessInfo.processInfo.environment
) -> Int32 {
    let inbox = EventInbox()
    let failure = LoadFailure()
    inbox.post(.loadProgress(phase: "Loading", fraction: 0))
    DispatchQueue.global(qos: .userInitiated).async {
        do {
            let p = try load { phase, fraction in inbox.post(.loadProgress(phase: phase, fraction: fraction)) }
            inbox.post(.profileLoaded(p))
        } catch {
            // Nothing good to show: leave the UI, restore the terminal, report one line.
            failure.set("\(error)")
            inbox.post(.loadFailed("\(error)"))
        }
    }
    var runner = AppRunner()
    runner.startsLoading = true
    runner.inbox = inbox
    runner.historyStore = history
    guard let term = CursesTerminal(environment: terminalEnvironment) else {
        FileHandle.standardError.write(Data("pprof-tui: cannot initialise the terminal\n".utf8))
        return 1
    }
    runner.shouldStop = { term.stopRequested || failure.get() != nil }
    let code = runner.run(
        session: Session(profile: Profile(), config: config, environment: environment), title: title, terminal: term)
    term.restore()
    if let message = failure.get() {
        FileHandle.standardError.write(Data("pprof-tui: \(sanitizeForTerminal(message))\n".utf8))
        return 1
    }
    return code
}

/// The loader's error, handed from its thread to the main loop.
private final class LoadFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ m: String) {
        lock.lock()
        message = m
        lock.unlock()
    }
    func get() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return message
    }
}
