import Foundation
import PprofCurses
import PprofLive
import PprofReports
import PprofTUI

/// Bridge to the curses explorer: the only place the CLI reaches the terminal UI.
enum TerminalUI {
    static func run(session: Session, title: String, firstFetch: FetchedProfile?, inv: Invocation, io: DriverIO) -> Int32 {
        if let out = io.environment["PPROF_TUI_BENCH"], !out.isEmpty { return bench(session: session, output: out) }
        guard let source = liveSource(inv) else {
            return runTUI(session: session, title: title, environment: io.environment, history: PromptHistoryFile(environment: io.environment))
        }
        // Live mode: the poller fetches in the background (every -refresh, or on `R`) and
        // posts to the app's inbox; the profile loaded at start stays until the first fetch.
        let inbox = EventInbox()
        var options = FetchOptions()
        options.decodeLimits = inv.limits
        let fetcher = ProfileFetcher(options: options, environment: io.environment)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: inv.refresh) { inbox.post(.live($0)) }
        // The loader has just fetched: that is the first snapshot, so the poller only waits.
        if let firstFetch { inbox.post(.live(.fetched(firstFetch))) }
        poller.start(fetchFirst: firstFetch == nil)
        defer { poller.stop() }
        return runTUI(
            session: session, title: title, inbox: inbox, environment: io.environment,
            live: LiveState(url: source.url), liveController: poller, history: PromptHistoryFile(environment: io.environment))
    }

    /// Files opened in the explorer load inside it, behind a progress bar, so a large profile
    /// shows the UI at once (live sources and the bench mode load first, as before).
    static func loadsInside(_ inv: Invocation, io: DriverIO) -> Bool {
        inv.command == nil && io.stdinIsTerminal && io.stdoutIsTerminal && liveSource(inv) == nil
            && (io.environment["PPROF_TUI_BENCH"] ?? "").isEmpty
    }

    /// Loads through the explorer's progress bar. The loader's notes are held back while curses
    /// owns the screen and printed after it is restored; a load error is one line, exit 1.
    static func runLoading(_ inv: Invocation, io: DriverIO) -> Int32 {
        let held = HeldLines()
        var muted = io
        muted.writeErr = { held.append($0) }
        let quiet = muted
        let title = inv.sources.first.map { ($0 as NSString).lastPathComponent } ?? ""
        let code = runTUI(
            title: title, config: inv.config, environment: io.reportEnvironment,
            history: PromptHistoryFile(environment: io.environment)
        ) { progress in
            progress("Reading and decoding", 0.1)
            let loaded = try ProfileLoader(io: quiet).load(inv)
            progress("Aggregating", 0.8)
            return loaded.profile
        }
        for line in held.lines { io.writeErr(line) }
        return code
    }

    /// The one source when it is a debug URL (not a file of that name), as the loader decides.
    static func liveSource(_ inv: Invocation) -> LiveSource? {
        guard inv.sources.count == 1, inv.base.isEmpty, let src = inv.sources.first, LiveSource.isURL(src),
            !FileManager.default.fileExists(atPath: src)
        else { return nil }
        return try? LiveSource.parse(src, seconds: inv.seconds, timeout: inv.timeout)
    }

    /// Hidden bench mode (`PPROF_TUI_BENCH=FILE`, see scripts/bench.d/tui.sh): times the
    /// explorer's redraw and filter change at 200x60 and writes `name value` lines to FILE.
    static func bench(session: Session, output: String) -> Int32 {
        do {
            let r = try TUIBench.run(session: session)
            try r.text.write(toFile: output, atomically: true, encoding: .utf8)
            return 0
        } catch {
            FileHandle.standardError.write(Data("pprof-tui: bench: \(error)\n".utf8))
            return 1
        }
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
