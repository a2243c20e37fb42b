import Foundation
import PprofModel

/// One fetched profile kept for stepping and comparison.
package struct Snapshot: Sendable {
    /// Increases by one per snapshot appended to a ring; identifies it across evictions.
    package var sequence: Int
    package var fetched: LiveFetch

    package var profile: Profile { fetched.profile }
    package var fetchedAt: Date { fetched.fetchedAt }
}

/// The last `capacity` snapshots (oldest first) with a cursor for stepping through them.
///
/// The cursor follows new snapshots while it is on the latest one; stepped back, it stays on
/// the snapshot it shows (until that one is evicted, then it moves to the oldest kept).
package struct SnapshotRing: Sendable {
    package let capacity: Int
    package private(set) var snapshots: [Snapshot] = []
    private var nextSequence = 1
    /// Sequence of the selected snapshot; `nil` means "the latest".
    private var selectedSequence: Int?

    package init(capacity: Int = 10) {
        self.capacity = max(1, capacity)
    }

    package var count: Int { snapshots.count }
    package var latest: Snapshot? { snapshots.last }

    /// Index (0 = oldest) of the snapshot being shown.
    package var selectedIndex: Int? {
        guard !snapshots.isEmpty else { return nil }
        guard let selectedSequence else { return snapshots.count - 1 }
        return snapshots.firstIndex { $0.sequence == selectedSequence } ?? 0
    }

    package var selected: Snapshot? { selectedIndex.map { snapshots[$0] } }
    package var isAtLatest: Bool { selectedSequence == nil }

    package mutating func append(_ fetched: LiveFetch) {
        snapshots.append(Snapshot(sequence: nextSequence, fetched: fetched))
        nextSequence += 1
        if snapshots.count > capacity {
            snapshots.removeFirst(snapshots.count - capacity)
        }
        if let selectedSequence, !snapshots.contains(where: { $0.sequence == selectedSequence }) {
            self.selectedSequence = snapshots.first?.sequence
        }
    }

    /// Moves the cursor one snapshot older (stays on the oldest).
    package mutating func stepBack() {
        guard let index = selectedIndex else { return }
        let target = max(0, index - 1)
        selectedSequence = target == snapshots.count - 1 ? nil : snapshots[target].sequence
    }

    /// Moves the cursor one snapshot newer; reaching the latest makes it follow new ones again.
    package mutating func stepForward() {
        guard let index = selectedIndex else { return }
        let next = min(snapshots.count - 1, index + 1)
        selectedSequence = next == snapshots.count - 1 ? nil : snapshots[next].sequence
    }

    package mutating func selectLatest() { selectedSequence = nil }

    /// The latest snapshot minus snapshot `index`, as pprof's `-base`: the base scaled by -1 and
    /// merged, so equal samples cancel and what grew in between remains.
    /// - Throws: `PprofError` for a bad index or incompatible profiles.
    package func deltaToLatest(from index: Int) throws -> Profile {
        guard snapshots.indices.contains(index), let latest else {
            throw PprofError("no snapshot \(index + 1) (have \(snapshots.count))")
        }
        return try Self.delta(latest.profile, base: snapshots[index].profile)
    }

    /// The selected snapshot minus the one before it ("what changed since the previous fetch").
    /// - Throws: `PprofError` when there is no previous snapshot.
    package func deltaToPrevious() throws -> Profile {
        guard let index = selectedIndex, index > 0 else {
            throw PprofError("no previous snapshot to compare with")
        }
        return try Self.delta(snapshots[index].profile, base: snapshots[index - 1].profile)
    }

    /// pprof's `-base`: `base` negated and merged with `profile`.
    package static func delta(_ profile: Profile, base: Profile) throws -> Profile {
        var negated = base
        negated.scale(by: -1)
        return try Profile.merge([profile, negated])
    }

    /// Indices of `profile`'s sample types whose values only grow (so a delta means "happened in
    /// between"): allocations (heap/allocs `alloc_*`) and block/mutex contentions and delay.
    package static func cumulativeSampleTypes(of profile: Profile) -> [Int] {
        profile.sampleTypes.indices.filter { i in
            let type = profile.sampleTypes[i].type
            return type.hasPrefix("alloc_") || type == "contentions" || type == "delay"
        }
    }
}
