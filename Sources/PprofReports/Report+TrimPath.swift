/// pprof `trimPath` (report/source.go): makes a recorded source path relative.
///
/// Without a trim path, the first search-path directory whose base name appears as
/// `/base/` in the path wins and everything up to it goes. Then the configured prefixes
/// (colon separated) and the `/proc/self/cwd/` prefixes are tried in order.
package func trimPath(_ path: String, trimPath: String, searchPath: String) -> String {
    if trimPath.isEmpty && searchPath.isEmpty {
        // Only the /proc/self/cwd prefixes apply: no allocation for the usual path.
        let u = path.utf8
        guard u.first == UInt8(ascii: "/") else { return path }
        for prefix in ["/proc/self/cwd/./", "/proc/self/cwd/"] where u.starts(with: prefix.utf8) {
            return String(decoding: u.dropFirst(prefix.utf8.count), as: UTF8.self)
        }
        return path
    }
    let bytes = Array(path.utf8)
    if trimPath.isEmpty {
        for dir in goSplitList(searchPath) {
            let want = Array(("/" + goPathBase(dir) + "/").utf8)
            if let found = firstIndex(of: want, in: bytes) {
                return String(decoding: bytes[(found + want.count)...], as: UTF8.self)
            }
        }
    }
    for var prefix in goSplitList(trimPath) + ["/proc/self/cwd/./", "/proc/self/cwd/"] {
        if !prefix.hasSuffix("/") { prefix += "/" }
        let p = Array(prefix.utf8)
        if bytes.count >= p.count && bytes[0..<p.count].elementsEqual(p) {
            return String(decoding: bytes[p.count...], as: UTF8.self)
        }
    }
    return path
}

/// A report's source-path trimming: pprof rewrites every function's file name in place on
/// each graph build, so the k-th build of one report sees the names trimmed k times.
package struct FileTrim: Sendable, Equatable {
    var trimPath: String
    var searchPath: String
    var passes: Int

    /// `name` trimmed `passes` times, stopping once a pass changes nothing.
    func apply(_ name: String) -> String {
        var name = name
        for _ in 0..<passes {
            let next = PprofReports.trimPath(name, trimPath: trimPath, searchPath: searchPath)
            if goEqual(next, name) { break }
            name = next
        }
        return name
    }
}

/// Go's `filepath.SplitList` on Unix: nothing for "", else split at every ':'.
package func goSplitList(_ s: String) -> [String] {
    if s.isEmpty { return [] }
    return s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
}

private func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard !needle.isEmpty, hay.count >= needle.count else { return needle.isEmpty ? 0 : nil }
    for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
        if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
    }
    return nil
}
