import CNcursesw
import Foundation

/// Restoring the terminal when the process dies under curses (issue 12, class 10): a fatal
/// signal's handler writes precomputed escape bytes (leave the alternate screen, show the
/// cursor, reset attributes and mouse reporting) and puts the saved tty modes back, using only
/// async-signal-safe calls (write, tcsetattr, sigaction, raise), then hands the signal to the
/// handler that was there before (Swift's backtracer, or the default action), so the backtrace
/// is printed on a normal screen instead of over the UI.
enum CrashRestore {
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    /// Signal numbers are small; the previous actions are kept in a fixed table.
    static let slots = 65

    /// `rmcup`/`cnorm`/`sgr0`/`rmkx` of the current terminal plus mouse reporting off, read
    /// once curses has set the terminal up.
    static func restoreBytes() -> [UInt8] {
        var out: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let s = tigetstr(cap), Int(bitPattern: s) != -1 else { continue }
            out += Array(String(cString: s).utf8)
        }
        out += Array("\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1003l\u{1b}[?1006l\r\n".utf8)
        return out
    }

    /// Installs the handler for the fatal signals; `modes` are the tty modes from before curses.
    static func install(modes: termios?) {
        let bytes = restoreBytes()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashBytes = buffer
        crashByteCount = bytes.count
        if let modes {
            let m = UnsafeMutablePointer<termios>.allocate(capacity: 1)
            m.initialize(to: modes)
            crashModes = m
        }
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: slots)
        previous.initialize(repeating: sigaction(), count: slots)
        crashPrevious = previous
        for sig in signals where sig < slots {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, previous + Int(sig))
        }
        crashArmed = 1
    }

    /// Puts the previous handlers back (after a normal restore).
    static func uninstall() {
        guard crashArmed != 0, let previous = crashPrevious else { return }
        crashArmed = 0
        for sig in signals where sig < slots { sigaction(sig, previous + Int(sig), nil) }
    }
}

nonisolated(unsafe) private var crashBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var crashByteCount = 0
nonisolated(unsafe) private var crashModes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var crashPrevious: UnsafeMutablePointer<sigaction>?
nonisolated(unsafe) private var crashArmed: sig_atomic_t = 0

/// Async-signal-safe: restore the screen and tty, reinstall the previous action, raise the
/// signal again and unblock it, so that action runs now (Swift's backtracer prints its report
/// on the restored screen). That action returns expecting a fault to recur, which a signal sent
/// by kill(2) never does: the process would run on with its terminal already given back. So
/// the default action follows, and the process dies by the signal either way.
private func crashHandler(_ sig: Int32) {
    if crashArmed != 0 {
        crashArmed = 0
        if let bytes = crashBytes { _ = write(1, bytes, crashByteCount) }
        if let modes = crashModes { _ = tcsetattr(0, TCSANOW, modes) }
    }
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, sig)
    if let previous = crashPrevious, sig < CrashRestore.slots {
        sigaction(sig, previous + Int(sig), nil)
        raise(sig)
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    }
    signal(sig, SIG_DFL)
    raise(sig)
    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
}
