import PprofModel

extension Report {
    /// `-traces`: the profile header, then every sample with a non-empty stack, in profile
    /// order (pprof does not sort samples), as its labels and its frames leaf first.
    ///
    /// Frames are named as pprof's `CreateNodes` with default options names them (function,
    /// `file:line` when lines are kept, address when kept); inlined frames get " (inline)".
    package func printTraces() -> String {
        var out = ""
        writeTraces { out += $0 }
        return out
    }

    /// `printTraces` delivered in chunks of about 1 MB, so a CLI can stream the report of a
    /// large profile (gigabytes of text) instead of holding it in memory.
    package func writeTraces(_ sink: (String) -> Void) {
        var out = profileLabels().joined(separator: "\n") + "\n"
        let separator = "-----------+-------------------------------------------------------\n"
        let blank = String(repeating: " ", count: 10) + "   "
        let frames = traceFrames()
        let s = profile.samples
        for i in 0..<s.count {
            let stack = s.stack(i)
            // A location always yields at least one frame, so an empty stack is the only skip.
            if stack.isEmpty { continue }
            out += separator
            out += traceLabelLines(s.labels(i))
            let vals = s.values(i)
            var v = options.sampleValue(vals)
            if let d = options.meanDivisor(vals), d != 0 { v /= d }
            var first = true
            for loc in stack {
                let li = Int(loc)
                guard li >= 0 && li < frames.count else { continue }
                for frame in frames[li] {
                    out += first ? padLeft(formatValue(v), 10) + "   " : blank
                    out += frame
                    out += "\n"
                    first = false
                }
            }
            if out.utf8.count >= 1 << 20 {
                sink(out)
                out = ""
            }
        }
        out += separator
        sink(out)
    }

    /// Per location, its printed frames callee first, computed once (stacks repeat heavily).
    private func traceFrames() -> [[String]] {
        let p = profile
        return p.locations.map { loc -> [String] in
            var objfile = ""
            if loc.mapping >= 0 && Int(loc.mapping) < p.mappings.count {
                objfile = p.mappings[Int(loc.mapping)].file
            }
            if loc.lines.isEmpty {
                return [sanitizeForTerminal(NodeInfo(address: loc.address, objfile: objfile).printableName())]
            }
            var names: [String] = []
            names.reserveCapacity(loc.lines.count)
            for (i, line) in loc.lines.enumerated() {
                var info = NodeInfo(address: loc.address, objfile: objfile)
                if line.function >= 0 && Int(line.function) < p.functions.count {
                    let fn = p.functions[Int(line.function)]
                    info = NodeInfo(address: loc.address, lineno: Int(line.line))
                    info.name = fn.name
                    if !fn.filename.isEmpty { info.file = goPathClean(fn.filename) }
                    // Without ObjNames, pprof keeps the binary and start line only for nameless frames.
                    if fn.name.isEmpty {
                        info.objfile = objfile
                        info.startLine = Int(fn.startLine)
                    }
                }
                let inline = i != loc.lines.count - 1
                names.append(sanitizeForTerminal(info.printableName()) + (inline ? " (inline)" : ""))
            }
            return names
        }
    }

    /// A sample's label lines: string labels sorted, then numeric labels sorted, each
    /// "%10s:  v1 v2" with a key's values in profile order.
    private func traceLabelLines(_ labels: ArraySlice<SampleLabel>) -> String {
        if labels.isEmpty { return "" }
        var strGroups: [(key: String, values: [String])] = []
        var numGroups: [(key: String, values: [String])] = []
        for l in labels {
            if let str = l.str {
                if let g = strGroups.firstIndex(where: { goEqual($0.key, l.key) }) {
                    strGroups[g].values.append(str)
                } else {
                    strGroups.append((l.key, [str]))
                }
            } else {
                let unit = options.numLabelUnits[l.key] ?? ""
                let v = Measurement.label(l.num, unit: unit)
                if let g = numGroups.firstIndex(where: { goEqual($0.key, l.key) }) {
                    numGroups[g].values.append(v)
                } else {
                    numGroups.append((l.key, [v]))
                }
            }
        }
        func lines(_ groups: [(key: String, values: [String])]) -> String {
            groups.map { g in
                padLeft(sanitizeForTerminal(g.key), 10) + ":  "
                    + g.values.map(sanitizeForTerminal).joined(separator: " ") + "\n"
            }.sorted(by: goLess).joined()
        }
        return lines(strGroups) + lines(numGroups)
    }
}
