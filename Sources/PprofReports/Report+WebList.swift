import PprofModel

extension Report {
    /// `weblist`: an HTML page in the layout of pprof's (report/source.go PrintWebList): a
    /// legend with the profile's labels and total, then per routine an `<h2>` name, the file,
    /// and a `<pre>` of source lines (`line`, flat, cum, text) each followed by its
    /// instructions (`asm`, shown on click) with their costs and `file:line`. Routines and
    /// instructions are `disasm`'s; each instruction is put on the source line the binary's line
    /// table gives it (else its samples' line). The page carries its own small style and toggle
    /// script.
    package func printWebList(_ objects: any ObjectTool, _ sources: any SourceProvider) throws -> String {
        var errors: [String] = []
        let routines = try assemblyListing(objects, openErrors: &errors)
        var out = "\n<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Pprof listing</title>\n"
        out += Self.webListStyle + "\n" + Self.webListScript + "\n</head>\n<body>\n\n"
        out += "<div class=\"legend\">" + profileLabels().map(htmlEscape).joined(separator: "<br>\n") + "<br>Total: "
            + formatValue(total) + "</div>"
        var texts: [String: [Substring]?] = [:]
        func line(_ file: String, _ n: Int) -> String? {
            if texts[file] == nil {
                texts[file] = .some(locateSource(file, sources).map {
                    String(decoding: $0.prefix(8 << 20), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                })
            }
            guard let lines = texts[file] ?? nil, n >= 1, n <= lines.count else { return nil }
            return String(lines[n - 1])
        }
        for r in routines {
            let known = objects.sourceLines(file: r.symbol.file, addresses: r.rows.map(\.address))
            var byLine: [Int: [AssemblyRow]] = [:]
            var fileCount: [String: Int] = [:]
            for n in r.rows {
                let at = known[n.address].map { ($0.file, $0.line) } ?? (n.file, n.line)
                byLine[at.1, default: []].append(n)
                if !at.0.isEmpty { fileCount[at.0, default: 0] += 1 }
            }
            let file = fileCount.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
            let numbered = byLine.keys.filter { $0 > 0 }
            let first = max(1, (numbered.min() ?? 1) - 5), last = (numbered.max() ?? 0) + 5
            out += "<h2>" + htmlEscape(r.symbol.names.first ?? "") + "</h2><p class=\"filename\">" + htmlEscape(file) + "</p>\n"
            out += "<pre onClick=\"pprof_toggle_asm(event)\">\n"
            out += "  Total:  " + goPad(formatValue(r.flat), 10) + " " + goPad(formatValue(r.cum), 10) + " (flat, cum) "
                + Measurement.percentage(r.cum, total) + "\n"
            var lineNumbers = Array(first...max(first, last))
            if byLine[0] != nil { lineNumbers.insert(0, at: 0) }
            for l in lineNumbers {
                let insts = byLine[l] ?? []
                guard let text = line(file, l) ?? (insts.isEmpty ? nil : (l == 0 ? "<instructions with unknown line numbers>" : "???"))
                else { continue }
                var flat: Int64 = 0, cum: Int64 = 0
                for n in insts {
                    flat = flat &+ n.flatValue
                    cum = cum &+ n.cumValue
                }
                let cls = insts.isEmpty ? "nop" : "livesrc"
                out += "<span class=line> " + goPad(String(l), 6) + "</span> <span class=\(cls)>  " + goPad(valueOrDot(flat), 10) + " "
                    + goPad(valueOrDot(cum), 10) + " " + String(repeating: " ", count: 8) + "  " + htmlEscape(text) + " </span>"
                if !insts.isEmpty {
                    let indent = String(repeating: " ", count: Self.indentation(text) + 4)
                    out += "<span class=asm>"
                    var previous: UInt64?
                    for n in insts {
                        if let p = previous, let pi = r.rows.firstIndex(where: { $0.address == p }), pi + 1 < r.rows.count,
                            r.rows[pi + 1].address != n.address
                        {
                            out += " " + String(repeating: " ", count: 8) + " " + goPad("⋮", 28) + "\n"
                        }
                        previous = n.address
                        let where_ = known[n.address].map { goBaseName($0.file) + ":\($0.line)" } ?? (n.file.isEmpty ? "" : "\(n.file):\(n.line)")
                        out += " " + String(repeating: " ", count: 8) + " " + goPad(valueOrDot(n.flatValue), 10) + " "
                            + goPad(valueOrDot(n.cumValue), 10) + " " + goPad(String(n.address, radix: 16), 8) + ": "
                            + htmlEscape(Self.rightPad(indent + n.instruction, 80)) + " <span class=unimportant>" + htmlEscape(where_)
                            + "</span>\n"
                    }
                    out += "</span>"
                }
                out += "\n"
            }
            out += "</pre>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// Columns of leading white space (tabs to the next multiple of 8), as pprof indents asm.
    static func indentation(_ line: String) -> Int {
        var column = 0
        for c in line {
            if c == " " { column += 1 } else if c == "\t" { column = (column / 8 + 1) * 8 } else { break }
        }
        return column
    }

    /// `s` padded with spaces to `n` columns (tabs expanded), as pprof's rightPad.
    static func rightPad(_ s: String, _ n: Int) -> String {
        var out = ""
        var column = 0
        for c in s {
            if c == "\t" {
                let next = (column / 8 + 1) * 8
                out += String(repeating: " ", count: next - column)
                column = next
            } else {
                out.append(c)
                column += 1
            }
        }
        return column < n ? out + String(repeating: " ", count: n - column) : out
    }

    static let webListStyle = """
        <style type="text/css">
        body { font-family: sans-serif; }
        h2 { font-size: 1em; margin: 1.5em 0 0.2em; }
        .legend { font-size: 1.1em; }
        .filename { margin: 0; color: #555; }
        pre { margin: 0.3em 0; }
        .line { color: #888; }
        .livesrc { cursor: pointer; }
        .livesrc:hover { background-color: #eee; }
        .nop, .deadsrc, .unimportant { color: #888; }
        .asm { display: none; color: #008; }
        .inlinesrc { color: #060; }
        </style>
        """

    static let webListScript = """
        <script type="text/javascript">
        // A click on a source line shows or hides the instructions that follow it.
        function pprof_toggle_asm(e) {
          var src = e.target.closest ? e.target.closest(".livesrc") : null;
          if (!src) return;
          var asm = src.nextSibling;
          if (!asm || asm.className !== "asm") return;
          asm.style.display = asm.style.display === "block" ? "none" : "block";
          e.preventDefault();
        }
        </script>
        """
}

/// Go's html/template HTMLEscapeString: the five markup characters as entities, NUL as U+FFFD.
package func htmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&#34;"
        case "'": out += "&#39;"
        case "\0": out += "\u{FFFD}"
        default: out.unicodeScalars.append(u)
        }
    }
    return out
}
