import PprofModel
import PprofReports

/// The icicle's frames from the report's filtered, aggregated profile: one frame per
/// distinct root-first path of node names. Names are the report's (`NodeInfo.printableName`
/// at the report's granularity); no costs are derived other than summing sample values.
enum FlameBuilder {
    static func build(_ report: Report, into v: inout ProfileView) {
        let p = report.profile
        let si = report.options.sampleIndex
        // Name ids per location frame, computed once per location (callee first, as stored).
        var nameIndex: [String: Int32] = [:]
        var names: [String] = []
        var locStart = [Int](repeating: 0, count: p.locations.count + 1)
        var locNames: [Int32] = []
        var trimmedFiles = [String?](repeating: nil, count: p.functions.count)
        for (li, loc) in p.locations.enumerated() {
            locStart[li] = locNames.count
            for info in nodeInfos(loc, p, report, &trimmedFiles) {
                let name = info.printableName()
                let id = nameIndex[name, default: Int32(names.count)]
                if id == names.count {
                    nameIndex[name] = id
                    names.append(name)
                }
                locNames.append(id)
            }
        }
        locStart[p.locations.count] = locNames.count

        var frames = [ProfileView.Frame(name: -1, parent: -1, depth: 0, cum: 0, flat: 0, children: [])]
        // Child lookup keyed by (parent frame, name id).
        var child: [Int: Int32] = [:]
        var path: [Int32] = []
        let samples = p.samples
        for s in 0..<samples.count {
            let value = samples.value(s, si)
            if value == 0 { continue }
            path.removeAll(keepingCapacity: true)
            for l in samples.stack(s) where l >= 0 && Int(l) < p.locations.count {
                for e in locStart[Int(l)]..<locStart[Int(l) + 1] { path.append(locNames[e]) }
            }
            frames[0].cum &+= value
            if path.isEmpty {
                frames[0].flat &+= value
                continue
            }
            var parent = 0
            for i in stride(from: path.count - 1, through: 0, by: -1) {
                let key = parent << 32 | Int(path[i])
                let f: Int
                if let found = child[key] {
                    f = Int(found)
                } else {
                    f = frames.count
                    child[key] = Int32(f)
                    frames.append(ProfileView.Frame(name: Int(path[i]), parent: parent, depth: frames[parent].depth + 1, cum: 0, flat: 0, children: []))
                    frames[parent].children.append(f)
                }
                frames[f].cum &+= value
                if i == 0 { frames[f].flat &+= value }
                parent = f
            }
        }
        // Children in name order (ties cannot happen: one child per name under a parent).
        let rank = rankByName(names)
        for f in frames.indices where frames[f].children.count > 1 {
            let kids = frames[f].children
            frames[f].children = kids.sorted { rank[frames[$0].name] < rank[frames[$1].name] }
        }
        v.frames = frames
        v.frameNames = names
    }

    /// The graph's node identity for each frame of a location (pprof `NodeInfo` for a
    /// non-list report: no binary names unless the frame has no function name).
    static func nodeInfos(_ loc: Location, _ p: Profile, _ r: Report, _ files: inout [String?]) -> [NodeInfo] {
        var objfile = ""
        if loc.mapping >= 0 && Int(loc.mapping) < p.mappings.count { objfile = p.mappings[Int(loc.mapping)].file }
        if loc.lines.isEmpty { return [NodeInfo(address: loc.address, objfile: objfile)] }
        return loc.lines.map { line in
            let fi = Int(line.function)
            guard fi >= 0 && fi < p.functions.count else { return NodeInfo(address: loc.address, objfile: objfile) }
            let fn = p.functions[fi]
            let file: String
            if let f = files[fi] {
                file = f
            } else {
                file = fn.filename.isEmpty ? "" : trimPath(fn.filename, trimPath: r.options.trimPath, searchPath: r.options.sourcePath)
                files[fi] = file
            }
            var info = NodeInfo(name: fn.name, address: loc.address, file: file, lineno: Int(truncatingIfNeeded: line.line))
            if info.name.isEmpty {
                info.objfile = objfile
                info.startLine = Int(truncatingIfNeeded: fn.startLine)
            }
            return info
        }
    }

    static func rankByName(_ names: [String]) -> [Int] {
        let order = names.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: names.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        return rank
    }
}
