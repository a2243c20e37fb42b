import PprofModel

/// One annotated source line of a `list` routine.
package struct SourceLine: Sendable, Equatable {
    package var lineno: Int
    package var flat: Int64
    package var cum: Int64
    /// The line as read (tabs kept), other control characters escaped.
    package var text: String
}

/// One `ROUTINE` block: a function's samples in one source file.
package struct SourceRoutine: Sendable, Equatable {
    package var name: String
    package var file: String
    package var flat: Int64
    package var cum: Int64
    /// pprof's error text when the file could not be opened; `lines` is then empty.
    package var error: String?
    package var lines: [SourceLine]
    /// The file was longer than `sourceFileByteLimit`: lines past it are not listed.
    package var truncated = false
    /// The path the file was read from (after trim_path, source_path and the fallbacks);
    /// nil when it was not read. What an editor should open.
    package var path: String? = nil
}

/// What `list` prints per matching function, in order.
package enum SourceBlock: Sendable, Equatable {
    case routine(SourceRoutine)
    /// The function matched but none of its nodes has a file name.
    case noSource(String)
}

extension Report {
    /// The rows of pprof's `list` (report/source.go `printSource`): functions whose name
    /// matches `options.symbol`, sorted by name; per function its files sorted by name;
    /// per file the lines from the function start (or 5 before the first sample) to 5
    /// after the last sample, each with the flat/cum of the nodes on that line.
    ///
    /// With `searchingGoLocations` (the TUI's Source pane) a file pprof cannot find is also
    /// looked for where Go keeps sources (`SourceLocator`); batch and shell `list` do not.
    ///
    /// - Throws: `PprofError` when no regexp is set or no function matches it.
    package func sourceListing(_ sources: any SourceProvider, searchingGoLocations: Bool = false) throws -> [SourceBlock] {
        guard let symbol = options.symbol else { throw PprofError("list: a function regexp is required") }
        // Function start lines and binaries are kept only in the graph of a `list` report.
        var listing = self
        listing.options.outputFormat = .list
        let g = listing.newGraph(keptNodes: nil)

        // Group matching nodes by function name, first-seen order; names sorted below.
        var matchCache: [ByteKey: Bool] = [:]
        var fnIndex: [ByteKey: Int] = [:]
        var fnNames: [String] = []
        var fnNodes: [[Int]] = []
        for (i, n) in g.nodes.enumerated() {
            let key = ByteKey(n.info.name)
            let matched: Bool
            if let m = matchCache[key] {
                matched = m
            } else {
                matched = symbol.matches(n.info.name)
                matchCache[key] = matched
            }
            if !matched { continue }
            if let f = fnIndex[key] {
                fnNodes[f].append(i)
            } else {
                fnIndex[key] = fnNames.count
                fnNames.append(n.info.name)
                fnNodes.append([i])
            }
        }
        if fnNames.isEmpty { throw PprofError("no matches found for regexp: \(symbol.pattern)") }
        let fnOrder = fnNames.indices.sorted { goLess(fnNames[$0], fnNames[$1]) }

        let searchPath = options.sourcePath.isEmpty ? sources.workingDirectory : options.sourcePath
        let locator = SourceLocator(
            provider: sources, searchPath: searchPath, trimPath: options.trimPath, searchesGoLocations: searchingGoLocations)
        var reader = SourceReader(locator: locator)
        // The profile's functions with a file, by name, for `recordedPaths`: one pass here,
        // not one per routine (a million matching functions would be quadratic).
        var functionsByName: [ByteKey: [Int]] = [:]
        for (i, fn) in profile.functions.enumerated() where !fn.filename.isEmpty && fnIndex[ByteKey(fn.name)] != nil {
            functionsByName[ByteKey(fn.name), default: []].append(i)
        }
        var blocks: [SourceBlock] = []
        for f in fnOrder {
            let name = fnNames[f]
            var fileIndex: [ByteKey: Int] = [:]
            var files: [String] = []
            var fileNodes: [[Int]] = []
            for i in fnNodes[f] {
                let file = g.nodes[i].info.file
                if file.isEmpty { continue }
                if let k = fileIndex[ByteKey(file)] {
                    fileNodes[k].append(i)
                } else {
                    fileIndex[ByteKey(file)] = files.count
                    files.append(file)
                    fileNodes.append([i])
                }
            }
            if files.isEmpty {
                blocks.append(.noSource(name))
                continue
            }
            for k in files.indices.sorted(by: { goLess(files[$0], files[$1]) }) {
                // pprof's node order here comes from a map; a fixed order keeps ours stable.
                let nodes = fileNodes[k].map { g.nodes[$0] }.sorted(by: sourceNodeOrder)
                var flat: Int64 = 0
                var cum: Int64 = 0
                for n in nodes {
                    flat &+= n.flat
                    cum &+= n.cum
                }
                var routine = SourceRoutine(name: name, file: files[k], flat: flat, cum: cum, error: nil, lines: [])
                let recorded = recordedPaths(functionsByName[ByteKey(name)] ?? [], file: files[k])
                switch annotatedLines(file: files[k], recorded: recorded, nodes: nodes, reader: &reader) {
                case .success(let lines):
                    routine.lines = lines.lines
                    routine.truncated = lines.truncated
                case .failure(let e): routine.error = e.message
                }
                routine.path = reader.foundPath(files[k])
                blocks.append(.routine(routine))
            }
        }
        return blocks
    }

