import GoRegex
import PprofModel
import PprofReports

/// "My code": which frames are the user's own, for highlighting and for the collapse keys.
/// The regex matches function names and file names, as pprof's `show` and `hide` do; the
/// collapse is `Config.mine` (`show`/`hide` that keep a frameless sample's cost on one
/// synthetic row), the same filter the batch reports apply with `-mine`.
package struct MyCode: Sendable {
    /// The regex (`-mine`, `:mine=`, or derived from go.mod); empty when unknown.
    package var pattern = ""
    package var regex: GoRegex?
    /// Where the pattern came from, for the status line ("go.mod example.com/app").
    package var origin = ""

    package init() {}

    /// - Throws: the regex's parse error.
    package init(pattern: String, origin: String) throws {
        self.pattern = pattern
        self.origin = origin
        regex = pattern.isEmpty ? nil : try GoRegex(pattern)
    }

    /// True when `name` (a node name) is the user's.
    package func isMine(_ name: String) -> Bool { regex?.matches(name) ?? false }

    /// Own code of the Go module `module`: its packages' functions and files (`module.F`,
    /// `module/pkg.F`, `module/file.go` as -trimpath writes them) and package main's functions.
    package static func goModulePattern(_ module: String) -> String {
        "^(?:main\\.|" + GoRegex.quoteMeta(module) + "[./])"
    }

    /// The module path of the first go.mod found in `dirs` or their parents (at most 32
    /// levels up each), with the file's path.
    package static func findGoModule(in dirs: [String], _ sources: any SourceProvider) -> (module: String, path: String)? {
        for dir in dirs where !dir.isEmpty {
            var d = dir
            for _ in 0..<32 {
                let path = (d.hasSuffix("/") ? d : d + "/") + "go.mod"
                if let bytes = sources.read(path: path), let m = moduleLine(String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)) {
                    return (m, path)
                }
                guard let slash = d.dropLast(d.hasSuffix("/") ? 1 : 0).lastIndex(of: "/") else { break }
                let parent = String(d[..<slash])
                if parent.isEmpty || parent == d { break }
                d = parent
            }
        }
        return nil
    }

    /// go.mod's `module` directive (quoted or bare; comments dropped).
    static func moduleLine(_ text: String) -> String? {
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let c = line.range(of: "//") { line = String(line[..<c.lowerBound]).trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("module") else { continue }
            var rest = line.dropFirst("module".count).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2 { rest = String(rest.dropFirst().dropLast()) }
            if !rest.isEmpty, !rest.contains(" ") { return rest }
        }
        return nil
    }
}

extension AppState {
    /// Finds the user's module from go.mod on the source path (else the working directory),
    /// unless a pattern was given.
    package mutating func detectMyCode() {
        guard myCode.pattern.isEmpty else { return }
        let sp = session.config.sourcePath
        let sources = session.environment.sources
        let dirs = sp.isEmpty ? [sources.workingDirectory] : sp.split(separator: ":").map(String.init)
        guard let (module, path) = MyCode.findGoModule(in: dirs, sources) else { return }
        if let m = try? MyCode(pattern: MyCode.goModulePattern(module), origin: path) { myCode = m }
    }

    /// `:mine=REGEX` sets the own-code regex (an empty value forgets it); a collapse (m/M)
    /// in force follows it at once.
    mutating func setMine(_ value: String) -> [Effect] {
        do {
            myCode = try MyCode(pattern: value, origin: "mine=")
            status = value.isEmpty ? "mine cleared" : "mine=" + value
        } catch {
            status = "error: parsing mine regexp: \(error)"
            return []
        }
        guard !session.config.mine.isEmpty else { return [] }
        session.config.mine = value
        if value.isEmpty { session.config.mineHidesOwn = false }
        return [rebuildForOptions()]
    }

    /// `m`: only own frames (library frames fold into the nearest own caller; a sample with
    /// no own frame keeps its cost on "(not my code)"); `M`: own frames folded away (a sample
    /// of own frames only on "(my code)"). So the rows still sum to the total. The same key
    /// again undoes it; so does the filter reset.
    mutating func toggleMine(hideOwn: Bool) -> [Effect] {
        guard !myCode.pattern.isEmpty else {
            status = "no own code known: give -mine=REGEX or :mine=REGEX (no go.mod on the source path)"
            return []
        }
        let p = myCode.pattern
        let on = !(session.config.mine == p && session.config.mineHidesOwn == hideOwn)
        session.config.mine = on ? p : ""
        session.config.mineHidesOwn = on && hideOwn
        switch (on, hideOwn) {
        case (true, false): status = "my code only (mine=" + p + ")"
        case (true, true): status = "library frames only (mine_hidden=" + p + ")"
        case (false, _): status = "all frames back"
        }
        return [rebuildForOptions()]
    }
}

extension Renderer {
    /// Own-code names (`MyCode`), wherever a pane lists names.
    static let own = CellStyle(fg: .green, attrs: .bold)

    /// Redraws `name`, drawn at `x` of row `y`, in the own-code style when it is the user's.
    static func markOwn(_ s: AppState, _ fullName: String, _ shown: String, x: Int, y: Int, _ g: inout Grid) {
        guard x < g.width, s.myCode.isMine(fullName) else { return }
        g.write(shown, x: x, y: y, maxWidth: g.width - x, style: own)
    }
}
