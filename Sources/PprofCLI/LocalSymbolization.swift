import Foundation
import PprofModel
import PprofReports

/// What pprof's symbolizer says on stderr before any report: `-symbolize` options it does not
/// know, and, for its local pass (`newMapping`), every mapping that needs symbols but whose
/// binary is not available. We symbolize nothing locally (profiles arrive symbolized), but the
/// messages are part of pprof's output for converted and unsymbolized profiles.
enum LocalSymbolization {
    /// The lines pprof prints for the merged profile `p` under `-symbolize=mode`.
    static func messages(for p: Profile, mode: String, fileSystem: FileSystemProbe = .live) -> [String] {
        var out: [String] = []
        var local = true
        var force = false
        for option in mode.lowercased().split(separator: ":", omittingEmptySubsequences: false) {
            switch option {
            case "": continue
            case "none", "no": return out
            case "local", "fastlocal": local = true
            case "remote": local = false
            case "force": force = true
            default:
                let d = option.hasPrefix("demangle=") ? option.dropFirst("demangle=".count) : option
                if ["full", "none", "templates"].contains(d) {
                    force = true
                    continue
                }
                if d == "default" { continue }
                out.append("ignoring unrecognized symbolization option: " + mode)
                out.append("expecting -symbolize=[local|fastlocal|remote|none][:force][:demangle=[none|full|templates|default]")
            }
        }
        guard local else { return out }

        var used = [Bool](repeating: false, count: p.mappings.count)
        for l in p.locations where l.mapping >= 0 && Int(l.mapping) < used.count { used[Int(l.mapping)] = true }
        var missingBinaries = false
        for (i, m) in p.mappings.enumerated() where used[i] {
            // Mappings that already carry symbols are not symbolized again (unless forced).
            if !force && (m.hasFunctions || m.hasFilenames || m.hasLineNumbers) { continue }
            if m.file.isEmpty {
                if i == 0 { out.append("Main binary filename not available.") } else { missingBinaries = true }
                continue
            }
            let base = goBase(m.file)
            if base.hasPrefix("[") || base.hasPrefix("linux-vdso") || m.file.hasPrefix("/dev/dri/") { continue }
            if m.buildID.isEmpty && isHTTPURL(m.file) { continue }
            let name = base + (m.buildID.isEmpty ? "" : " (build ID \(m.buildID))")
            if let failure = fileSystem.openObjectFailure(m.file) {
                out.append("Local symbolization failed for \(name): \(failure)")
                missingBinaries = true
            }
        }
        if missingBinaries {
            out.append("Some binary filenames not available. Symbolization may be incomplete.")
            out.append("Try setting PPROF_BINARY_PATH to the search path for local binaries.")
        }
        return out
    }

    /// Go's `filepath.Base` for a non-empty path.
    static func goBase(_ path: String) -> String {
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
        return s.isEmpty ? "." : String(s)
    }

    /// `url.Parse(file)` is absolute with a scheme containing "http".
    static func isHTTPURL(_ file: String) -> Bool {
        guard ProfileLoader.isAbsoluteURL(file), let colon = file.firstIndex(of: ":") else { return false }
        return file[..<colon].lowercased().contains("http")
    }
}

/// How `go tool pprof`'s object tool (cmd/internal/objfile) fails to open a binary, as text;
/// nil when the file would open (an object file we cannot read symbols from anyway).
struct FileSystemProbe: Sendable {
    var openObjectFailure: @Sendable (String) -> String?

    static let live = FileSystemProbe { path in
        // Never blocks: a mapping may name a FIFO (its empty read is "unrecognized", as for
        // any file without an object header).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return "open \(path): \(goErrnoText(errno))" }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 8)
        let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8) }
        let magic = n > 0 ? Array(header[0..<n]) : []
        return looksLikeObject(magic) ? nil : "open \(path): unrecognized object file"
    }

    /// ELF, Mach-O (thin or fat), PE, Go object or archive headers: formats objfile opens.
    static func looksLikeObject(_ h: [UInt8]) -> Bool {
        let starts = { (p: [UInt8]) in h.count >= p.count && Array(h[0..<p.count]) == p }
        if starts([0x7f, 0x45, 0x4c, 0x46]) || starts(Array("MZ".utf8)) || starts(Array("!<arch>\n".utf8))
            || starts(Array("go objec".utf8))
        {
            return true
        }
        let machO: [[UInt8]] = [
            [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe],
            [0xca, 0xfe, 0xba, 0xbe],
        ]
        return machO.contains(where: starts)
    }
}
