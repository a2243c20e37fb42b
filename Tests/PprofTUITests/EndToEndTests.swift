import Foundation
import PprofTUI
import TestSupport
import Testing

/// Runs scripts/tui-e2e.sh (the real binary under tmux). Reported as skipped, with the script's
/// reason, when it cannot run here (no tmux, no built binary).
/// Serialized: the scripts share one tmux server (E2E_TMUX_SOCKET), which each ends when done.
@Suite(.serialized) struct EndToEndTests {
    static let root = TestPaths.root
    static var binary: String {
        ProcessInfo.processInfo.environment["PPROF_TUI_BIN"] ?? root.appendingPathComponent(".build/debug/pprof-tui").path
    }
    static let script = root.appendingPathComponent("scripts/tui-e2e.sh").path

    /// The script's own answer (`--check`, exit 77 and a reason) to whether it can run here.
    static let skipReason: String? = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, "--check", binary]
        p.currentDirectoryURL = root
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return "cannot run \(script): \(error)" }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : out.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    @Test(.disabled(if: skipReason != nil, Comment(rawValue: skipReason ?? "")))
    func drillZoomPromptResizeQuit() async throws { try await Self.run(Self.script) }

    /// scripts/tui-e2e-asm.sh: the binary fixtures (built by the script), the Source pane's
    /// annotated assembly opened from Top, the hottest instruction found with n/N.
    @Test(.disabled(if: skipReason != nil, Comment(rawValue: skipReason ?? "")))
    func annotatedAssemblyFindsTheHottestInstruction() async throws {
        try await Self.run(Self.root.appendingPathComponent("scripts/tui-e2e-asm.sh").path)
    }

    static let changeScript = root.appendingPathComponent("scripts/tui-e2e-change.sh").path

    /// Issue #15: a `-base` pair's two signs in two colours, its shrinking Flame frames and
    /// both file names; the leak fixture's snapshots with the leak as the first Growth row.
    @Test(.disabled(if: skipReason != nil, Comment(rawValue: skipReason ?? "")))
    func diffColoursFlameAndGrowth() async throws { try await Self.run(Self.changeScript) }

    /// Issue #16: scripts/tui-e2e-views.sh. The Sandwich of runtime.mallocgc (called from two
    /// places) and of main.spin shows every caller and callee of the recorded `go tool pprof
    /// -peek` with its numbers; two tenants, then two numeric buckets picked in the Tags pane
    /// give the Top of the recorded `-tagfocus`; `m` leaves own frames and "(not my code)",
    /// summing to the total, batch `-mine`'s rows; all three on merged and -base profiles at
    /// 80x24 and 60x20.
    @Test(.disabled(if: skipReason != nil, Comment(rawValue: skipReason ?? "")))
    func sandwichTagsAndMyCode() async throws { try await Self.run(Self.root.appendingPathComponent("scripts/tui-e2e-views.sh").path) }

    /// Runs one e2e script on the binary and expects it to pass.
    static func run(_ script: String) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-e2e-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, Self.binary]
        p.currentDirectoryURL = Self.root
        p.standardOutput = output
        p.standardError = output
        // Each step polls the screen up to this many seconds: generous, because the suites that
        // share this test process keep both cores busy while the app under tmux starts.
        var environment = ProcessInfo.processInfo.environment
        if environment["E2E_TIMEOUT"] == nil { environment["E2E_TIMEOUT"] = "60" }
        p.environment = environment
        // Waited for without holding one of the test runner's threads (the other suites need them).
        let exited = EventLog<Int32>()
        p.terminationHandler = { exited.append($0.terminationStatus) }
        // The child inherits this thread's signal mask, and test-runner threads block nearly
        // every signal: a tmux server started from here would run the app with SIGWINCH (and
        // SIGINT/SIGTERM) blocked, so it would never see a resize. Spawn with none blocked.
        var none = sigset_t()
        var saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        do {
            try p.run()
        } catch {
            pthread_sigmask(SIG_SETMASK, &saved, nil)
            throw error
        }
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        await exited.wait { !$0.isEmpty }
        try output.close()
        let out = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        let status = exited.all.first ?? -1
        // 77: something went missing since the check (the script says what): skipped, not passed.
        if status == 77 {
            try Test.cancel(Comment(rawValue: out.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        #expect(status == 0, Comment(rawValue: out))
        #expect(out.contains("PASS"))
    }
}

@Suite struct KeyDocsTests {
    /// docs/KEYS.md is generated from the key table (PPROF_RECORD=1 rewrites it).
    @Test func keysDocIsGeneratedFromTheKeyTable() throws {
        let path = TestPaths.root.appendingPathComponent("docs/KEYS.md").path
        let generated = KeyMap.markdown()
        if let problem = Golden.check(generated, against: path) {
            Issue.record(Comment(rawValue: "docs/KEYS.md is not the key table's (make record rewrites it): \(problem)"))
        }
        for b in KeyMap.bindings { #expect(generated.contains(b.help), "docs/KEYS.md lacks: \(b.help)") }
    }
}
