import Testing

/// `-mine=REGEX` in batch: the same collapse as the terminal UI's `m`: `-show=REGEX`, except
/// that samples with no own frame keep their cost on one `(not my code)` row.
@Suite struct MineFlagTests {
    /// The columns of a `-top` row that do not depend on the rows above it (flat, flat%,
    /// cum, cum%, name): `sum%` does.
    static func rows(_ out: String) -> [String] {
        let lines = out.split(separator: "\n")
        guard let head = lines.firstIndex(where: { $0.hasSuffix("flat  flat%   sum%        cum   cum%") }) else { return [] }
        return lines[(head + 1)...].map { line in
            let f = line.split(separator: " ")
            return ([f[0], f[1]] + f.dropFirst(3)).joined(separator: " ")
        }
    }

    /// heap.pb.gz has allocations with no frame of package main: pprof's `-show` drops them
    /// from the rows (not from the total), `-mine` keeps them on `(not my code)`, so its rows
    /// sum to the total; every other row is `-show`'s.
    @Test func mineKeepsFramelessSamplesOnOneRow() {
        let args = ["-nodefraction=0", "Fixtures/profiles/heap.pb.gz"]
        let mine = CLIHarness.run(["-top", "-mine=^main\\."] + args)
        let show = CLIHarness.run(["-top", "-show=^main\\."] + args)
        #expect(mine.code == 0 && show.code == 0)
        #expect(mine.out.stdout.contains("Active filters:\n   mine=^main\\.\n"))
        func accounting(_ out: String) -> (String, String)? {
            guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("Showing nodes accounting for ") }) else { return nil }
            let f = line.split(separator: " ")
            return (String(f[4].dropLast()), String(f[7]))
        }
        let m = accounting(mine.out.stdout)
        let sh = accounting(show.out.stdout)
        #expect(m != nil && m?.0 == m?.1)
        #expect(sh != nil && sh?.0 != sh?.1 && sh?.1 == m?.1)
        let mineRows = Self.rows(mine.out.stdout)
        #expect(mineRows.contains { $0.hasSuffix(" (not my code)") })
        #expect(mineRows.filter { !$0.hasSuffix(" (not my code)") } == Self.rows(show.out.stdout))
        #expect(!mineRows.isEmpty && !mine.out.stdout.contains("runtime."))
    }

    /// Without the flag nothing changes; with it and `-show` both apply; a bad regex is an error.
    @Test func flagOnlyWhenGiven() {
        let args = ["Fixtures/profiles/labels.pb.gz"]
        let plain = CLIHarness.run(["-top"] + args)
        #expect(plain.out.stdout.contains("time.Now") && !plain.out.stdout.contains("not my code"))
        let both = CLIHarness.run(["-top", "-mine=^time\\.", "-show=^(?:main|time)\\."] + args)
        #expect(both.code == 0 && both.out.stdout.contains("time.Now") && both.out.stdout.contains("(not my code)"))
        #expect(!both.out.stdout.contains("main."))
        let bad = CLIHarness.run(["-top", "-mine=("] + args)
        #expect(bad.code == 1 && bad.out.stderr.contains("parsing mine regexp"))
    }
}
