import Foundation
import PprofCurses
import PprofLive
import PprofModel
import PprofReports
import PprofTUI

/// Bridge to the curses explorer: the only place the CLI reaches the terminal UI.
package enum TerminalUI {
    /// Why `-mine`'s regex does not parse (nil when it does).
    static func mineError(_ pattern: String) -> String? {
        do {
            _ = try MyCode(pattern: pattern, origin: "-mine")
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func run(
        session: Session, title: String, firstFetch: FetchedProfile?, sides: Profile? = nil, series: [(name: String, profile: Profile)] = [],
        inv: Invocation, io: DriverIO
    ) -> Int32 {
        guard let source = liveSource(inv) else {
            var runner = AppRunner()
            runner.mine = inv.mine
            runner.diffSource = !inv.base.isEmpty
            runner.diffSides = sides
            runner.series = series.map { SeriesPoint(name: $0.name, profile: $0.profile) }
            return runApp(runner, session: session, title: title, io: io)
        }
        // Live mode: the poller fetches in the background (every -refresh, or on `R`) and
        // posts to the app's inbox; the profile loaded at start stays until the first fetch.
        let inbox = EventInbox()
        var options = FetchOptions()
        options.decodeLimits = inv.limits
        let fetcher = ProfileFetcher(options: options, environment: io.environment)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: inv.refresh) { inbox.post(.live(LiveUpdate($0))) }
        // The loader has just fetched: that is the first snapshot, so the poller only waits.
        if let firstFetch { inbox.post(.live(.fetched(LiveFetch(firstFetch)))) }
        poller.start(fetchFirst: firstFetch == nil)
        defer { poller.stop() }
        var runner = AppRunner()
        runner.mine = inv.mine
        runner.inbox = inbox
        runner.liveState = LiveState(url: source.url)
        runner.liveController = poller
        return runApp(runner, session: session, title: title, io: io)
    }

    /// Runs the explorer on the curses terminal until the user quits (or SIGINT/SIGTERM/SIGHUP);
    /// the terminal is restored before anything more is printed. A load error is one line, exit 1.
    static func runApp(_ runner: AppRunner, session: Session, title: String, io: DriverIO) -> Int32 {
        guard let term = CursesTerminal(environment: io.environment) else {
            io.writeErr("pprof-tui: cannot initialise the terminal (TERM=\(sanitizeForTerminal(io.environment["TERM"] ?? "")))\n")
            return 1
        }
        var r = runner
        r.shouldStop = { term.stopRequested }
        let environment = io.environment
        r.openEditor = { file, line in runEditor(file: file, line: line, environment: environment) }
        r.historyStore = PromptHistoryFile(environment: environment)
        let code = r.run(session: session, title: title, terminal: term)
        term.restore()
        if let message = r.loadError.message {
            io.writeErr("pprof-tui: \(sanitizeForTerminal(message))\n")
            return 1
        }
        return code
    }

    /// `$EDITOR +line file` (vi when unset), run through /bin/sh so EDITOR may carry flags.
    static func runEditor(file: String, line: Int, environment: [String: String]) -> String {
        let editor = environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
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

    /// Files opened in the explorer load inside it, behind a progress bar, so a large profile
    /// shows the UI at once (live sources load first).
    static func loadsInside(_ inv: Invocation, io: DriverIO) -> Bool {
        inv.command == nil && io.stdinIsTerminal && io.stdoutIsTerminal && liveSource(inv) == nil
    }

    /// Loads through the explorer's progress bar. The loader's notes are held back while curses
    /// owns the screen and printed after it is restored; a load error is one line, exit 1.
    static func runLoading(_ inv: Invocation, io: DriverIO) -> Int32 {
        let held = HeldLines()
        var muted = io
        muted.writeErr = { held.append($0) }
        let quiet = muted
        let title = ProfileLoader.title(inv)
        var runner = AppRunner()
        runner.mine = inv.mine
        runner.diffSource = !inv.base.isEmpty
        let inbox = runner.inbox
        runner.load = { progress in
            progress("Reading and decoding", 0.1)
            let loaded = try ProfileLoader(io: quiet).load(inv, wantSides: true)
            if let sides = loaded.sides { inbox.post(.diffSidesLoaded(sides)) }
            if let full = loaded.fullLoad { inbox.post(.fullLoadDeferred(full)) }
            if !loaded.series.isEmpty { inbox.post(.seriesLoaded(loaded.series.map { SeriesPoint(name: $0.name, profile: $0.profile) })) }
            progress("Aggregating", 0.8)
            return loaded.profile
        }
        let session = Session(profile: Profile(), config: inv.config, environment: io.reportEnvironment)
        let code = runApp(runner, session: session, title: title, io: io)
        for line in held.lines { io.writeErr(line) }
        return code
    }

    /// The explorer's session for a command line, loaded as `runLoading` loads it (for
    /// `Benchmarks tui`, which times the load the explorer really does).
    /// - Throws: the flag or load error, as the explorer would show it.
    package static func loadSession(_ args: [String], io: DriverIO) throws -> Session {
        guard let inv = try Driver.parseInvocation(args, io: io) else { throw PprofError("nothing to load") }
        return try ProfileLoader(io: io).load(inv, wantSides: true).session(inv, io: io)
    }

    /// The one source when it is a debug URL (not a file of that name), as the loader decides.
    static func liveSource(_ inv: Invocation) -> LiveSource? {
        guard inv.sources.count == 1, inv.base.isEmpty, let src = inv.sources.first, LiveSource.isURL(src),
            !FileManager.default.fileExists(atPath: src)
        else { return nil }
        return try? LiveSource.parse(src, seconds: inv.seconds, timeout: inv.timeout)
    }
}

/// stderr lines written while the UI owns the terminal.
final class HeldLines: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [String] = []
    func append(_ s: String) {
        lock.lock()
        buffer.append(s)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
