import PprofReports

/// Bridge to the curses explorer (PprofCurses). Until it is wired, the line shell serves.
enum TerminalUI {
    static func run(session: Session, title: String, inv: Invocation, io: DriverIO) -> Int32 {
        var s = session
        return LineShell.run(&s, io: io)
    }
}
