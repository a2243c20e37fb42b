import PprofModel
import Testing

@Suite struct TransformMergeTests {
    /// A lone profile skips the merge for reports of sums only when merging would show no
    /// difference; after every location has been seen the stacks are only range-checked, so
    /// a bad index late in either half (small and large tables, which scan two halves) still
    /// refuses the skip.
    @Test(arguments: [10, 150_000])
    func mergeIsSkippedOnlyWhenInvisible(_ count: Int) throws {
        func merged(_ edit: (inout [TX.S]) -> Void) throws -> Bool {
            var samples = (0..<count).map { i in TX.S(stack: [Int32(i % 3), Int32((i + 1) % 3)], values: [1]) }
            edit(&samples)
            let m = try Profile.merge([TX.profile(["A", "B", "C"], samples: samples)], sumsOnly: true)
            return m.unmergedSource == nil
        }
        #expect(try !merged { _ in })
        #expect(try merged { $0[count - 1].stack.append(3) })
        #expect(try merged { $0[count / 2 - 1].stack.append(-1) })
        #expect(try merged { $0[count / 2 + 1].stack.insert(7, at: 0) })
        #expect(try merged { $0[0].stack.append(5) })
        #expect(try merged { $0[count - 1].values = [0] })
        #expect(try merged { $0[count - 2].values = [-1] })
        // A location no stack uses.
        #expect(try merged { s in for i in s.indices { s[i].stack = s[i].stack.map { $0 == 2 ? 1 : $0 } } })
    }

    @Test func mergeSumsIdenticalStacksWithIdenticalLabels() throws {
        let a = TX.profile(
            ["A", "B"],
            samples: [
                TX.S(stack: [1, 0], values: [1], labels: [TX.str("k", "v"), TX.num("n", 1)]),
                TX.S(stack: [1, 0], values: [2], labels: [TX.num("n", 1), TX.str("k", "v")]),
                TX.S(stack: [1, 0], values: [4], labels: [TX.str("k", "w")]),
                TX.S(stack: [0], values: [0]),
            ])
        let b = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [8], labels: [TX.str("k", "w")])])
        let m = try Profile.merge([a, b])
        #expect(TX.render(m) == ["A;B=3", "A;B=12"])
        #expect(TX.labels(m) == ["k:v n:1", "k:w"])
        #expect(m.locations.map(\.id) == [1, 2])
        #expect(m.functions.map(\.name) == ["B", "A"])
    }

    @Test func labelValueOrderWithinAKeyMatters() throws {
        let a = TX.profile(
            ["A"],
            samples: [
                TX.S(stack: [0], values: [1], labels: [TX.str("k", "1"), TX.str("k", "2")]),
                TX.S(stack: [0], values: [1], labels: [TX.str("k", "2"), TX.str("k", "1")]),
            ])
        #expect(try Profile.merge([a]).samples.count == 2)
    }

    @Test func samplesThatCancelOutAreDropped() throws {
        let a = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [5]), TX.S(stack: [0], values: [1])])
        var base = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [5])])
        base.scale(by: -1)
        let m = try Profile.merge([a, base])
        #expect(TX.render(m) == ["A=1"])
        // Re-merged: B is no longer referenced.
        #expect(m.functions.map(\.name) == ["A"])
    }

    @Test func locationsDedupByMappingRelativeAddress() throws {
        var m1 = Mapping(id: 1)
        m1.start = 0x1000
        m1.limit = 0x2800
        m1.file = "app"
        var a = TX.profile(["A"], samples: [TX.S(stack: [0], values: [1])], mapping: m1)
        a.locations[0].address = 0x1010
        var b = a
        b.mappings[0].start = 0x5000
        b.mappings[0].limit = 0x6001  // rounds up to the same 0x2000 size
        b.locations[0].address = 0x5010
        let m = try Profile.merge([a, b])
        #expect(m.mappings.count == 1)
        #expect(m.locations.count == 1)
        #expect(m.locations[0].address == 0x1010)
        #expect(TX.render(m) == ["A=2"])
        var c = b
        c.mappings[0].limit = 0x9000
        #expect(try Profile.merge([a, c]).mappings.count == 2)
    }

    @Test func headersCombineAsPprofDoes() throws {
        var a = TX.profile(["A"], samples: [TX.S(stack: [0], values: [1])])
        a.timeNanos = 200
        a.durationNanos = 10
        a.period = 5
        a.comments = ["x", "y"]
        a.dropFrames = "d"
        var b = a
        b.timeNanos = 100
        b.durationNanos = 20
        b.period = 7
        b.comments = ["y", "z"]
        b.defaultSampleType = "samples"
        b.dropFrames = "other"
        let m = try Profile.merge([a, b])
        #expect(m.timeNanos == 100)
        #expect(m.durationNanos == 30)
        #expect(m.period == 7)
        #expect(m.comments == ["x", "y", "z"])
        #expect(m.defaultSampleType == "samples")
        #expect(m.dropFrames == "d")
        // A zero time is replaced by the next profile's, but a later zero time wins.
        var z = a
        z.timeNanos = 0
        #expect(try Profile.merge([z, b]).timeNanos == 100)
        #expect(try Profile.merge([b, z]).timeNanos == 0)
    }

    @Test func incompatibleProfilesAreRefused() throws {
        let a = TX.profile(["A"], samples: [])
        var b = a
        b.sampleTypes = [ValueType(type: "cpu", unit: "nanoseconds")]
        #expect(throws: PprofError("incompatible sample types [{samples count 0 0}] and [{cpu nanoseconds 0 0}]")) {
            try Profile.merge([a, b])
        }
        var c = a
        c.periodType = ValueType(type: "space", unit: "bytes")
        #expect(throws: PprofError("incompatible period types &{cpu nanoseconds 0 0} and &{space bytes 0 0}")) {
            try Profile.merge([a, c])
        }
        #expect(throws: PprofError("no profiles to merge")) { try Profile.merge([]) }
    }

    @Test func compactDropsUnusedEntitiesAndRenumbers() {
        var p = TX.profile(["A", "B", "C"], samples: [TX.S(stack: [2], values: [1]), TX.S(stack: [1], values: [0])])
        p.compact()
        #expect(p.functions.map(\.name) == ["C"])
        #expect(p.functions.map(\.id) == [1])
        #expect(p.locations.map(\.id) == [1])
        #expect(TX.render(p) == ["C=1"])
    }

    @Test func firstMappingOfTheFirstProfileComesFirst() throws {
        var m = Mapping(id: 7)
        m.file = "main"
        var p = TX.profile(["A"], samples: [TX.S(stack: [0], values: [1])])
        var other = Mapping(id: 3)
        other.file = "lib"
        p.mappings = [m, other]
        p.locations[0].mapping = 1
        let merged = try Profile.merge([p])
        #expect(merged.mappings.map(\.file) == ["main", "lib"])
        #expect(merged.mappings.map(\.id) == [1, 2])
        #expect(merged.locations[0].mapping == 1)
    }
}

