import PprofModel
import PprofReports

/// A diff line's two sides: its cum in the new profile and in the base.
package struct LineSides: Sendable, Equatable {
    package var new: Int64
    package var base: Int64
}

extension LineSides {
    /// Each listed line's new and base cum, from a side profile (base samples negated and
    /// labelled `pprof::base`, as `-diff_base` combines them), keyed by `file:line`.
    package static func compute(_ sides: Session, function: String) -> [String: LineSides] {
        var halves = (new: sides.profile, base: sides.profile)
        halves.new.samples = SampleTable(valueCount: sides.profile.samples.valueCount)
        halves.base.samples = halves.new.samples
        let t = sides.profile.samples
        for i in 0..<t.count {
            if t.labels(i).contains(where: { $0.key == "pprof::base" }) {
                halves.base.samples.append(stack: t.stack(i), values: t.values(i).map { 0 &- $0 }, labels: t.labels(i))
            } else {
                halves.new.samples.append(stack: t.stack(i), values: t.values(i), labels: t.labels(i))
            }
        }
        var out: [String: LineSides] = [:]
        for (isBase, p) in [(false, halves.new), (true, halves.base)] {
            var s = sides
            s.profile = p
            guard let rows = try? ViewBuilder.sourceRows(session: s, function: function) else { continue }
            for case .line(let file, let lineno, _, let cum, _, _, _) in rows {
                var v = out[file + ":" + String(lineno), default: LineSides(new: 0, base: 0)]
                if isBase { v.base &+= cum } else { v.new &+= cum }
                out[file + ":" + String(lineno)] = v
            }
        }
        return out
    }
}

extension SourcePane {
    /// Asks for the two sides of a diff listing, when there is a side profile.
    static func sidesEffect(_ s: AppState, _ name: String, _ function: String) -> [Effect] {
        sideSession(s).map { [.loadSourceSides(node: name, function: function, sides: $0)] } ?? []
    }

    /// The side profile of the listing shown: the Growth pane's (last vs first) or `-base`'s.
    static func sideSession(_ s: AppState) -> Session? {
        let p = s.source.diff ? s.growth.table?.sides : (s.isDiff ? s.diffSides : nil)
        return p.map { Session(profile: $0, config: s.session.config, environment: s.session.environment) }
    }
}
