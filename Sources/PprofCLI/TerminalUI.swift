import PprofCurses
import PprofReports
import PprofTUI

/// Bridge to the curses explorer: the only place the CLI reaches the terminal UI.
enum TerminalUI {
    static func run(session: Session, title: String, inv: Invocation, io: DriverIO) -> Int32 {
        runTUI(session: session, title: title, environment: io.environment)
    }
}
