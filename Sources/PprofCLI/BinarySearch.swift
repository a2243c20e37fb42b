import Foundation
import PprofModel
import PprofReports

/// Where pprof looks for a mapping's binary (fetch.go `locateBinaries`): in each directory of
/// `PPROF_BINARY_PATH` (default `$HOME/pprof/binaries`), `$dir/<build-id>/<basename>`, every
/// file in `$dir/<build-id>/`, `$dir/<file>/<build-id>` (perf's layout),
/// `$dir/<id[:2]>/<id[2:]>.debug` (the `.build-id` layout, as upstream pprof has it), then
/// `$dir/<basename>` and `$dir/<file>`. A candidate is taken when it is an object file whose
/// build ID matches the mapping's (read from the ELF note, as upstream pprof does).
/// Mapping names come from the profile and are untrusted: they are only joined to the
/// configured directories and opened for reading, never run or passed to a shell.
struct BinarySearch {
    var directories: [String]
    var probe: FileSystemProbe = .live
    var buildID: (String) -> String = { ELFHeader.read(path: $0)?.buildID ?? "" }

    init(environment: [String: String]) {
        let path = environment["PPROF_BINARY_PATH"] ?? ""
        if path.isEmpty {
            directories = [(environment["HOME"] ?? "") + "/pprof/binaries"]
        } else {
            // Go's filepath.SplitList: an empty element is the current directory's "".
            directories = path.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The candidates pprof tries for `m` under `dir`, in order.
    func candidates(_ m: Mapping, dir: String) -> [String] {
        var names: [String] = []
        let base = m.file.isEmpty ? "" : goBaseName(m.file)
        if !m.buildID.isEmpty {
            names.append(Self.join(dir, m.buildID, base))
            names.append(contentsOf: Self.glob(Self.join(dir, m.buildID)))
            names.append(Self.join(dir, m.file, m.buildID))
            if m.buildID.utf8.count > 2 {
                names.append(Self.join(dir, String(m.buildID.prefix(2)), String(m.buildID.dropFirst(2)) + ".debug"))
            }
        }
        if !m.file.isEmpty {
            if !base.isEmpty { names.append(Self.join(dir, base)) }
            names.append(Self.join(dir, m.file))
        }
        return names
    }

    /// Every path this search tries for `m` (for the Source pane's "no binary" note).
    func tried(_ m: Mapping) -> [String] { directories.flatMap { candidates(m, dir: $0) } }

    /// The first matching candidate, or nil (the mapping keeps its file name).
    func locate(_ m: Mapping, warn: (String) -> Void) -> String? {
        for dir in directories {
            for name in candidates(m, dir: dir) where probe.openObjectFailure(name) == nil {
                let fileID = buildID(name)
                if !m.buildID.isEmpty && m.buildID != fileID {
                    warn("Ignoring local file \(name): build-id mismatch (\(m.buildID) != \(fileID))")
                    continue
                }
                return name
            }
        }
        return nil
    }

    /// Go's filepath.Join: elements joined with "/", empty ones dropped, the result cleaned.
    static func join(_ parts: String...) -> String {
        let joined = parts.filter { !$0.isEmpty }.joined(separator: "/")
        return joined.isEmpty ? "" : clean(joined)
    }

    /// Go's path.Clean for the joined names (no symlink resolution).
    static func clean(_ p: String) -> String {
        let rooted = p.hasPrefix("/")
        var out: [Substring] = []
        for part in p.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." { out.removeLast() } else if !rooted { out.append(part) }
                continue
            }
            out.append(part)
        }
        let s = out.joined(separator: "/")
        return rooted ? "/" + s : (s.isEmpty ? "." : s)
    }

    /// The entries of `dir` sorted by name, as filepath.Glob(dir/*) lists them (at most 1000).
    static func glob(_ dir: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .prefix(1000).map { dir + "/" + $0 }
    }
}
