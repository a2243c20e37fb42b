import Foundation
import PprofTUI
import Testing

/// Runs scripts/tui-e2e.sh (the real binary under tmux). Skips, saying why, when tmux or the
/// built binary is missing.
@Suite struct EndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String {
        ProcessInfo.processInfo.environment["PPROF_TUI_BIN"] ?? root.appendingPathComponent(".build/debug/pprof-tui").path
    }
    static var tmux: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var ready: Bool { tmux != nil && FileManager.default.isExecutableFile(atPath: binary) }

    @Test(.enabled(if: ready, "needs tmux and a built pprof-tui (swift build; or set PPROF_TUI_BIN)"))
    func drillZoomPromptResizeQuit() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.root.appendingPathComponent("scripts/tui-e2e.sh").path, Self.binary]
        p.currentDirectoryURL = Self.root
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        // The child inherits this thread's signal mask, and test-runner threads block nearly
        // every signal: a tmux server started from here would run the app with SIGWINCH (and
        // SIGINT/SIGTERM) blocked, so it would never see a resize. Spawn with none blocked.
        var none = sigset_t()
        var saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try p.run()
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus == 77 { return }
        #expect(p.terminationStatus == 0, Comment(rawValue: out))
        #expect(out.contains("PASS"))
    }
}

@Suite struct KeyDocsTests {
    /// docs/KEYS.md is generated from the key table (PPROF_RECORD=1 rewrites it).
    @Test func keysDocIsGeneratedFromTheKeyTable() throws {
        let url = EndToEndTests.root.appendingPathComponent("docs/KEYS.md")
        let generated = KeyMap.markdown()
        if ProcessInfo.processInfo.environment["PPROF_RECORD"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("rewrote docs/KEYS.md; re-run without PPROF_RECORD")
            return
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == generated, "docs/KEYS.md is stale: PPROF_RECORD=1 swift test --filter keysDoc")
        for b in KeyMap.bindings { #expect(text.contains(b.help), "docs/KEYS.md lacks: \(b.help)") }
    }
}
