import Foundation
import PprofReports
import PprofTUI

/// Runs the full-screen explorer on a terminal until the user quits (or SIGINT/SIGTERM).
/// Live mode posts `AppEvent.profileReplaced(profile, note:)` into `inbox` from any thread.
/// Returns the process exit status; the terminal is restored on every path.
/// In live mode `live` is the starting state and `liveController` the poller whose events
/// are posted to `inbox`.
package func runTUI(session: Session, title: String, inbox: EventInbox = EventInbox(),
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    live: LiveState? = nil, liveController: (any LiveController)? = nil) -> Int32 {
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
    return runner.run(session: session, title: title, terminal: term)
}
