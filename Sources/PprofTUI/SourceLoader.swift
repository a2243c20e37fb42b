import Foundation

/// Finds and reads a source file the way pprof's list does: the recorded path, then each
/// `source_path` directory (with `trim_path` prefixes removed), then the working directory.
package enum SourceLoader {
    package static func candidates(file: String, sourcePath: String, trimPath: String) -> [String] {
        var out: [String] = [file]
        var rel = file
        for t in trimPath.split(separator: ":").map(String.init) where !t.isEmpty {
            let prefix = t.hasSuffix("/") ? t : t + "/"
            if rel.hasPrefix(prefix) {
                rel = String(rel.dropFirst(prefix.count))
                break
            }
        }
        let dirs = sourcePath.split(separator: ":").map(String.init).filter { !$0.isEmpty } + [FileManager.default.currentDirectoryPath]
        // Try progressively shorter suffixes of the path under each directory.
        var parts = rel.split(separator: "/").map(String.init)
        while !parts.isEmpty {
            let tail = parts.joined(separator: "/")
            for d in dirs { out.append(d + "/" + tail) }
            parts.removeFirst()
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// The file's lines, or nil with the paths tried.
    package static func load(file: String, sourcePath: String, trimPath: String, maxBytes: Int = 64 << 20) -> (lines: [String]?, tried: [String]) {
        let tried = candidates(file: file, sourcePath: sourcePath, trimPath: trimPath)
        for path in tried {
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                (attrs[.type] as? FileAttributeType) == .typeRegular,
                let size = attrs[.size] as? Int, size <= maxBytes,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return (lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }, [path])
        }
        return (nil, tried)
    }
}
