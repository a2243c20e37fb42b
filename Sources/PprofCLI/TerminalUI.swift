import Foundation
import PprofCurses
import PprofLive
import PprofReports
import PprofTUI

/// Bridge to the curses explorer: the only place the CLI reaches the terminal UI.
enum TerminalUI {
    static func run(session: Session, title: String, inv: Invocation, io: DriverIO) -> Int32 {
        if let out = io.environment["PPROF_TUI_BENCH"], !out.isEmpty { return bench(session: session, output: out) }
        guard let source = liveSource(inv) else {
            return runTUI(session: session, title: title, environment: io.environment)
        }
        // Live mode: the poller fetches in the background (every -refresh, or on `R`) and
        // posts to the app's inbox; the profile loaded at start stays until the first fetch.
        let inbox = EventInbox()
        var options = FetchOptions()
        options.decodeLimits = inv.limits
        let fetcher = ProfileFetcher(options: options, environment: io.environment)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: inv.refresh) { inbox.post(.live($0)) }
        poller.start()
        defer { poller.stop() }
        return runTUI(
            session: session, title: title, inbox: inbox, environment: io.environment,
            live: LiveState(url: source.url), liveController: poller)
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
