import PprofModel

/// pprof `graph.Tag`: one label set (or one numeric value) seen on a node's samples; the
/// dot report draws the heaviest ones as "nodelets" hanging off the node.
struct NodeTag: Sendable {
    var name: String
    var unit: String = ""
    var value: Int64 = 0
    var flat: Int64 = 0
    var flatDiv: Int64 = 0
    var cum: Int64 = 0
    var cumDiv: Int64 = 0

    func flatValue() -> Int64 { flatDiv == 0 ? flat : goDiv(flat, flatDiv) }
    func cumValue() -> Int64 { cumDiv == 0 ? cum : goDiv(cum, cumDiv) }
}

/// pprof's `Node.LabelTags` and `Node.NumericTags` for one node. Numeric tags are grouped
/// by the string-label set of their sample ("" when it had none).
struct NodeTags: Sendable {
    var labels: [String: NodeTag] = [:]
    var numeric: [String: [String: NodeTag]] = [:]

    /// pprof `countTags`: tags carrying flat weight (an estimate of the nodelets drawn).
    var flatCount: Int {
        var n = 0
        for t in labels.values where t.flat != 0 { n += 1 }
        for m in numeric.values { for t in m.values where t.flat != 0 { n += 1 } }
        return n
    }

    /// pprof `TrimLowFrequencyTags`: drops tags whose flat and cum are both under `cutoff`.
    mutating func trim(_ cutoff: Int64) {
        labels = labels.filter { goAbs($0.value.flat) >= cutoff || goAbs($0.value.cum) >= cutoff }
        for (k, m) in numeric {
            numeric[k] = m.filter { goAbs($0.value.flat) >= cutoff || goAbs($0.value.cum) >= cutoff }
        }
    }

    mutating func add(labelKey: String, numbers: [(label: String, unit: String, value: Int64)], w: Int64, dw: Int64, flat: Bool) {
        if !labelKey.isEmpty {
            var t = labels[labelKey] ?? NodeTag(name: labelKey)
            t.addWeight(w, dw, flat: flat)
            labels[labelKey] = t
        }
        var m = numeric[labelKey] ?? [:]
        for n in numbers {
            var t = m[n.label] ?? NodeTag(name: n.label, unit: n.unit, value: n.value)
            t.addWeight(w, dw, flat: flat)
            m[n.label] = t
        }
        numeric[labelKey] = m
    }
}

extension NodeTag {
    fileprivate mutating func addWeight(_ w: Int64, _ dw: Int64, flat isFlat: Bool) {
        if isFlat {
            flat = flat &+ w
            flatDiv = flatDiv &+ dw
        } else {
            cum = cum &+ w
            cumDiv = cumDiv &+ dw
        }
    }
}

/// pprof `SortTags`: by |cum| (unless sorting by flat), then |flat|, both descending, then
/// name. Names are unique within one node's map, so the order is total.
func sortTags(_ ts: [NodeTag], flat: Bool) -> [NodeTag] {
    ts.sorted { a, b in
        if !flat && a.cum != b.cum && goAbs(a.cum) != goAbs(b.cum) { return goAbs(a.cum) > goAbs(b.cum) }
        if a.flat != b.flat && goAbs(a.flat) != goAbs(b.flat) { return goAbs(a.flat) > goAbs(b.flat) }
        return goLess(a.name, b.name)
    }
}

