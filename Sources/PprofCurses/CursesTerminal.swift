import CNcursesw
import Foundation
import PprofTUI

/// Set from the SIGINT/SIGTERM handler; the main loop polls it and restores the terminal.
nonisolated(unsafe) private var stopSignal: sig_atomic_t = 0

/// The ncursesw backend: flushes only changed cells of each grid, decodes keys and mouse
/// events from `get_wch`, and restores the terminal on every exit path.
package final class CursesTerminal: Terminal {
    private let screen: OpaquePointer
    private let win: UnsafeMutablePointer<WINDOW>
    private var previous: Grid?
    private var pairs: [Int: Int16] = [:]
    private let colorMode: ColorMode
    private var closed = false

    enum ColorMode { case none, basic, extended }

    /// Nil when curses cannot set up the terminal (unknown TERM, no terminal).
    package init?(environment: [String: String]) {
        setlocale(LC_ALL, "")
        // The tty modes before curses changes them, for the crash handler to put back.
        var modes = termios()
        let haveModes = tcgetattr(0, &modes) == 0
        guard let out = fdopen(1, "w"), let inp = fdopen(0, "r"), let scr = newterm(nil, out, inp) else { return nil }
        screen = scr
        set_term(scr)
        guard let w = pprof_stdscr() else {
            endwin()
            return nil
        }
        win = w
        cbreak()
        noecho()
        nonl()
        keypad(win, true)
        scrollok(win, false)
        curs_set(0)
        set_escdelay(25)
        mousemask(pprof_button1_pressed() | pprof_button1_clicked() | pprof_button4_pressed() | pprof_button5_pressed(), nil)
        mouseinterval(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            colorMode = tigetnum("colors") >= 256 ? .extended : .basic
        } else {
            colorMode = .none
        }
        signal(SIGINT) { _ in stopSignal = 1 }
        signal(SIGTERM) { _ in stopSignal = 1 }
        // A closed terminal (ssh drop, killed tmux) sends SIGHUP: quit instead of spinning.
        signal(SIGHUP) { _ in stopSignal = 1 }
        // A parent may hand us a blocked signal mask (test runners, some supervisors): resize
        // and the restore-on-signal path only work if these signals can be delivered.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGWINCH, SIGINT, SIGTERM] { sigaddset(&wanted, sig) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        CrashRestore.install(modes: haveModes ? modes : nil)
    }

    /// SIGINT, SIGTERM or SIGHUP arrived; the loop polls it.
    package var stopRequested: Bool { stopSignal != 0 }
    /// Consecutive reads that failed at once (a vanished terminal).
    private var fastErrors = 0

    package var size: (width: Int, height: Int) {
        var h: Int32 = 0, w: Int32 = 0
        h = getmaxy(win)
        w = getmaxx(win)
        return (Int(max(0, w)), Int(max(0, h)))
    }

    package func restore() {
        guard !closed else { return }
        closed = true
        CrashRestore.uninstall()
        endwin()
        delscreen(screen)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    deinit { restore() }

    package func present(_ grid: Grid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full {
            werase(win)
            clearok(win, true)
        }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let p = previous, p[x, y] == cell { continue }
                if cell.isWideTail {
                    // A changed tail means its head must be drawn again.
                    if x > 0, !grid[x - 1, y].isWideTail { draw(grid[x - 1, y], x - 1, y) }
                    continue
                }
                draw(cell, x, y)
            }
        }
        previous = grid
        wrefresh(win)
    }

    private func draw(_ cell: Cell, _ x: Int, _ y: Int) {
        var attrs = pprof_a_normal()
        if cell.attrs.contains(.bold) { attrs |= pprof_a_bold() }
        if cell.attrs.contains(.reverse) { attrs |= pprof_a_reverse() }
        if cell.attrs.contains(.underline) { attrs |= pprof_a_underline() }
        if cell.attrs.contains(.dim) { attrs |= pprof_a_dim() }
        var pair: Int16 = 0
        switch colorMode {
        case .none:
            // Without colour, coloured backgrounds (bars, flame frames) become reverse video.
            if cell.bg != .none, !cell.attrs.contains(.reverse) { attrs |= pprof_a_reverse() }
        case .basic, .extended:
            pair = colorPair(cell.fg, cell.bg)
        }
        var wch: [wchar_t] = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
        var cc = cchar_t()
        setcchar(&cc, &wch, attrs, pair, nil)
        mvwadd_wch(win, Int32(y), Int32(x), &cc)
    }

    private func colorNumber(_ c: TermColor) -> Int16 {
        if c == .none { return -1 }
        if colorMode == .extended, case .indexed(let i) = c { return Int16(i) }
        return Int16(c.basicIndex)
    }

    private func colorPair(_ fg: TermColor, _ bg: TermColor) -> Int16 {
        let f = colorNumber(fg), b = colorNumber(bg)
        if f == -1 && b == -1 { return 0 }
        let key = (Int(f) + 1) << 16 | (Int(b) + 1)
        if let p = pairs[key] { return p }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < COLOR_PAIRS_safe() else { return 0 }
        init_pair(n, f, b)
        pairs[key] = n
        return n
    }

    private func COLOR_PAIRS_safe() -> Int32 {
        let n = tigetnum("pairs")
        return n > 0 ? min(n, 32767) : 64
    }

    /// A key read right after Esc that did not make it an Alt key, decoded on the next call.
    private var pendingKey: (result: Int32, ch: wint_t)?

    package func nextEvent(timeoutMs: Int) -> AppEvent? {
        if let p = pendingKey {
            pendingKey = nil
            return decode(p.result, p.ch)
        }
        wtimeout(win, Int32(timeoutMs))
        var ch: wint_t = 0
        let started = Date()
        let r = wget_wch(win, &ch)
        if r == ERR {
            // ERR long before the timeout, again and again, means input is gone (EOF/EIO).
            if timeoutMs > 0 && Date().timeIntervalSince(started) * 1000 < Double(timeoutMs) / 4 {
                fastErrors += 1
                if fastErrors > 100 { stopSignal = 1 }
            } else {
                fastErrors = 0
            }
            return nil
        }
        fastErrors = 0
        return decode(r, ch)
    }

    /// Esc followed at once by an ASCII letter is Alt plus that letter (terminals send Alt-B
    /// as Esc b); anything else already waiting is kept for the next read.
    private func altOrEscape() -> AppEvent {
        wtimeout(win, 0)
        var next: wint_t = 0
        let r = wget_wch(win, &next)
        guard r != ERR else { return .key(.escape) }
        if r == OK, let s = Unicode.Scalar(UInt32(next)), s.isASCII, s.properties.isAlphabetic {
            return .key(.alt(Character(s)))
        }
        pendingKey = (r, next)
        return .key(.escape)
    }

    private func decode(_ r: Int32, _ ch: wint_t) -> AppEvent? {
        if r == KEY_CODE_YES {
            let code = Int32(ch)
            if code == pprof_key_resize() {
                // ncurses has resized its screen (and may have shifted or cleared what was
                // on it): the next frame must be drawn whole, not diffed against the last.
                previous = nil
                let s = size
                return .resize(width: s.width, height: s.height)
            }
            if code == pprof_key_mouse() { return mouseEvent() }
            for n in 1...12 where code == pprof_key_f(Int32(n)) { return .key(.function(n)) }
            switch code {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_ENTER: return .key(.enter)
            case KEY_BTAB: return .key(.backTab)
            case KEY_DC: return .key(.delete)
            default: return nil
            }
        }
        switch ch {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 27: return altOrEscape()
        case 1...26:
            guard let s = Unicode.Scalar(UInt32(ch) + 96) else { return nil }
            return .key(.ctrl(Character(s)))
        default:
            guard let s = Unicode.Scalar(UInt32(ch)), s.value >= 0x20 else { return nil }
            return .key(.char(Character(s)))
        }
    }

    private func mouseEvent() -> AppEvent? {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return nil }
        let x = Int(ev.x), y = Int(ev.y)
        if ev.bstate & pprof_button4_pressed() != 0 { return .mouse(.wheelUp(x: x, y: y)) }
        if ev.bstate & pprof_button5_pressed() != 0 { return .mouse(.wheelDown(x: x, y: y)) }
        if ev.bstate & (pprof_button1_pressed() | pprof_button1_clicked()) != 0 { return .mouse(.click(x: x, y: y)) }
        return nil
    }

    package func suspend(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        previous = nil
        wrefresh(win)
    }
}
