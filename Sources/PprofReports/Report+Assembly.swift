import PprofModel

/// One instruction row of a `disasm` routine (pprof's `assemblyInstruction`).
package struct AssemblyRow: Sendable, Equatable {
    package var address: UInt64
    package var instruction: String
    package var function: String
    package var file: String
    package var line: Int
    package var flat: Int64 = 0
    package var flatDiv: Int64 = 0
    package var cum: Int64 = 0
    package var cumDiv: Int64 = 0
    package var flatValue: Int64 { flatDiv == 0 ? flat : goDiv(flat, flatDiv) }
    package var cumValue: Int64 { cumDiv == 0 ? cum : goDiv(cum, cumDiv) }
}

/// One `ROUTINE` of `disasm`: a symbol of a binary with samples.
package struct AssemblyRoutine: Sendable, Equatable {
    package var symbol: ObjSymbol
    package var flat: Int64
    package var cum: Int64
    package var rows: [AssemblyRow]
}

extension Report {
    /// The routines of pprof's `PrintAssembly` (report.go): symbols of the sampled binaries
    /// matching `options.symbol` (or containing the address the regexp spells), each with the
    /// nodes whose object address falls in it, sorted by name then start. `openErrors` gets
    /// the binaries that failed to open (pprof prints those on stdout before the report).
    package func assemblyListing(_ objects: any ObjectTool, openErrors: inout [String]) throws -> [AssemblyRoutine] {
        guard let rx = options.symbol else { throw PprofError("disasm: a function regexp is required") }
        let g = newGraph(keptNodes: nil)
        let address = Self.goParseUint(rx.pattern)

        var hasSamples = Set<String>()
        for n in g.nodes where !n.info.objfile.isEmpty && rx.matches(n.info.printableName()) {
            hasSamples.insert(n.info.objfile)
        }
        var found: [(symbol: ObjSymbol, mapping: Mapping)] = []
        for m in profile.mappings {
            if !hasSamples.contains(m.file) {
                guard let a = address, m.start <= a, a <= m.limit else { continue }
            }
            do {
                for s in try objects.symbols(mapping: m, matching: rx, address: address ?? 0) { found.append((s, m)) }
            } catch let e as PprofError {
                openErrors.append(e.message)
            }
        }
        // pprof's nodesPerSymbol: sample nodes by object address, [start, end).
        var routines: [(ObjSymbol, Mapping, [GraphNode])] = []
        for (s, m) in found {
            let ns = g.nodes.filter {
                let a = objects.objectAddress(mapping: m, address: $0.info.address)
                return a >= s.start && a < s.end
            }
            if !ns.isEmpty { routines.append((s, m, ns)) }
        }
        routines.sort { a, b in
            let na = a.0.names.first ?? "", nb = b.0.names.first ?? ""
            if na != nb { return Array(na.utf8).lexicographicallyPrecedes(Array(nb.utf8)) }
            if a.0.start != b.0.start { return a.0.start < b.0.start }
            return Array(a.0.file.utf8).lexicographicallyPrecedes(Array(b.0.file.utf8))
        }
        if routines.isEmpty { throw PprofError("no matches found for regexp: \(rx.pattern)") }
        var out: [AssemblyRoutine] = []
        for (s, m, ns) in routines {
            var flat: Int64 = 0, cum: Int64 = 0
            for n in ns {
                flat = flat &+ n.flat
                cum = cum &+ n.cum
            }
            let insts = try objects.disassemble(file: s.file, start: s.start, end: s.end)
            out.append(AssemblyRoutine(symbol: s, flat: flat, cum: cum, rows: annotateAssembly(insts, ns, objects, m)))
        }
        return out
    }

