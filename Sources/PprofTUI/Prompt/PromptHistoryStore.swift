import Foundation

/// Where the prompt's history lives between runs. The CLI's store is a file in the XDG state
/// directory; tests use `ScriptedHistoryStore`. The runner reads it at start and appends each
/// accepted line, so the update function stays pure.
package protocol PromptHistoryStore: AnyObject, Sendable {
    /// Lines saved by earlier runs, oldest first.
    func load() -> [String]
    /// Saves one accepted line (failures are ignored: history is a convenience).
    func append(_ line: String)
}

/// A history store in memory: tests script earlier runs and read what was saved.
package final class ScriptedHistoryStore: PromptHistoryStore, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]

    package init(_ lines: [String] = []) { self.lines = lines }

    package var saved: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    package func load() -> [String] { saved }

    package func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }
}
