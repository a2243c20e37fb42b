import Foundation
import Testing
import TestSupport

/// The switch of issue #18: current upstream pprof by default, Go 1.19's with
/// `-compat=go1.19` / `PPROF_COMPAT=go1.19`.
@Suite struct CompatTests {
    static let cpu = "Fixtures/profiles/cpu.pb.gz"
    static let unknown = "unknown compat value \"go1.20\": known values are current, go1.19\n"

    @Test func unknownValuesAreOneLineErrorsListingTheKnownOnes() {
        let (code, out) = CLIHarness.run(["-compat=go1.20", "-top", Self.cpu], compat: nil)
        #expect(code == 1)
        #expect(out.stderr == Self.unknown)
        #expect(out.stdout.isEmpty)
        let (envCode, envOut) = CLIHarness.run(["-top", Self.cpu], compat: "go1.20")
        #expect(envCode == 1)
        #expect(envOut.stderr == Self.unknown)
    }

    @Test func theFlagWinsOverTheEnvironment() {
        let (code, out) = CLIHarness.run(["-compat=go1.19", "-top", Self.cpu], compat: "current")
        #expect(code == 0)
        #expect(out.stdout.contains("\nTime: Nov 26, 2026 at 11:02pm (UTC)\n"))
        let (code2, out2) = CLIHarness.run(["-compat", "current", "-top", Self.cpu], compat: "go1.19")
        #expect(code2 == 0)
        #expect(out2.stdout.contains("\nTime: 2026-11-26 23:02:13 UTC\n"))
    }

    /// Upstream #903: "2006-01-02 15:04:05 MST" in every report header by default.
    @Test func timeHeaderFollowsTheSetting() {
        let (_, current) = CLIHarness.run(["-top", Self.cpu], compat: nil)
        #expect(current.stdout.contains("\nTime: 2026-11-26 23:02:13 UTC\n"))
        #expect(!current.stdout.contains("at 11:02pm"))
        let (_, old) = CLIHarness.run(["-top", Self.cpu])
        #expect(old.stdout.contains("\nTime: Nov 26, 2026 at 11:02pm (UTC)\n"))
    }

    /// Upstream #976: -all_frames ignores the profile's drop_frames (heap drops
    /// `.*operator new.*|malloc`); Go 1.19 has no such flag.
    @Test func allFramesKeepsDroppedFramesAndIsUnknownToGo119() {
        let heap = "Fixtures/upstream/profiles/heap.pb.gz"
        let args = ["-symbolize=none", "-text", "-inuse_objects", "-flat", heap]
        let (_, pruned) = CLIHarness.run(args, compat: nil)
        let (code, all) = CLIHarness.run(["-all_frames"] + args, compat: nil)
        #expect(code == 0)
        #expect(!pruned.stdout.contains("operator new"))
        #expect(all.stdout.contains("operator new (inline)"))
        #expect(all.stdout.contains("malloc (inline)"))
        let (oldCode, old) = CLIHarness.run(["-all_frames"] + args)
        #expect(oldCode == 1)
        #expect(old.stderr.hasPrefix("flag provided but not defined: -all_frames\n"))
        #expect(!old.stderr.contains("-all_frames        Ignore"))
        let (_, help) = CLIHarness.run(["-help"], compat: nil)
        #expect(help.stderr.contains("   -all_frames        Ignore drop_frames and keep_frames regexps in the profile\n"))
    }

    /// call_tree is honoured by -dot and -callgrind (any version): one node per calling
    /// context, so upstream TestParse's cpu has two line1000 nodes and numbered callgrind names.
    @Test func callTreeGivesOneNodePerContext() {
        let base = ["-symbolize=none", "-call_tree", "-nodefraction=0.05", "-nodecount=20", "-edgefraction=0.01", "-compact_labels"]
        let cpu = "Fixtures/upstream/profiles/cpu.pb.gz"
        for compat in [nil, GoldenReference.compat] {
            let (code, dot) = CLIHarness.run(base + ["-dot", cpu], compat: compat)
            #expect(code == 0)
            #expect(dot.stdout.contains("Dropped 3 nodes (cum <= 0.06s)"))
            #expect(dot.stdout.components(separatedBy: "[label=\"line1000\\n").count == 3)
            let (_, cg) = CLIHarness.run(base + ["-callgrind", cpu], compat: compat)
            #expect(cg.stdout.contains("cfn=(4) line2000 [1/2]\n"))
            #expect(cg.stdout.contains("cfn=(16) line2000 [2/2]\n"))
        }
        // Other formats ignore it, as pprof does.
        let (_, plain) = CLIHarness.run(base + ["-text", cpu], compat: nil)
        let (_, without) = CLIHarness.run(Array(base.dropFirst(2)) + ["-symbolize=none", "-text", cpu], compat: nil)
        #expect(plain.stdout == without.stdout)
    }
}
