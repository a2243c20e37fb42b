import Foundation
import Testing

@testable import PprofCLI

/// `pprof-tui` alone on a terminal opens the bundled example with its programs' sources on
/// the source path, so the demo's Source pane shows code; an explicit -source_path wins.
@Suite struct BundledExampleTests {
    static let terminal = DriverIO(writeOut: { _ in }, writeErr: { _ in }, stdinIsTerminal: true, stdoutIsTerminal: true)

    @Test func noSourceOpensTheExampleWithItsSources() throws {
        let inv = try #require(try Driver.parseInvocation([], io: Self.terminal))
        let profile = try #require(inv.sources.first)
        #expect(inv.sources.count == 1 && profile.hasSuffix("Fixtures/profiles/cpu.pb.gz"))
        #expect(inv.config.sourcePath.hasSuffix("Fixtures/src"))
        let explicit = try #require(try Driver.parseInvocation(["-source_path=/elsewhere"], io: Self.terminal))
        #expect(explicit.config.sourcePath == "/elsewhere")
        // The example's hottest function lists with its code from there.
        let (code, out) = CLIHarness.run(["-list=^main\\.fib$", "-source_path=" + inv.config.sourcePath, profile])
        #expect(code == 0)
        #expect(out.stdout.contains("func fib(n int) int {"))
        #expect(!out.stdout.contains("could not find file"))
    }
}
