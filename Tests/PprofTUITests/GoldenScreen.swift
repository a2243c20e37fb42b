import Foundation
import PprofTUI
import Testing

/// Compares a grid with `Screens/<name>.txt` (text then a style map). Re-records only when
/// PPROF_RECORD=1, and recording fails the test so a re-record is never silent.
func assertScreen(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")
    let url = dir.appendingPathComponent(name + ".txt")
    let actual = screenText(grid)
    let record = ProcessInfo.processInfo.environment["PPROF_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded golden screen \(name).txt; re-run without PPROF_RECORD to verify", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let message: String = "screen \(name) differs from golden:\n" + lineDiff(expected, actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// Rows end with "|" so trailing blanks are visible and survive editors.
func screenText(_ grid: Grid) -> String {
    let text = grid.text().split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "|" }
    return "\(grid.width)x\(grid.height)\n" + text.joined(separator: "\n") as String + "\n--- styles\n" + grid.styleMap() + "\n"
}

func lineDiff(_ a: String, _ b: String) -> String {
    let la = a.split(separator: "\n", omittingEmptySubsequences: false)
    let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(la.count, lb.count) {
        let x = i < la.count ? String(la[i]) : "<none>"
        let y = i < lb.count ? String(lb[i]) : "<none>"
        if x != y {
            out.append(String(format: "%4d - ", i + 1) + x)
            out.append(String(format: "%4d + ", i + 1) + y)
        }
        if out.count > 40 {
            out.append("…")
            break
        }
    }
    return out.joined(separator: "\n")
}
