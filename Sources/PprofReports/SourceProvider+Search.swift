/// Finds a profile's source file the way pprof's `openSourceFile` does, then, only for the
/// TUI's Source pane (`searchesGoLocations`; batch and shell `list` print exactly what pprof
/// prints) and only where pprof's search fails, in the places Go keeps sources (google/pprof issues #1009 and #472):
/// `$GOROOT/src`, the module cache (with `!`-escaped upper case), `./vendor`, and the search
/// directories with the recorded path made relative (builds from another machine or
/// `-trimpath`). Output for files pprof finds is therefore unchanged.
struct SourceLocator {
    let provider: any SourceProvider
    /// pprof's `source_path` (colon separated), or the working directory when unset.
    let searchPath: String
    let trimPath: String
    /// Also try GOROOT, the module cache, vendor/ and path suffixes after pprof's search.
    var searchesGoLocations = false

    /// The file's bytes and the path they were read from, or pprof's error text for it.
    /// `recorded` are the profile's paths before trimming, for the fallbacks only.
    func locate(_ path: String, recorded: [String] = []) -> Result<(path: String, bytes: [UInt8]), PprofSourceError> {
        let trimmed = PprofReports.trimPath(path, trimPath: trimPath, searchPath: searchPath)
        let error: PprofSourceError
        if trimmed.hasPrefix("/") {
            if let bytes = provider.read(path: trimmed) { return .success((trimmed, bytes)) }
            error = PprofSourceError(message: "open \(trimmed): \(provider.openFailure(path: trimmed))")
        } else {
            for var dir in goSplitList(searchPath) {
                // Each search directory and each of its parents, nearest first.
                while true {
                    let joined = goPathJoin(dir, trimmed)
                    if let bytes = provider.read(path: joined) { return .success((joined, bytes)) }
                    let parent = goPathDir(dir)
                    if parent == dir { break }
                    dir = parent
                }
            }
            error = PprofSourceError(message: "could not find file \(trimmed) on path \(searchPath)")
        }
        guard searchesGoLocations else { return .failure(error) }
        // The heuristic trim can cut a path at the wrong directory, so the recorded path
        // is tried as well.
        var candidates = fallbackCandidates(trimmed)
        var seen = [trimmed]
        for p in [path] + recorded where !seen.contains(where: { goEqual($0, p) }) {
            seen.append(p)
            candidates += fallbackCandidates(p)
        }
        for candidate in candidates {
            if let bytes = provider.read(path: candidate), !bytes.isEmpty { return .success((candidate, bytes)) }
        }
        return .failure(error)
    }

