import PprofModel
import PprofReports
import PprofTUI
import Testing

/// A source file past the read cap (`sourceFileByteLimit`, #12 class 6): the Source pane lists
/// what was read and shows the note the batch `list` prints, instead of silently short rows.
@Suite struct SourceTruncationTests {
    @Test func sourcePaneShowsTheReadCapNote() throws {
        var p = TestProfile.make()
        // main.main runs at line 1,200 of a file whose first 64 MiB end near line 1,118.
        p.functions[0].startLine = 1190
        p.locations[0].lines = [Line(function: 0, line: 1200)]
        let line = String(repeating: "x", count: 59_999) + "\n"
        let big = String(repeating: line, count: 1_250)
        #expect(big.utf8.count > sourceFileByteLimit)
        let sources = InMemorySourceProvider(files: ["/src/main.go": big])
        var s = AppState(
            session: Session(profile: p, environment: ReportEnvironment(sources: sources)), title: "t", width: 100, height: 24)
        TestProfile.run(&s, s.start())
        // Sorted by cum, main.main is first.
        TestProfile.press(&s, [.char("s"), .char("g"), .enter])
        #expect(s.pane == .source)
        let note = sourceTruncationNote(file: "/src/main.go")
        #expect(note == "Note: only the first 64 MiB of /src/main.go were read")
        #expect((s.source.rows ?? []).contains(.message(note)), "\(String(describing: s.source.rows?.prefix(3)))")
        let screen = Renderer.render(s).text()
        #expect(screen.contains(" " + note), "\(screen)")
    }
}