@Suite struct TransformScaleTests {
    @Test func scaleRoundsHalfAwayFromZeroAndDropsZeros() {
        var p = TX.profile(
            ["A"],
            samples: [TX.S(stack: [0], values: [3]), TX.S(stack: [0], values: [1]), TX.S(stack: [0], values: [-3])])
        p.scale(by: 0.5)
        #expect(TX.render(p) == ["A=2", "A=1", "A=-2"])
        p.scale(by: 0.1)
        #expect(p.samples.count == 0)
    }

    @Test func scaleNOnlyConsidersScaledValuesForKeeping() throws {
        let two = [ValueType(type: "a", unit: "count"), ValueType(type: "b", unit: "count")]
        var p = TX.profile(
            ["A"], samples: [TX.S(stack: [0], values: [5, 0]), TX.S(stack: [0], values: [5, 4])], types: two)
        try p.scaleN([1, 0.5])
        #expect(TX.render(p) == ["A=5,2"])
        #expect(throws: PprofError("mismatched scale ratios, got 1, want 2")) { try p.scaleN([2]) }
    }

    @Test func normalizeScalesToTheBaseTotals() throws {
        var p = TX.profile(["A"], samples: [TX.S(stack: [0], values: [10]), TX.S(stack: [0], values: [30])])
        let base = TX.profile(["A"], samples: [TX.S(stack: [0], values: [20])])
        try p.normalize(base: base)
        #expect(TX.render(p) == ["A=5", "A=15"])
        var empty = TX.profile(["A"], samples: [])
        try empty.normalize(base: base)
        #expect(empty.samples.count == 0)
    }

