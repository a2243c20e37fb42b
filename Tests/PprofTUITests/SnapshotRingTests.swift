import Foundation
import PprofModel
import Testing

import PprofTUI

struct SnapshotRingTests {
    /// A one-function profile whose single sample has `value` (alloc_space) and `inuse`.
    static func profile(_ value: Int64, inuse: Int64 = 0, function: String = "main.grow") -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "alloc_space", unit: "bytes"), ValueType(type: "inuse_space", unit: "bytes")]
        p.periodType = ValueType(type: "space", unit: "bytes")
        p.functions = [Function(id: 1, name: function)]
        var location = Location(id: 1)
        location.lines = [Line(function: 0, line: 10)]
        p.locations = [location]
        p.samples = SampleTable(valueCount: 2)
        p.samples.append(stack: [Int32(0)], values: [value, inuse], labels: [SampleLabel]())
        return p
    }

    static func fetched(_ p: Profile) -> LiveFetch {
        LiveFetch(profile: p, url: "http://127.0.0.1:1/", fetchedAt: Date(), savedPath: nil)
    }

    static func total(_ p: Profile, _ index: Int) -> Int64 {
        (0..<p.samples.count).reduce(Int64(0)) { $0 + p.samples.value($1, index) }
    }

    @Test func keepsTheLastNAndFollowsTheLatest() {
        var ring = SnapshotRing(capacity: 3)
        #expect(ring.selected == nil)
        for v in 1...5 { ring.append(Self.fetched(Self.profile(Int64(v)))) }
        #expect(ring.count == 3)
        #expect(ring.snapshots.map(\.sequence) == [3, 4, 5])
        #expect(ring.selectedIndex == 2 && ring.isAtLatest)
    }

    @Test func steppingStaysOnTheChosenSnapshot() {
        var ring = SnapshotRing(capacity: 3)
        for v in 1...3 { ring.append(Self.fetched(Self.profile(Int64(v)))) }
        ring.stepBack()
        ring.stepBack()
        ring.stepBack()  // already the oldest
        #expect(ring.selected?.sequence == 1)
        ring.append(Self.fetched(Self.profile(4)))  // evicts sequence 1: the cursor moves to the oldest kept
        #expect(ring.selected?.sequence == 2)
        ring.stepForward()
        #expect(ring.selected?.sequence == 3 && !ring.isAtLatest)
        ring.append(Self.fetched(Self.profile(5)))
        #expect(ring.selected?.sequence == 3)
        ring.stepForward()
        ring.stepForward()
        #expect(ring.isAtLatest && ring.selected?.sequence == 5)
        ring.append(Self.fetched(Self.profile(6)))
        #expect(ring.selected?.sequence == 6)
    }

    @Test func deltaIsPprofsBase() throws {
        var ring = SnapshotRing()
        ring.append(Self.fetched(Self.profile(100, inuse: 50)))
        ring.append(Self.fetched(Self.profile(130, inuse: 40)))
        ring.append(Self.fetched(Self.profile(175, inuse: 40)))
        let sinceFirst = try ring.deltaToLatest(from: 0)
        #expect(Self.total(sinceFirst, 0) == 75)
        #expect(Self.total(sinceFirst, 1) == -10)
        ring.stepBack()
        let previous = try ring.deltaToPrevious()
        #expect(Self.total(previous, 0) == 30)
        // Nothing changed: every sample cancels and is dropped, as pprof's merge drops zero samples.
        let same = try SnapshotRing.delta(Self.profile(7, inuse: 7), base: Self.profile(7, inuse: 7))
        #expect(same.samples.count == 0)
        // New code paths appear with their full value.
        let fresh = try SnapshotRing.delta(Self.profile(9, function: "main.new"), base: Self.profile(9))
        #expect(fresh.samples.count == 2 && Self.total(fresh, 0) == 0)
    }

    @Test func deltaErrorsAreOneLine() {
        var ring = SnapshotRing()
        #expect(throws: PprofError("no previous snapshot to compare with")) { try ring.deltaToPrevious() }
        ring.append(Self.fetched(Self.profile(1)))
        #expect(throws: PprofError("no snapshot 4 (have 1)")) { try ring.deltaToLatest(from: 3) }
        var other = Self.profile(1)
        other.sampleTypes[0].type = "contentions"
        #expect(throws: PprofError.self) { try SnapshotRing.delta(other, base: Self.profile(1)) }
    }

    @Test func cumulativeTypes() {
        var p = Profile()
        p.sampleTypes = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].map { ValueType(type: $0, unit: "x") }
        #expect(SnapshotRing.cumulativeSampleTypes(of: p) == [0, 1])
        p.sampleTypes = ["contentions", "delay"].map { ValueType(type: $0, unit: "x") }
        #expect(SnapshotRing.cumulativeSampleTypes(of: p) == [0, 1])
        p.sampleTypes = ["samples", "cpu"].map { ValueType(type: $0, unit: "x") }
        #expect(SnapshotRing.cumulativeSampleTypes(of: p).isEmpty)
    }
}
