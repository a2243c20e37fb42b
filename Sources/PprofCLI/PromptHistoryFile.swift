import Foundation
import PprofTUI

/// The explorer's prompt history on disk, in the XDG state directory
/// (`$XDG_STATE_HOME/pprof-tui/history`, by default `~/.local/state/pprof-tui/history`), one
/// line per command, oldest first, as pprof keeps `~/.pprof_history`. Errors are silent:
/// the history is a convenience and must never stop the explorer.
package final class PromptHistoryFile: PromptHistoryStore, @unchecked Sendable {
    package let path: String
    /// Only the file's tail is read: a history file grown by something else stays cheap.
    static let maxReadBytes = 1 << 20

    package init(path: String) { self.path = path }

    /// The history file for an environment; nil without a usable XDG_STATE_HOME or HOME.
    /// XDG_STATE_HOME counts only when absolute, as the XDG spec says.
    package convenience init?(environment: [String: String]) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            self.init(path: state + "/pprof-tui/history")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            self.init(path: home + "/.local/state/pprof-tui/history")
        } else {
            return nil
        }
    }

    /// The kept lines (bounded, consecutive repeats dropped). A file holding more than the
    /// bound is rewritten with what is kept, so it never grows without limit.
    package func load() -> [String] {
        guard let h = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? h.close() }
        let size = (try? h.seekToEnd()) ?? 0
        let start = size > UInt64(Self.maxReadBytes) ? size - UInt64(Self.maxReadBytes) : 0
        guard (try? h.seek(toOffset: start)) != nil, let data = try? h.readToEnd() else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // cut in the middle
        let kept = PromptHistory(lines).entries
        if start > 0 || lines.count > kept.count { rewrite(kept) }
        return kept
    }

    package func append(_ line: String) {
        guard PromptHistory.accepts(line), makeDirectory() else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        writeAll(fd, Array((line + "\n").utf8))
    }

    /// Replaces the file with `lines` (a temporary file renamed over it).
    func rewrite(_ lines: [String]) {
        guard makeDirectory() else { return }
        let tmp = path + ".tmp\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = writeAll(fd, Array(lines.map { $0 + "\n" }.joined().utf8))
        close(fd)
        if !ok || rename(tmp, path) != 0 { unlink(tmp) }
    }

    /// The state directory, created private (0700) as XDG asks.
    func makeDirectory() -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) { return isDir.boolValue }
        let attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o700]
        return (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: attributes)) != nil
    }

    @discardableResult
    func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                guard let base = buf.baseAddress else { return false }
                let n = write(fd, base + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                off += n
            }
            return true
        }
    }
}
