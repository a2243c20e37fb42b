import PprofModel

/// One row of the `-tags` report: a label value and the samples' total for it.
package struct TagRow: Sendable, Equatable {
    package var name: String
    package var value: Int64
    /// A numeric label's row: the smallest and largest raw value named by it (a row is
    /// a bucket of the values that scale to one name), so it can be filtered by range.
    package var numbers: ClosedRange<Int64>? = nil
}

/// One label key of the `-tags` report with its values, sorted as pprof sorts them.
package struct TagGroup: Sendable, Equatable {
    package var key: String
    package var total: Int64
    package var rows: [TagRow]
}

extension Report {
    /// The `-tags` rows: per label key (sorted by name), each value's summed sample value,
    /// sorted by |value| descending then name. Numeric labels are named by their value
    /// scaled with the key's unit (`numLabelUnits`), so equal scaled names merge.
    package func tagGroups() -> [TagGroup] {
        var keyIndex: [ByteKey: Int] = [:]
        var keys: [String] = []
        var values: [[ByteKey: Int64]] = []
        var numNames: [[Int64: String]] = []
        var ranges: [[ByteKey: ClosedRange<Int64>]] = []
        let s = profile.samples
        for i in 0..<s.count {
            let labels = s.labels(i)
            if labels.isEmpty { continue }
            let v = options.sampleValue(s.values(i))
            for l in labels {
                let k: Int
                if let found = keyIndex[ByteKey(l.key)] {
                    k = found
                } else {
                    k = keys.count
                    keyIndex[ByteKey(l.key)] = k
                    keys.append(l.key)
                    values.append([:])
                    numNames.append([:])
                    ranges.append([:])
                }
                let name: String
                if let str = l.str {
                    name = str
                } else if let cached = numNames[k][l.num] {
                    name = cached
                } else {
                    name = tagName(l.num, key: l.key)
                    numNames[k][l.num] = name
                    let r = ranges[k][ByteKey(name)]
                    ranges[k][ByteKey(name)] = min(r?.lowerBound ?? l.num, l.num)...max(r?.upperBound ?? l.num, l.num)
                }
                values[k][ByteKey(name), default: 0] &+= v
            }
        }
        var groups: [TagGroup] = []
        for (k, key) in keys.enumerated() {
            var total: Int64 = 0
            var rows: [TagRow] = []
            for (name, c) in values[k] {
                total &+= c
                rows.append(TagRow(name: name.s, value: c, numbers: ranges[k][name]))
            }
            // pprof's SortTags: |flat| descending with Go's abs (Int64.min stays negative,
            // so it sorts last), then the name.
            rows.sort { a, b in
                let (x, y) = (goAbs(a.value), goAbs(b.value))
                if x != y { return x > y }
                return goLess(a.name, b.name)
            }
            groups.append(TagGroup(key: key, total: total, rows: rows))
        }
        groups.sort { goLess($0.key, $1.key) }
        return groups
    }

    /// The `-tags` name of a numeric label's value: scaled from the key's unit.
    package func tagName(_ num: Int64, key: String) -> String {
        Measurement.scaledLabel(num, from: options.numLabelUnits[key] ?? "", to: options.outputUnit)
    }

    /// A `-tags` amount: the value in the output unit with one decimal ("730.0ms").
    package func tagAmount(_ v: Int64) -> String {
        let (f, u) = Measurement.scale(v, from: options.sampleUnit, to: options.outputUnit)
        return GoFormat.fixed(f, precision: 1) + u
    }

    /// One `-tags` value as the report prints it under its compat mode: the amount and its
    /// share (of the report's total; Go 1.19: of the key's total), nil for a zero total.
    package func tagValueText(_ v: Int64, keyTotal: Int64) -> (amount: String, share: String?) {
        if options.compat == .go119 { return (tagAmount(v), keyTotal > 0 ? Measurement.percentage(v, keyTotal) : nil) }
        return (formatValue(v), total > 0 ? Measurement.percentage(v, total) : nil)
    }

