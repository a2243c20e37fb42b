import Foundation
import PprofReports
import PprofTUI

/// Runs the full-screen explorer on a terminal until the user quits (or SIGINT/SIGTERM).
/// Live mode posts `AppEvent.profileReplaced(profile, note:)` into `inbox` from any thread.
/// Returns the process exit status; the terminal is restored on every path.
package func runTUI(session: Session, title: String, inbox: EventInbox = EventInbox(),
                    environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
    guard let term = CursesTerminal(environment: environment) else {
        FileHandle.standardError.write(Data("pprof-tui: cannot initialise the terminal (TERM=\(environment["TERM"] ?? ""))\n".utf8))
        return 1
    }
    defer { term.restore() }
    var runner = AppRunner()
    runner.inbox = inbox
    runner.shouldStop = { term.stopRequested }
    return runner.run(session: session, title: title, terminal: term)
}