    /// `list`: `sourceListing` in pprof's text layout.
    package func printSource(_ sources: any SourceProvider, searchingGoLocations: Bool = false) throws -> String {
        let blocks = try sourceListing(sources, searchingGoLocations: searchingGoLocations)
        var out = "Total: \(formatValue(total))\n"
        for b in blocks {
            switch b {
            case .noSource(let name):
                out += "No source information for \(sanitizeForTerminal(name))\n"
            case .routine(let r):
                out += "ROUTINE ======================== \(sanitizeForTerminal(r.name)) in \(sanitizeForTerminal(r.file))\n"
                out += padLeft(formatValue(r.flat), 10) + " " + padLeft(formatValue(r.cum), 10)
                out += " (flat, cum) " + Measurement.percentage(r.cum, total) + " of Total\n"
                if let e = r.error {
                    out += " Error: " + sanitizeForTerminal(e) + "\n"
                    continue
                }
                for l in r.lines {
                    out += padLeft(valueOrDot(l.flat), 10) + " " + padLeft(valueOrDot(l.cum), 10) + " "
                    out += padLeft(String(l.lineno), 6) + ":" + l.text + "\n"
                }
                if r.truncated {
                    out += " " + sourceTruncationNote(file: r.file) + "\n"
                }
            }
        }
        return out
    }

    /// "." for zero, else the formatted value.
    func valueOrDot(_ v: Int64) -> String { v == 0 ? "." : formatValue(v) }

    /// pprof's `getSourceFromFile` for a whole function (start = end = 0).
    /// The profile's own file names (before trimming) of `functions` (indices of one name's
    /// functions that have a file) that list as `file`:
    /// the heuristic trim can cut at the wrong directory, and the fallbacks try these too.
    private func recordedPaths(_ functions: [Int], file: String) -> [String] {
        var out: [String] = []
        for f in functions.lazy.map({ profile.functions[$0] }) {
            let shown = goPathClean(PprofReports.trimPath(f.filename, trimPath: options.trimPath, searchPath: options.sourcePath))
            if goEqual(shown, file) && !goEqual(f.filename, file) && !out.contains(where: { goEqual($0, f.filename) }) {
                out.append(f.filename)
            }
        }
        return out
    }

    private func annotatedLines(file: String, recorded: [String], nodes: [GraphNode], reader: inout SourceReader)
        -> Result<(lines: [SourceLine], truncated: Bool), PprofSourceError>
    {
        guard let first = nodes.first else { return .success(([], false)) }
        // Line numbers come from the profile: Go's int arithmetic wraps at the edges.
        let margin = 5
        var start = first.info.startLine != 0 ? first.info.startLine : first.info.lineno &- margin
        var end = first.info.lineno &+ margin
        var perLine: [Int: (flat: Int64, cum: Int64)] = [:]
        for n in nodes {
            let lineno = n.info.lineno
            let nodeStart = n.info.startLine != 0 ? n.info.startLine : lineno &- margin
            let nodeEnd = lineno &+ margin
            // pprof widens only one side per node (an `else if`); kept as is.
            if nodeStart < start {
                start = nodeStart
            } else if nodeEnd > end {
                end = nodeEnd
            }
            let sum = perLine[lineno] ?? (0, 0)
            perLine[lineno] = (sum.flat &+ n.flat, sum.cum &+ n.cum)
        }
        if start < 1 { start = 1 }
        // pprof reads the file only inside the line loop: with no lines to show it reports
        // an error only if an earlier routine already failed to open the same file.
        if start > end {
            if case .failure(let e)? = reader.cached(file) { return .failure(e) }
            return .success(([], false))
        }
        let source: SourceText
        switch reader.lines(file, recorded: recorded) {
        case .failure(let e): return .failure(e)
        case .success(let t): source = t
        }
        let text = source.lines
        var out: [SourceLine] = []
        for lineno in start...end {
            guard lineno <= text.count else { break }
            let sum = perLine[lineno] ?? (0, 0)
            out.append(SourceLine(lineno: lineno, flat: sum.flat, cum: sum.cum, text: text[lineno - 1]))
        }
        // Only worth a note when the listing wanted lines past the cut.
        return .success((out, source.truncated && end > text.count))
    }
}

