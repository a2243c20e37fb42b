import Foundation
import PprofModel
import PprofReports
import PprofTUI
import Testing

/// The runner's background load, driven through a scripted terminal.
@Suite struct RunnerLoadTests {
    @Test func loadedProfileReplacesThePlaceholder() {
        let term = ScriptedTerminal(width: 100, height: 30, events: [.key(.char("q"))])
        var runner = AppRunner()
        runner.synchronous = true
        let phases = PhaseLog()
        runner.load = { progress in
            progress("Decoding", 0.5)
            phases.add("Decoding")
            return TestProfile.make()
        }
        let status = runner.run(session: Session(profile: Profile()), title: "t", terminal: term)
        #expect(status == 0)
        #expect(runner.loadError.message == nil)
        #expect(phases.all == ["Decoding"])
        // The first frame is the progress bar; the last shows the loaded profile's rows.
        #expect(term.frames.first?.text().contains("Loading") == true)
        #expect(term.frames.last?.text().contains("main.main") == true)
    }

    @Test func failedLoadStopsTheLoopWithTheMessage() {
        let term = ScriptedTerminal(width: 100, height: 30, events: [])
        var runner = AppRunner()
        runner.synchronous = true
        runner.load = { _ in throw PprofError("bad gzip") }
        let status = runner.run(session: Session(profile: Profile()), title: "t", terminal: term)
        #expect(status == 1)
        #expect(runner.loadError.message == "bad gzip")
        // It stopped at once instead of polling the terminal until the script's final quit.
        #expect(term.idlePolls == 0)
    }
}

private final class PhaseLog: @unchecked Sendable {
    private let lock = NSLock()
    private var phases: [String] = []
    func add(_ p: String) { lock.withLock { phases.append(p) } }
    var all: [String] { lock.withLock { phases } }
}
