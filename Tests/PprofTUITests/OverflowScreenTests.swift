import PprofModel
import PprofReports
import PprofTUI
import Testing

/// Profile numbers at the edges of Int64 reach the TUI's panes (#12 class 1): they wrap or
/// clamp as pprof's arithmetic does, and the screen renders.
@Suite struct OverflowScreenTests {
    /// main.main also runs at lines Int64.max and Int64.min: the Source pane's window of lines
    /// around each wraps (as Go's int) instead of trapping, and the listing renders.
    @Test func sourcePaneOverLineNumbersAtTheEdges() {
        var p = TestProfile.make()
        for line in [Int64.max, Int64.min] {
            var l = Location(id: UInt64(p.locations.count + 1))
            l.lines = [Line(function: 0, line: line)]
            p.locations.append(l)
            p.samples.append(stack: [Int32(p.locations.count - 1)], values: [5, 50_000_000], labels: [])
        }
        var s = TestProfile.state(profile: p)
        // Sorted by cum, main.main is first.
        TestProfile.press(&s, [.char("s"), .char("g"), .enter])
        #expect(s.pane == .source)
        let lines = (s.source.rows ?? []).compactMap { r -> Int? in
            if case .line(_, let lineno, _, _, _, _, _) = r { return lineno }
            return nil
        }
        #expect(lines.first == 10, "\(String(describing: s.source.rows))")
        let screen = Renderer.render(s).text()
        #expect(screen.contains("func main() {"), "\(screen)")
    }

    @Test func flameCellsClampToThePane() {
        #expect(FlameLayout.cell(UInt64.max, of: 1, 80) == 80)
        #expect(FlameLayout.cell(0, of: 5, 80) == 0)
        #expect(FlameLayout.cell(5, of: 10, 80) == 40)
    }
}