extension Report {
    /// The per-node tags of `g` (pprof's `addSample` tag bookkeeping, done in a separate pass
    /// over only the samples that carry labels). pprof keeps only the `bytes` numeric label
    /// and drops `pprof::base`; numeric values are formatted in the requested output unit.
    /// String labels are joined as `key:value` lines (sorted); quotes and backslashes in
    /// them are escaped (pprof writes them raw, which can break the DOT string).
    func nodeTags(for g: Graph, trimPasses: Int) -> [NodeTags] {
        var out = [NodeTags](repeating: NodeTags(), count: g.nodes.count)
        let samples = profile.samples
        let hasTags = samples.labels.contains { l in
            l.isNumeric ? l.key == "bytes" : l.key != "pprof::base"
        }
        guard hasTags, !g.nodes.isEmpty else { return out }

        var o = GraphOptions()
        o.edgeMode = .none
        o.fileTrim = fileTrim(passes: trimPasses)
        let mapper = LocationNodes(profile, o)
        // Node id in the mapper -> index in `g` (nodes, then detached); -1 = not in the graph.
        var lookup = [NodeInfo: Int](minimumCapacity: g.nodes.count + g.detachedNodes.count)
        for (i, n) in g.nodes.enumerated() { lookup[n.info] = i }
        for (i, n) in g.detachedNodes.enumerated() { lookup[n.info] = g.nodes.count + i }
        let nodeOf = mapper.infos.map { lookup[$0] ?? -1 }

        let bytesUnit = options.numLabelUnits["bytes"] ?? ""
        let vc = samples.valueCount
        let vi = options.sampleIndex
        let di = options.meanDivisorIndex
        var stamp = [Int](repeating: -1, count: nodeOf.count)
        for s in 0..<samples.count {
            let ls = samples.labels(s)
            if ls.isEmpty { continue }
            let (key, numbers) = tagKey(ls, bytesUnit: bytesUnit)
            if key.isEmpty && numbers.isEmpty { continue }
            let w: Int64 = vi >= 0 && vi < vc ? samples.value(s, vi) : 0
            let dw: Int64 = di.map { $0 >= 0 && $0 < vc ? samples.value(s, $0) : 0 } ?? 0
            if w == 0 && dw == 0 { continue }
            var leaf = -1
            var residual = false
            for loc in samples.stack(s).reversed() {
                let l = Int(loc)
                guard l >= 0 && l + 1 < mapper.start.count else { continue }
                var j = Int(mapper.start[l + 1]) - 1
                while j >= Int(mapper.start[l]) {
                    let id = Int(mapper.ids[j])
                    j -= 1
                    let n = id >= 0 ? nodeOf[id] : -1
                    if n < 0 {
                        residual = true
                        continue
                    }
                    if stamp[id] != s {
                        stamp[id] = s
                        if n < out.count { out[n].add(labelKey: key, numbers: numbers, w: w, dw: dw, flat: false) }
                    }
                    leaf = n
                    residual = false
                }
            }
            if leaf >= 0 && !residual && leaf < out.count {
                out[leaf].add(labelKey: key, numbers: numbers, w: w, dw: dw, flat: true)
            }
        }
        return out
    }

    /// A sample's tags as pprof's graph sees them: the string labels as one sorted
    /// `key:value` list (without `pprof::base`), and its `bytes` values in the output unit.
    func tagKey(_ ls: some Collection<SampleLabel>, bytesUnit: String) -> (String, [(label: String, unit: String, value: Int64)]) {
        var parts: [String] = []
        var numbers: [(label: String, unit: String, value: Int64)] = []
        for l in ls {
            if let str = l.str {
                if l.key != "pprof::base" { parts.append(escapeDotQuotes(l.key + ":" + str)) }
            } else if l.key == "bytes" {
                let label = Measurement.scaledLabel(l.num, from: bytesUnit, to: options.outputUnit)
                numbers.append((label, bytesUnit, l.num))
            }
        }
        parts.sort(by: goLess)
        return (parts.joined(separator: "\\n"), numbers)
    }

    /// `nodeTags` without the tags under `cutoff` (pprof `TrimLowFrequencyTags`).
    func trimmedNodeTags(for g: Graph, trimPasses: Int, cutoff: Int64) -> [NodeTags] {
        var tags = nodeTags(for: g, trimPasses: trimPasses)
        for i in tags.indices { tags[i].trim(cutoff) }
        return tags
    }
}

/// Escapes only what could end a DOT string early; newlines stay raw (legal in DOT),
/// as pprof writes them in tag labels.
func escapeDotQuotes(_ s: String) -> String {
    guard s.contains(where: { $0 == "\\" || $0 == "\"" }) else { return s }
    var out = ""
    for u in s.unicodeScalars {
        if u == "\\" || u == "\"" { out += "\\" }
        out.unicodeScalars.append(u)
    }
    return out
}
