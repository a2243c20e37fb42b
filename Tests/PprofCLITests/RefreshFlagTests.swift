import PprofCLI
import Testing

/// `-refresh` takes whatever Go's `time.ParseDuration` takes (one parser, `GoDuration`).
@Suite struct RefreshFlagTests {
    @Test(arguments: ["+5s", "1μs", "1h2m3.5s", ".5s"] as [String])
    func acceptsGoDurations(_ value: String) {
        let (code, out) = CLIHarness.run(["-refresh=" + value, "-top", "Fixtures/profiles/cpu.pb.gz"])
        #expect(code == 0, "\(out.stderr)")
    }

    @Test(arguments: ["0", "-1s", "1.2.3s", "5", "1x"] as [String])
    func refusesOthers(_ value: String) {
        let (code, out) = CLIHarness.run(["-refresh=" + value, "-top", "Fixtures/profiles/cpu.pb.gz"])
        #expect(code == 1)
        #expect(out.stderr.hasPrefix("invalid value \"\(value)\" for flag -refresh: want a duration like 5s or 1m"))
    }
}