    /// pprof's annotateAssembly: each instruction sums the nodes up to the next instruction's
    /// address, taking file, line and function from them when the disassembler gave none.
    private func annotateAssembly(_ insts: [ObjInstruction], _ nodes: [GraphNode], _ objects: any ObjectTool, _ m: Mapping)
        -> [AssemblyRow]
    {
        let samples = nodes.sorted { l, r in
            if l.info.address != r.info.address { return l.info.address < r.info.address }
            let ln = l.info.printableName(), rn = r.info.printableName()
            if ln != rn { return Array(ln.utf8).lexicographicallyPrecedes(Array(rn.utf8)) }
            return l.info.lineno < r.info.lineno
        }
        var s = 0
        var rows: [AssemblyRow] = []
        for (ix, inst) in insts.enumerated() {
            var n = AssemblyRow(
                address: inst.address, instruction: inst.text, function: inst.function,
                file: inst.file.isEmpty ? "" : goBaseName(inst.file), line: inst.line)
            let next = ix + 1 < insts.count ? insts[ix + 1].address : UInt64.max
            while s < samples.count {
                let sample = samples[s]
                if objects.objectAddress(mapping: m, address: sample.info.address) >= next { break }
                n.flatDiv = n.flatDiv &+ sample.flatDiv
                n.flat = n.flat &+ sample.flat
                n.cumDiv = n.cumDiv &+ sample.cumDiv
                n.cum = n.cum &+ sample.cum
                if !sample.info.file.isEmpty && n.file.isEmpty { n.file = goBaseName(sample.info.file) }
                if sample.info.lineno != 0 && n.line == 0 { n.line = sample.info.lineno }
                if !sample.info.name.isEmpty && n.function.isEmpty { n.function = sample.info.name }
                s += 1
            }
            rows.append(n)
        }
        return rows
    }

    /// pprof's `disasm` text.
    package func printAssembly(_ objects: any ObjectTool) throws -> String {
        var errors: [String] = []
        let routines: [AssemblyRoutine]
        do {
            routines = try assemblyListing(objects, openErrors: &errors)
        } catch let e as PprofError {
            throw PprofError(errors.map { $0 + "\n" }.joined() + e.message)
        }
        var out = errors.map { $0 + "\n" }.joined() + "Total: \(formatValue(total))\n"
        for r in routines {
            out += "ROUTINE ======================== \(r.symbol.names.first ?? "")\n"
            for name in r.symbol.names.dropFirst() { out += "    AKA ======================== \(name)\n" }
            out += goPad(formatValue(r.flat), 10) + " " + goPad(formatValue(r.cum), 10) + " (flat, cum) "
                + Measurement.percentage(r.cum, total) + " of Total\n"
            var function = "", file = "", line = 0
            for n in r.rows {
                var loc = ""
                if n.function != function || n.file != file || n.line != line {
                    (function, file, line) = (n.function, n.file, n.line)
                    if !n.function.isEmpty { loc = n.function + " " }
                    if !n.file.isEmpty {
                        loc += n.file
                        if n.line != 0 { loc += ":\(n.line)" }
                    }
                }
                let head = goPad(n.flatValue == 0 ? "." : formatValue(n.flatValue), 10) + " "
                    + goPad(n.cumValue == 0 ? "." : formatValue(n.cumValue), 10) + " "
                    + goPad(String(n.address, radix: 16), 10) + ": "
                let width = n.instruction.unicodeScalars.count
                if loc.isEmpty {
                    out += head + n.instruction + "\n"
                } else if Array(n.instruction.utf8).count < 40 {
                    out += head + n.instruction + String(repeating: " ", count: max(0, 40 - width)) + ";" + loc + "\n"
                } else {
                    out += String(repeating: " ", count: 74) + ";" + loc + "\n"
                    out += head + n.instruction + "\n"
                }
            }
        }
        return out
    }

    /// Go's strconv.ParseUint(s, 0, 64): the regexp text taken as an address, when it is one.
    static func goParseUint(_ s: String) -> UInt64? {
        var t = Substring(s)
        var radix = 10
        if t.hasPrefix("0x") || t.hasPrefix("0X") { radix = 16; t = t.dropFirst(2) }
        else if t.hasPrefix("0b") || t.hasPrefix("0B") { radix = 2; t = t.dropFirst(2) }
        else if t.hasPrefix("0o") || t.hasPrefix("0O") { radix = 8; t = t.dropFirst(2) }
        else if t.hasPrefix("0") && t.count > 1 { radix = 8; t = t.dropFirst() }
        if radix != 10 { t = Substring(t.filter { $0 != "_" }) }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return UInt64(t, radix: radix)
    }
}

/// Go's `filepath.Base` for a non-empty path.
package func goBaseName(_ path: String) -> String {
    var s = Substring(path)
    while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
    if s == "/" { return "/" }
    if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
    return s.isEmpty ? "." : String(s)
}

extension Report {
    /// A source file's bytes found as the TUI's Source pane finds them (source_path,
    /// trim_path, then where Go keeps sources); nil when not found.
    package func locateSource(_ path: String, _ sources: any SourceProvider) -> [UInt8]? {
        let searchPath = options.sourcePath.isEmpty ? sources.workingDirectory : options.sourcePath
        let locator = SourceLocator(provider: sources, searchPath: searchPath, trimPath: options.trimPath, searchesGoLocations: true)
        if case .success(let found) = locator.locate(path) { return found.bytes }
        return nil
    }
}
