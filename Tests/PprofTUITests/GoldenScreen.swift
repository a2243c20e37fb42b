import Foundation
import PprofTUI
import TestSupport
import Testing

/// Compares a grid with `Screens/<name>.txt` (text then a style map) through the one golden
/// helper: re-recorded only under PPROF_RECORD=1 (`make record`), and recording fails the test.
func assertScreen(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Screens").appendingPathComponent(name + ".txt").path
    if let problem = Golden.check(screenText(grid), against: path) {
        Issue.record(Comment(rawValue: "screen \(name): \(problem)"), sourceLocation: sourceLocation)
    }
}

/// Rows end with "|" so trailing blanks are visible and survive editors.
func screenText(_ grid: Grid) -> String {
    let text = grid.text().split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "|" }
    return "\(grid.width)x\(grid.height)\n" + text.joined(separator: "\n") as String + "\n--- styles\n" + grid.styleMap() + "\n"
}