/// Lines first, then the remaining identity, so equal inputs always list the same way.
private func sourceNodeOrder(_ a: GraphNode, _ b: GraphNode) -> Bool {
    if a.info.lineno != b.info.lineno { return a.info.lineno < b.info.lineno }
    if a.info.startLine != b.info.startLine { return a.info.startLine < b.info.startLine }
    if a.info.address != b.info.address { return a.info.address < b.info.address }
    if !goEqual(a.info.objfile, b.info.objfile) { return goLess(a.info.objfile, b.info.objfile) }
    return goLess(a.info.origName, b.info.origName)
}

/// pprof's `sourceReader`: each file read once per report, split as `bufio.Scanner` splits.
struct SourceReader {
    let locator: SourceLocator
    private var cache: [ByteKey: Result<SourceText, PprofSourceError>] = [:]

    init(locator: SourceLocator) { self.locator = locator }

    /// Where each file read was found.
    private var found: [ByteKey: String] = [:]

    func cached(_ path: String) -> Result<SourceText, PprofSourceError>? { cache[ByteKey(path)] }

    func foundPath(_ path: String) -> String? { found[ByteKey(path)] }

    mutating func lines(_ path: String, recorded: [String] = []) -> Result<SourceText, PprofSourceError> {
        if let c = cache[ByteKey(path)] { return c }
        let located = locator.locate(path, recorded: recorded)
        if case .success(let l) = located { found[ByteKey(path)] = l.path }
        let r = located.map { splitSourceLines($0.bytes) }
        cache[ByteKey(path)] = r
        return r
    }
}

/// What `list` prints after a listing cut at the read cap; the Source pane shows it too.
package func sourceTruncationNote(file: String) -> String {
    "Note: only the first \(sourceFileByteLimit >> 20) MiB of \(sanitizeForTerminal(file)) were read"
}

/// A source file's lines; `truncated` when it had more than `sourceFileByteLimit` bytes.
struct SourceText {
    var lines: [String]
    var truncated: Bool
}

/// `bufio.Scanner` with `ScanLines`: split at '\n', drop one trailing '\r', no empty last
/// line; a line of 64 KiB or more stops the scan (pprof then lists the lines before it).
/// Past `sourceFileByteLimit` only whole lines are kept. Control characters other than tab
/// are escaped.
func splitSourceLines(_ bytes: [UInt8]) -> SourceText {
    let maxLine = sourceLineLimit
    var lines: [String] = []
    var start = 0
    let truncated = bytes.count > sourceFileByteLimit
    var n = bytes.count
    if truncated {
        // The cut may fall inside a line: keep the lines that ended before it.
        n = sourceFileByteLimit
        while n > 0 && bytes[n - 1] != UInt8(ascii: "\n") { n -= 1 }
    }
    while start < n {
        var end = start
        while end < n && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end - start >= maxLine { break }
        var stop = end
        if stop > start && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        lines.append(sanitizeSourceText(String(decoding: bytes[start..<stop], as: UTF8.self)))
        start = end + 1
    }
    return SourceText(lines: lines, truncated: truncated)
}

/// Tabs are part of source layout and stay; any other control character is escaped.
private func sanitizeSourceText(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }) { return s }
    return s.split(separator: "\t", omittingEmptySubsequences: false)
        .map { sanitizeForTerminal(String($0)) }
        .joined(separator: "\t")
}
