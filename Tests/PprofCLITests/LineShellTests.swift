import Foundation
import Testing

/// `echo cmds | pprof-tui profile` behaves like `go tool pprof`'s line mode: prompts and
/// reports on stdout, greeting/help/errors on stderr.
@Suite struct LineShellTests {
    @Test func promptsReportsAndErrorsGoWherePprofPutsThem() {
        let (code, out) = CLIHarness.run(
            ["Fixtures/profiles/cpu.pb.gz"], stdin: ["top3", "bogus", "help top", "quit"])
        #expect(code == 0)
        let stdout = out.stdout
        #expect(stdout.hasPrefix("(pprof) "))
        #expect(stdout.contains("Showing top 3 nodes out of"))
        #expect(stdout.components(separatedBy: "(pprof) ").count == 5)
        #expect(out.stderr.contains("Entering interactive mode"))
        #expect(out.stderr.contains("unrecognized command: \"bogus\""))
        #expect(out.stderr.contains("Outputs top entries in text form"))
        #expect(!stdout.contains("Outputs top entries"))
    }

    @Test func optionsChangeLaterReports() {
        let (_, out) = CLIHarness.run(
            ["Fixtures/profiles/cpu.pb.gz"], stdin: ["nodecount=2", "cum=true", "top"])
        #expect(out.stdout.contains("Showing top 2 nodes out of"))
        let rows = out.stdout.split(separator: "\n").filter { $0.hasSuffix("main.main") || $0.contains("runtime.main") }
        #expect(!rows.isEmpty, "with cum sort the roots come first: \(out.stdout)")
    }

    @Test func endOfInputEndsTheShell() {
        let (code, out) = CLIHarness.run(["Fixtures/profiles/heap.pb.gz"], stdin: [])
        #expect(code == 0)
        #expect(out.stdout == "(pprof) ")
    }
}
