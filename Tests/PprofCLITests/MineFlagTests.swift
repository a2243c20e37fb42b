import Testing

/// `-mine=REGEX` in batch: the same collapse as the terminal UI's `m`, i.e. `-show=REGEX`.
@Suite struct MineFlagTests {
    @Test func mineIsShowInBatch() {
        let args = ["Fixtures/profiles/labels.pb.gz"]
        let mine = CLIHarness.run(["-top", "-mine=^main\\."] + args)
        let show = CLIHarness.run(["-top", "-show=^main\\."] + args)
        #expect(mine.code == 0 && show.code == 0)
        #expect(mine.out.stdout == show.out.stdout)
        #expect(mine.out.stdout.contains("main.spin") && !mine.out.stdout.contains("time.Now"))
        // Without the flag nothing changes.
        let plain = CLIHarness.run(["-top"] + args)
        #expect(plain.out.stdout.contains("time.Now"))
        let both = CLIHarness.run(["-top", "-mine=a", "-show=b"] + args)
        #expect(both.code == 1 && both.out.stderr.contains("-mine and -show cannot both be set"))
        let bad = CLIHarness.run(["-top", "-mine=("] + args)
        #expect(bad.code == 1 && bad.out.stderr.contains("parsing mine regexp"))
    }
}
