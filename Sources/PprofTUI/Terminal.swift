/// The terminal as the main loop sees it. The curses backend implements it; tests use
/// `ScriptedTerminal`, so the loop runs without a terminal.
package protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `grid`; implementations send only cells that differ from the last grid.
    func present(_ grid: Grid)
    /// Waits up to `timeoutMs` for input; nil when none arrived.
    func nextEvent(timeoutMs: Int) -> AppEvent?
    /// Leaves full-screen mode for an external program (the editor) and comes back.
    func suspend(_ body: () -> Void)
}

/// A terminal double: replays scripted events and records every presented grid.
package final class ScriptedTerminal: Terminal {
    package var size: (width: Int, height: Int)
    package private(set) var frames: [Grid] = []
    private var script: [AppEvent]
    /// Events read after the script ran out (each is an idle poll).
    package private(set) var idlePolls = 0

    package init(width: Int, height: Int, events: [AppEvent]) {
        self.size = (width, height)
        self.script = events.reversed()
    }

    package func present(_ grid: Grid) { frames.append(grid) }

    package func nextEvent(timeoutMs: Int) -> AppEvent? {
        guard let e = script.popLast() else {
            idlePolls += 1
            return idlePolls > 1000 ? .key(.char("q")) : nil
        }
        if case .resize(let w, let h) = e { size = (w, h) }
        return e
    }

    package func suspend(_ body: () -> Void) { body() }
}