    @Test func scaleProfilesConvertsToTheFinestUnit() throws {
        var ms = TX.profile(
            ["A"], samples: [TX.S(stack: [0], values: [2])], types: [ValueType(type: "delay", unit: "milliseconds")])
        ms.periodType = ValueType(type: "delay", unit: "milliseconds")
        ms.period = 3
        var ns = ms
        ns.sampleTypes = [ValueType(type: "delay", unit: "nanoseconds")]
        ns.periodType = ValueType(type: "delay", unit: "nanoseconds")
        var profiles = [ms, ns]
        try Profile.scaleProfiles(&profiles)
        #expect(profiles[0].samples.value(0, 0) == 2_000_000)
        #expect(profiles[0].period == 3_000_000)
        #expect(profiles[0].sampleTypes[0].unit == "nanoseconds")
        #expect(profiles[1].samples.value(0, 0) == 2)
        var bad = [ms, TX.profile(["A"], samples: [], types: [ValueType(type: "space", unit: "bytes")])]
        bad[1].periodType = ms.periodType
        #expect(throws: PprofError.self) { try Profile.scaleProfiles(&bad) }
    }
}

/// `merge(_:sumsOnly:)`: a lone profile keeps its own samples only when merging it would
/// change nothing a report of sums shows.
@Suite struct TransformMergeSumsOnlyTests {
    @Test func loneProfileKeepsItsSamplesWhenTheMergeIsInvisible() throws {
        var p = TX.profile(
            ["A", "B"], samples: [TX.S(stack: [1, 0], values: [1]), TX.S(stack: [1, 0], values: [2])])
        p.comments = ["c", "c"]
        let kept = try Profile.merge([p], sumsOnly: true)
        #expect(TX.render(kept) == ["A;B=1", "A;B=2"])
        // The headers are combined as in any merge (distinct comments).
        #expect(kept.comments == ["c"])
        #expect(TX.render(try Profile.merge([p])) == ["A;B=3"])
    }

    @Test func loneProfileIsMergedWhenTheMergeWouldShow() throws {
        // An all-zero sample (dropped by the merge).
        let zero = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [1]), TX.S(stack: [0], values: [0])])
        #expect(TX.render(try Profile.merge([zero], sumsOnly: true)) == ["A;B=1"])
        // Values of both signs on one stack (a total of absolute values would change).
        let signs = TX.profile(["A"], samples: [TX.S(stack: [0], values: [3]), TX.S(stack: [0], values: [-1])])
        #expect(TX.render(try Profile.merge([signs], sumsOnly: true)) == ["A=2"])
        // Sums that overflow.
        let big = TX.profile(["A"], samples: [TX.S(stack: [0], values: [.max]), TX.S(stack: [0], values: [1])])
        #expect(try Profile.merge([big], sumsOnly: true).samples.count == 1)
        // A location no sample uses (dropped, with its function).
        let unused = TX.profile(["A", "B", "C"], samples: [TX.S(stack: [1, 0], values: [1])])
        #expect(try Profile.merge([unused], sumsOnly: true).functions.count == 2)
        // Mappings first used out of their order (the merge renumbers them).
        var m1 = Mapping(id: 1)
        m1.file = "one"
        m1.limit = 0x1000
        var p = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [1])], mapping: m1)
        var m2 = Mapping(id: 2)
        m2.file = "two"
        m2.limit = 0x1000
        p.mappings = [m1, m2, m2]
        p.mappings[2].file = "three"
        p.locations[0].mapping = 2
        p.locations[1].mapping = 1
        #expect(try Profile.merge([p], sumsOnly: true).mappings.map(\.file) == ["one", "two", "three"])
        // Stack [1, 0] is used leaf first: location 1 (mapping 1) before location 0 (mapping 2).
        p.locations[0].mapping = 1
        p.locations[1].mapping = 2
        #expect(try Profile.merge([p], sumsOnly: true).mappings.map(\.file) == ["one", "three", "two"])
    }

    /// Large tables are checked in two halves at once: the mappings' order of first use
    /// still runs across both.
    @Test func mappingOrderIsCheckedAcrossHalves() throws {
        func profile(first: [Int32], second: [Int32]) -> Profile {
            var p = TX.profile(["A", "B", "C"], samples: [])
            p.mappings = (1...3).map { i in
                var m = Mapping(id: UInt64(i))
                m.file = "m\(i)"
                m.limit = 0x1000
                return m
            }
            for i in 0..<3 { p.locations[i].mapping = Int32(i) }
            for s in 0..<100_000 { p.samples.append(stack: s < 50_000 ? first : second, values: [1], labels: []) }
            return p
        }
        #expect(try Profile.merge([profile(first: [0, 1], second: [2])], sumsOnly: true).samples.count == 100_000)
        #expect(try Profile.merge([profile(first: [0, 2], second: [1])], sumsOnly: true).samples.count == 2)
    }
}
