import Foundation
import PprofModel
import PprofReports

/// pprof's local symbolizer (symbolizer.go `Symbolize` with `doLocalSymbolize`): `-symbolize`
/// options it does not know, every mapping that needs symbols but whose binary is not
/// available, and, for the binaries that open, the locations' functions, files and lines
/// from `tool`.
enum LocalSymbolization {
    /// Symbolizes the merged profile `p` under `-symbolize=mode`; returns the lines pprof
    /// prints on stderr. Without a tool only the messages are produced.
    static func symbolize(
        _ p: inout Profile, mode: String, tool: Binutils? = nil, fileSystem: FileSystemProbe = .live
    ) -> [String] {
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
        var opened: [Int] = []
        for (i, m) in p.mappings.enumerated() where used[i] {
            // Mappings that already carry symbols are not symbolized again (unless forced).
            if !force && (m.hasFunctions || m.hasFilenames || m.hasLineNumbers) { continue }
            if m.file.isEmpty {
                if i == 0 { out.append("Main binary filename not available.") } else { missingBinaries = true }
                continue
            }
            let base = goBaseName(m.file)
            if base.hasPrefix("[") || base.hasPrefix("linux-vdso") || m.file.hasPrefix("/dev/dri/") { continue }
            if m.buildID.isEmpty && isHTTPURL(m.file) { continue }
            let name = base + (m.buildID.isEmpty ? "" : " (build ID \(m.buildID))")
            if let failure = fileSystem.openObjectFailure(m.file) {
                out.append("Local symbolization failed for \(name): \(failure)")
                missingBinaries = true
            } else {
                opened.append(i)
            }
        }
        if let tool { fill(&p, mappings: opened, tool: tool) }
        if missingBinaries {
            out.append("Some binary filenames not available. Symbolization may be incomplete.")
            out.append("Try setting PPROF_BINARY_PATH to the search path for local binaries.")
        }
        return out
    }

    /// doLocalSymbolize: every location of an opened mapping that has source lines gets them
    /// (its old lines replaced, folding cleared), with new functions interned by name and
    /// file, and the mapping's has_* flags set.
    static func fill(_ p: inout Profile, mappings: [Int], tool: Binutils) {
        guard !mappings.isEmpty else { return }
        let wanted = Set(mappings)
        var perMapping: [Int: [UInt64]] = [:]
        for l in p.locations where wanted.contains(Int(l.mapping)) {
            let m = p.mappings[Int(l.mapping)]
            perMapping[Int(l.mapping), default: []].append(l.address &- tool.offset(m))
        }
        var answers: [Int: [UInt64: [SymbolFrame]]] = [:]
        for (mi, addrs) in perMapping { answers[mi] = tool.sourceFrames(file: p.mappings[mi].file, addresses: addrs) }
        struct Key: Hashable { var name: String, file: String }
        var functions: [Key: Int32] = [:]
        for li in p.locations.indices {
            let mi = Int(p.locations[li].mapping)
            guard wanted.contains(mi) else { continue }
            let obj = p.locations[li].address &- tool.offset(p.mappings[mi])
            guard let frame = Binutils.goFrame(answers[mi]?[obj] ?? []) ?? tool.goTableFrame(file: p.mappings[mi].file, address: obj)
            else { continue }
            if !frame.function.isEmpty { p.mappings[mi].hasFunctions = true }
            if !frame.file.isEmpty { p.mappings[mi].hasFilenames = true }
            if frame.line != 0 { p.mappings[mi].hasLineNumbers = true }
            p.mappings[mi].hasInlineFrames = true
            let key = Key(name: frame.function, file: frame.file)
            let fi: Int32
            if let f = functions[key] {
                fi = f
            } else {
                fi = Int32(p.functions.count)
                let id = UInt64(p.functions.count) + 1
                p.functions.append(Function(id: id, name: frame.function, systemName: frame.function, filename: frame.file))
                functions[key] = fi
            }
            p.locations[li].lines = [Line(function: fi, line: Int64(frame.line))]
            p.locations[li].isFolded = false
        }
    }

    /// `url.Parse(file)` is absolute with a scheme containing "http".
    static func isHTTPURL(_ file: String) -> Bool {
        guard ProfileLoader.isAbsoluteURL(file), let colon = file.firstIndex(of: ":") else { return false }
        return file[..<colon].lowercased().contains("http")
    }
}

/// How `go tool pprof`'s object tool (cmd/internal/objfile) fails to open a binary, as text;
/// nil when the file would open (an object file we cannot read symbols from anyway).
package struct FileSystemProbe: Sendable {
    package var openObjectFailure: @Sendable (String) -> String?

    package static let live = FileSystemProbe { path in
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
