import Foundation
import PprofCLI
import PprofTUI
import Testing

@Suite struct PromptHistoryFileTests {
    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "pprof-history-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func xdgStateDirectoryThenHome() {
        #expect(PromptHistoryFile(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/pprof-tui/history")
        // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
        #expect(PromptHistoryFile(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])?.path == "/h/.local/state/pprof-tui/history")
        #expect(PromptHistoryFile(environment: [:]) == nil)
    }

    @Test func appendsAndReadsBackAcrossRuns() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = PromptHistoryFile(environment: ["XDG_STATE_HOME": dir])
        #expect(first?.load() == [])
        first?.append("top5")
        first?.append("peek main\\.run")
        let second = PromptHistoryFile(environment: ["XDG_STATE_HOME": dir])
        #expect(second?.load() == ["top5", "peek main\\.run"])
        var mode = stat()
        #expect(stat(dir + "/pprof-tui", &mode) == 0 && mode.st_mode & 0o777 == 0o700)
    }

    @Test func oversizedFileIsBoundedAndCleaned() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/history"
        var text = "a\u{1b}[2Jb\nx\nx\n"
        for i in 0..<(PromptHistory.limit + 10) { text += "top\(i)\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let store = PromptHistoryFile(path: path)
        let lines = store.load()
        #expect(lines.count == PromptHistory.limit && lines.first == "top10")
        // The file was rewritten to what is kept.
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.split(separator: "\n").count == PromptHistory.limit)
        #expect(PromptHistoryFile(path: path).load() == lines)
    }
}