    /// `-tags`: the groups of `tagGroups()` laid out by a right-aligning tab writer.
    package func printTags() -> String {
        options.compat == .go119 ? printTagsGo119() : printTagsCurrent()
    }

    /// Upstream's tags report since #929: each key's total and every value as a share of the
    /// report's total, values through the report's formatter (divide_by, unit scaling).
    private func printTagsCurrent() -> String {
        var text = ""
        let profileTotal = total
        let totalLabel = formatValue(profileTotal)
        for g in tagGroups() {
            text += sanitizeForTerminal(g.key) + ":\t Total " + formatValue(g.total) + " of " + totalLabel
            text += profileTotal > 0 ? " (" + Measurement.percentage(g.total, profileTotal) + ")\n" : "\n"
            for r in g.rows {
                let (amount, share) = tagValueText(r.value, keyTotal: g.total)
                text += " \t" + amount + (share.map { " (" + $0 + "):\t " } ?? ":\t ")
                text += sanitizeForTerminal(r.name) + "\n"
            }
            text += "\n"
        }
        return GoTabWriter.format(text, padding: 1, alignRight: true)
    }

    /// Go 1.19's tags report: shares of each key's own total, values scaled but not divided.
    private func printTagsGo119() -> String {
        var text = ""
        for g in tagGroups() {
            text += sanitizeForTerminal(g.key) + ":\t Total " + tagAmount(g.total) + "\n"
            for r in g.rows {
                let (amount, share) = tagValueText(r.value, keyTotal: g.total)
                text += " \t" + amount + (share.map { " (" + $0 + "):\t " } ?? ":\t ")
                text += sanitizeForTerminal(r.name) + "\n"
            }
            text += "\n"
        }
        return GoTabWriter.format(text, padding: 1, alignRight: true)
    }
}

/// A dictionary key compared byte-wise, as Go compares map keys (Swift's String `==`
/// would merge canonically-equivalent names that pprof keeps apart).
struct ByteKey: Hashable {
    let s: String
    init(_ s: String) { self.s = s }
    static func == (a: ByteKey, b: ByteKey) -> Bool { goEqual(a.s, b.s) }
    // Hashed over the bytes, as `==` compares them (String's own hash normalizes first, at
    // several times the cost).
    func hash(into h: inout Hasher) {
        var s = s
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Go's `text/tabwriter` with minwidth 0, space padding and no flags besides AlignRight:
/// tab-terminated cells of adjacent lines form a column as wide as its widest cell plus
/// `padding`; a line's last (unterminated) cell is never padded. Widths count runes.
enum GoTabWriter {
    private struct Cell {
        var text: Substring
        var width: Int
    }

    static func format(_ text: String, padding: Int, alignRight: Bool) -> String {
        let lines: [[Cell]] = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map {
                Cell(text: $0, width: $0.unicodeScalars.count)
            }
        }
        var out = ""
        var widths: [Int] = []

        func writeLines(_ line0: Int, _ line1: Int) {
            for i in line0..<line1 {
                for (j, c) in lines[i].enumerated() {
                    let pad = j < widths.count ? max(0, widths[j] - c.width) : 0
                    if alignRight {
                        out += String(repeating: " ", count: pad)
                        out += c.text
                    } else {
                        out += c.text
                        out += String(repeating: " ", count: pad)
                    }
                }
                // The text after the final newline is the writer's unfinished last line.
                if i + 1 < lines.count { out += "\n" }
            }
        }

        func formatBlock(_ start: Int, _ end: Int) {
            let column = widths.count
            var line0 = start
            var this = start
            while this < end {
                if column >= lines[this].count - 1 {
                    this += 1
                    continue
                }
                writeLines(line0, this)
                line0 = this
                var width = 0
                while this < end {
                    if column >= lines[this].count - 1 { break }
                    width = max(width, lines[this][column].width + padding)
                    this += 1
                }
                widths.append(width)
                formatBlock(line0, this)
                widths.removeLast()
                line0 = this
                // Go's loop steps past the line that ended the block; it has no cell here.
                this += 1
            }
            writeLines(line0, end)
        }

        formatBlock(0, lines.count)
        return out
    }
}