    /// Where Go tooling would have put the file, most specific first.
    func fallbackCandidates(_ path: String) -> [String] {
        let absolute = path.hasPrefix("/")
        let parts = goPathClean(path).split(separator: "/").map(String.init)
        if parts.isEmpty { return [] }
        var out: [String] = []

        // Standard library: relative ("runtime/proc.go", from -trimpath) or below a "src"
        // directory of the building machine's GOROOT.
        var srcSuffixes: [String] = []
        if !absolute { srcSuffixes.append(parts.joined(separator: "/")) }
        for (i, p) in parts.enumerated() where p == "src" && i + 1 < parts.count {
            srcSuffixes.append(parts[(i + 1)...].joined(separator: "/"))
        }
        for root in provider.goRoots {
            for s in srcSuffixes { out.append(goPathJoin(root + "/src", s)) }
        }

        // Modules: "module@version/file". Below a "pkg/mod" directory the path is already
        // escaped; otherwise the module path may start at any component before the version
        // (always the first one for -trimpath's relative paths), longest first.
        if let at = parts.firstIndex(where: { $0.contains("@") }) {
            let rest = parts[(at + 1)...].joined(separator: "/")
            let starts = absolute ? Array(0...at) : [0]
            var modSuffixes: [String] = []
            if let mod = lastPkgMod(parts), mod <= at {
                modSuffixes.append(parts[mod...].joined(separator: "/"))
            }
            for start in starts {
                let module = unescapeModulePath(parts[start...at].joined(separator: "/"))
                modSuffixes.append(escapeModuleVersion(module) + (rest.isEmpty ? "" : "/" + rest))
            }
            for cache in provider.moduleCaches {
                for s in modSuffixes { out.append(goPathJoin(cache, s)) }
            }
            // Vendored copies drop the version and are not escaped.
            let versioned = parts[at]
            let bare = String(versioned[..<(versioned.firstIndex(of: "@") ?? versioned.endIndex)])
            for start in starts {
                let module = unescapeModulePath((parts[start..<at] + [bare]).joined(separator: "/"))
                out.append(goPathJoin(provider.workingDirectory + "/vendor", module + (rest.isEmpty ? "" : "/" + rest)))
            }
        }

        // The recorded path made relative to each search directory, dropping leading
        // directories one at a time (#472: "/go/src/x/y.go" checked out at "~/go/src/x").
        // Absolute paths keep at least two components so a bare file name cannot match.
        let minimum = absolute ? 2 : 1
        if parts.count >= minimum {
            for dir in goSplitList(searchPath) {
                for drop in 0...(parts.count - minimum) {
                    out.append(goPathJoin(dir, parts[drop...].joined(separator: "/")))
                }
            }
        }
        return out
    }

    /// The index of the component after the last "pkg/mod" pair, if any.
    private func lastPkgMod(_ parts: [String]) -> Int? {
        var found: Int?
        if parts.count >= 2 {
            for i in 0..<(parts.count - 1) where parts[i] == "pkg" && parts[i + 1] == "mod" { found = i + 2 }
        }
        return found
    }
}

/// A source file pprof could not open; `message` is pprof's text for it.
struct PprofSourceError: Error, Equatable {
    var message: String
}

/// Go's module cache escaping (`module.EscapePath`/`EscapeVersion`): each upper-case
/// letter becomes '!' and its lower-case form, so "github.com/Foo/bar@v1" is stored as
/// "github.com/!foo/bar@v1" on case-insensitive file systems too.
package func escapeModuleVersion(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count + 4)
    for c in s.unicodeScalars {
        if c.value >= 0x41 && c.value <= 0x5A {
            out += "!"
            out.unicodeScalars.append(Unicode.Scalar(c.value + 0x20) ?? c)
        } else {
            out.unicodeScalars.append(c)
        }
    }
    return out
}

/// The inverse of `escapeModuleVersion` ("!foo" -> "Foo").
func unescapeModulePath(_ s: String) -> String {
    guard s.contains("!") else { return s }
    var out = ""
    var bang = false
    for c in s.unicodeScalars {
        if bang, c.value >= 0x61 && c.value <= 0x7A {
            out.unicodeScalars.append(Unicode.Scalar(c.value - 0x20) ?? c)
            bang = false
            continue
        }
        if bang { out += "!" }
        bang = c == "!"
        if !bang { out.unicodeScalars.append(c) }
    }
    if bang { out += "!" }
    return out
}

/// Go's `filepath.Join` of two elements: empty elements are ignored, the result cleaned.
func goPathJoin(_ dir: String, _ path: String) -> String {
    if dir.isEmpty { return path.isEmpty ? "" : goPathClean(path) }
    if path.isEmpty { return goPathClean(dir) }
    return goPathClean(dir + "/" + path)
}

/// Go's `filepath.Dir` on Unix: everything before the last slash, cleaned ("." if none).
func goPathDir(_ path: String) -> String {
    let bytes = Array(path.utf8)
    var i = bytes.count - 1
    while i >= 0 && bytes[i] != UInt8(ascii: "/") { i -= 1 }
    return goPathClean(String(decoding: bytes[0..<(i + 1)], as: UTF8.self))
}
