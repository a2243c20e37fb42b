import Foundation
import PprofModel

/// The location-to-node mappings of one report's profile, shared by every graph the report
/// and its copies build: a TUI rebuild makes three over one filtered profile (Top's two
/// passes and the Tree), and resolving 10^5 locations to node infos costs more than walking
/// a focused profile's samples. An entry serves only the profile it was built from: its
/// locations, functions, mappings and stacks are kept and compared, which costs nothing when
/// they are the same arrays (equality checks identity first).
final class LocationNodesCache: @unchecked Sendable {
    struct Key: Equatable {
        var objNames: Bool
        var origFnNames: Bool
        var trim: FileTrim
    }

    struct Source: Equatable {
        var locations: [Location]
        var functions: [Function]
        var mappings: [Mapping]
        var stacks: [Int32]

        init(_ p: Profile) {
            locations = p.locations
            functions = p.functions
            mappings = p.mappings
            stacks = p.samples.stacks
        }
    }

    private struct Entry {
        var key: Key
        var source: Source
        var nodes: LocationNodes
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var stableTrims: [(trim: FileTrim, functions: [Function], stable: Bool)] = []

    /// The cached mapping for `key` over `profile`, or `build()`'s, remembered. Built under
    /// the lock, so threads asking for the same mapping at once wait for one build.
    func nodes(_ key: Key, _ profile: Profile, build: () -> LocationNodes) -> LocationNodes {
        let source = Source(profile)
        lock.lock()
        defer { lock.unlock() }
        if let e = entries.first(where: { $0.key == key && $0.source == source }) { return e.nodes }
        let nodes = build()
        entries.append(Entry(key: key, source: source, nodes: nodes))
        if entries.count > 4 { entries.removeFirst() }
        return nodes
    }

    /// Whether trimming the functions' file names a second time changes none (then every
    /// later graph build sees the first build's node infos), remembered per trim.
    func trimmingIsStable(_ trim: FileTrim, _ functions: [Function]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let e = stableTrims.first(where: { $0.trim == trim && $0.functions == functions }) { return e.stable }
        var stable = true
        for f in functions {
            let name = trim.apply(f.filename)
            if !goEqual(trim.apply(name), name) {
                stable = false
                break
            }
        }
        stableTrims.append((trim, functions, stable))
        if stableTrims.count > 4 { stableTrims.removeFirst() }
        return stable
    }
}

extension LocationNodes {
    /// The mapping a build with `keptNodes: kept` makes, from this one (built without kept
    /// nodes, same other options): frames of other nodes become -1, and the kept nodes are
    /// renumbered in the order of their first frame, the order that build creates them in.
    func keeping(_ kept: Set<NodeInfo>) -> LocationNodes {
        var out = LocationNodes()
        out.start = start
        out.ids = [Int32](repeating: -1, count: ids.count)
        out.entries.reserveCapacity(entries.count)
        out.infos.reserveCapacity(kept.count)
        out.inlinable.reserveCapacity(kept.count)
        // -2: not decided yet.
        var newID = [Int32](repeating: -2, count: infos.count)
        for e in entries {
            let a = Int(e.first)
            let count = Int(e.count)
            for j in a..<(a + count) {
                let id = ids[j]
                guard id >= 0 else { continue }
                var n = newID[Int(id)]
                if n == -2 {
                    let info = infos[Int(id)]
                    if kept.contains(info) {
                        n = Int32(out.infos.count)
                        out.infos.append(info)
                        out.inlinable.append(false)
                    } else {
                        n = -1
                    }
                    newID[Int(id)] = n
                }
                out.ids[j] = n
                if n >= 0 && j < a + count - 1 { out.inlinable[Int(n)] = true }
            }
            out.entries.append(LocationEntry(first: e.first, count: e.count, only: count == 1 ? out.ids[a] : -1))
        }
        return out
    }
}
