import Foundation

/// pprof's `browsers()` and `invokeVisualizer` for `weblist`: `$BROWSER`, then chrome,
/// google-chrome, chromium, firefox, sensible-browser, and xdg-open under a desktop
/// (`$DISPLAY`); each command split on spaces (no shell), the page's path as last argument.
enum Browser {
    static func commands(environment: [String: String]) -> [[String]] {
        var cmds: [String] = []
        if let b = environment["BROWSER"], !b.isEmpty { cmds.append(b) }
        cmds += ["chrome", "google-chrome", "chromium", "firefox", "sensible-browser"]
        if let d = environment["DISPLAY"], !d.isEmpty { cmds.append("xdg-open") }
        return cmds.map { $0.split(separator: " ").map(String.init) }.filter { !$0.isEmpty }
    }

    /// Writes `bytes` to a new `pprofNNN.<suffix>` in the temporary directory and starts the
    /// first browser that runs on it. Returns the page's path and whether a browser started.
    static func show(_ bytes: [UInt8], suffix: String, environment: [String: String]) throws -> (path: String, opened: Bool) {
        let dir = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let files = LocalReportFiles()
        let path = try files.newNumberedFile(prefix: dir + "/pprof", suffix: "." + suffix)
        try files.writeInPlace(path: path, bytes: bytes)
        for cmd in commands(environment: environment) {
            let exe = cmd[0].hasPrefix("/") ? cmd[0] : findExecutable(cmd[0], path: environment["PATH"])
            guard let exe, access(exe, X_OK) == 0 else { continue }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = Array(cmd.dropFirst()) + [path]
            p.standardInput = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            if (try? p.run()) != nil { return (path, true) }
        }
        return (path, false)
    }
}
