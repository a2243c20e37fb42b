import Foundation

/// Helpers shared by the test targets: the repository root, fixture paths and golden files.
public enum TestPaths {
    /// The package root, found from this file's location (Tests/TestSupport/Golden.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func fixture(_ relative: String) -> String {
        root.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }
}

/// The pprof every recorded golden comes from: this machine's `go tool pprof` (Go 1.19). Golden
/// runners pass its switch (issue #18) so those goldens keep comparing against Go 1.19's output
/// while the default follows current upstream pprof.
public enum GoldenReference {
    /// The `-compat` / `PPROF_COMPAT` value of the recorded goldens.
    public static let compat = "go1.19"
    public static let environment = ["PPROF_COMPAT": compat]
}

public enum Golden {
    /// True when goldens are being re-recorded (`PPROF_RECORD=1`); recording always fails the
    /// test that records, so a re-recorded run is never mistaken for a passing one.
    public static var recording: Bool { ProcessInfo.processInfo.environment["PPROF_RECORD"] == "1" }

    /// Compares `actual` with the golden file at `path`. Returns nil when equal, else a
    /// message with a line diff. When recording, writes the file and returns a failure message.
    public static func check(_ actual: String, against path: String) -> String? {
        if recording {
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                return "could not record \(path): \(error)"
            }
            return "recorded \(path) (PPROF_RECORD=1 always fails; rerun without it)"
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return "missing golden \(path) (record with PPROF_RECORD=1)"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        return "mismatch with \(path):\n" + lineDiff(expected: expected, actual: actual)
    }

    /// Compares with a golden that only `go tool pprof` may write (`make goldens`): never records.
    public static func compare(
        _ actual: String, against path: String, transform: (String) -> String = { $0 }
    ) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "missing golden \(path) (record it with `make goldens`, which runs go tool pprof)"
        }
        let expected = transform(String(decoding: data, as: UTF8.self))
        return expected == actual ? nil : "mismatch with \(path):\n" + lineDiff(expected: expected, actual: actual)
    }

    /// A compact line diff: `-` expected, `+` actual, with a little context around each change.
    public static func lineDiff(expected: String, actual: String, context: Int = 2, maxLines: Int = 60) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // Longest common subsequence on lines (inputs are small: reports, screens).
        let n = e.count, m = a.count
        if n * m > 4_000_000 {
            let first = (0..<min(n, m)).first { e[$0] != a[$0] } ?? min(n, m)
            return "first difference at line \(first + 1):\n-\(first < n ? e[first] : "<eof>")\n+\(first < m ? a[first] : "<eof>")"
        }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = e[i] == a[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, Substring)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && e[i] == a[j] {
                ops.append((" ", e[i])); i += 1; j += 1
            } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                ops.append(("+", a[j])); j += 1
            } else {
                ops.append(("-", e[i])); i += 1
            }
        }
        var keep = [Bool](repeating: false, count: ops.count)
        for (k, op) in ops.enumerated() where op.0 != " " {
            for c in max(0, k - context)...min(ops.count - 1, k + context) { keep[c] = true }
        }
        var out: [String] = []
        var skipped = false
        for (k, op) in ops.enumerated() {
            if keep[k] {
                if skipped { out.append("@@") }
                skipped = false
                out.append("\(op.0)\(op.1)")
            } else {
                skipped = true
            }
            if out.count >= maxLines {
                out.append("... (diff truncated)")
                break
            }
        }
        return out.joined(separator: "\n")
    }
}
