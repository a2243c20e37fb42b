import GoRegex
import PprofModel
import PprofReports

extension ViewBuilder {
    /// The annotated assembly of `function`: `disasm`'s routines, each instruction under the
    /// source line it comes from (read from the binary's line table, else the samples' line),
    /// with the source text when the file can be read. No binary: a note naming the paths
    /// tried and how to point at one.
    package static func assemblyRows(session: Session, function: String) throws -> [AssemblyViewRow] {
        // disasm matches the nodes' printable names (address, name, file:line) and the
        // binary's symbol names: the function's name as a whole word matches both.
        let word = "(^|\\s)" + GoRegex.quoteMeta(function) + "(\\s|$)"
        let report = try session.prepareReport(command: "disasm", symbol: word)
        let objects = session.environment.objects
        var errors: [String] = []
        let routines: [AssemblyRoutine]
        do {
            routines = try report.assemblyListing(objects, openErrors: &errors)
        } catch let e as PprofError {
            throw PprofError(noBinaryNote(report: report, objects: objects, errors: errors, failure: e.message))
        }
        var texts: [String: [Substring]?] = [:]
        func text(_ file: String, _ line: Int) -> String {
            if texts[file] == nil {
                let bytes = report.locateSource(file, session.environment.sources).map { Array($0.prefix(8 << 20)) }
                texts[file] = .some(bytes.map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) })
            }
            guard let lines = texts[file] ?? nil, line >= 1, line <= lines.count else { return "" }
            // Tabs are kept (the pane expands them), other controls escaped.
            return lines[line - 1].split(separator: "\t", omittingEmptySubsequences: false).map { sanitizeForTerminal(String($0)) }
                .joined(separator: "\t")
        }
        var rows: [AssemblyViewRow] = []
        for r in routines {
            rows.append(
                .routine(
                    name: sanitizeForTerminal(r.symbol.names.first ?? ""), flat: report.formatValue(r.flat), cum: report.formatValue(r.cum),
                    percent: Measurement.percentage(r.cum, report.total)))
            let lines = objects.sourceLines(file: r.symbol.file, addresses: r.rows.map(\.address))
            var current: (String, Int)?
            for n in r.rows {
                let where_ = lines[n.address].map { ($0.file, $0.line) } ?? (n.line != 0 ? (n.file, n.line) : nil)
                if let w = where_, current.map({ $0.0 != w.0 || $0.1 != w.1 }) ?? true {
                    rows.append(.source(file: w.0, line: w.1, text: text(w.0, w.1)))
                    current = w
                }
                rows.append(
                    .instruction(
                        address: n.address, text: sanitizeForTerminal(n.instruction), flat: n.flatValue, cum: n.cumValue,
                        flatText: report.valueOrDot(n.flatValue), cumText: report.valueOrDot(n.cumValue)))
            }
        }
        return rows
    }

    /// Why there is no assembly: pprof's words, the binaries tried, and how to point at one.
    static func noBinaryNote(report: Report, objects: any ObjectTool, errors: [String], failure: String) -> String {
        var lines = errors + [failure]
        var used = Set<Int32>()
        for l in report.profile.locations { used.insert(l.mapping) }
        var tried: [String] = []
        for (i, m) in report.profile.mappings.enumerated() where used.contains(Int32(i)) && !m.file.isEmpty {
            tried += objects.triedPaths(for: m)
        }
        if !tried.isEmpty {
            lines.append("Binaries looked for:")
            lines += tried.prefix(20).map { "  " + sanitizeForTerminal($0) }
        }
        lines.append("Point at the binary: pprof-tui BINARY PROFILE, or PPROF_BINARY_PATH=DIR (DIR/<build-id>/, DIR/<basename>).")
        return lines.joined(separator: "\n")
    }
}
