import PprofModel
import Testing

@Suite struct TransformAggregateTests {
    private func inlined() -> Profile {
        var m = Mapping(id: 1)
        m.hasFunctions = true
        m.hasFilenames = true
        m.hasLineNumbers = true
        m.hasInlineFrames = true
        return TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [1])], inline: [1: [1, 0]], mapping: m)
    }

    @Test func functionsGranularityForgetsFilesLinesAndAddresses() throws {
        var p = inlined()
        try p.aggregate(granularity: "functions", noInlines: false)
        #expect(p.functions.map(\.name) == ["A", "B"])
        #expect(p.functions.map(\.filename) == ["", ""])
        #expect(p.locations.allSatisfy { $0.address == 0 })
        #expect(p.locations.flatMap(\.lines).allSatisfy { $0.line == 0 })
        #expect(p.locations[1].lines.count == 2)
        #expect(!p.mappings[0].hasFilenames && !p.mappings[0].hasLineNumbers && p.mappings[0].hasFunctions)
    }

    @Test func filesGranularityForgetsNames() throws {
        var p = inlined()
        try p.aggregate(granularity: "files", noInlines: false)
        #expect(p.functions.map(\.name) == ["", ""])
        #expect(p.functions.map(\.systemName) == ["", ""])
        #expect(p.functions.map(\.filename) == ["A.go", "B.go"])
    }

    @Test func linesKeepLineNumbers() throws {
        var p = inlined()
        try p.aggregate(granularity: "lines", noInlines: false)
        #expect(p.locations[1].lines.map(\.line) == [11, 10])
        #expect(p.locations[1].address == 0)
    }

    @Test func noInlinesKeepsOnlyTheOutermostLine() throws {
        var p = inlined()
        try p.aggregate(granularity: "filefunctions", noInlines: true)
        #expect(p.locations[1].lines.map(\.function) == [0])
        #expect(!p.mappings[0].hasInlineFrames)
        #expect(p.functions.map(\.filename) == ["A.go", "B.go"])
    }

    @Test func addressesWithInlinesChangesNothing() throws {
        var p = inlined()
        try p.aggregate(granularity: "addresses", noInlines: false)
        #expect(p.locations == inlined().locations)
        #expect(p.mappings == inlined().mappings)
        var q = inlined()
        try q.aggregate(granularity: "addresses", noInlines: true)
        #expect(q.locations[1].lines.count == 1)
        #expect(q.locations[1].address != 0)
    }

    @Test func unknownGranularityThrows() {
        var p = inlined()
        #expect(throws: PprofError("unexpected granularity")) { try p.aggregate(granularity: "bytes", noInlines: false) }
        var cfg = Config()
        cfg.granularity = "lines"
        #expect(throws: Never.self) { try p.aggregate(cfg) }
    }
}

@Suite struct TransformSampleIndexTests {
    private func heap(default dflt: String = "") -> Profile {
        var p = TX.profile(
            ["A"], samples: [],
            types: ["alloc_objects", "alloc_space", "space", "objects"].map { ValueType(type: $0, unit: "count") })
        p.defaultSampleType = dflt
        return p
    }

    @Test func emptyPicksDefaultTypeOrLast() throws {
        #expect(try heap().sampleIndex(byName: "") == 3)
        #expect(try heap(default: "alloc_space").sampleIndex(byName: "") == 1)
        #expect(try heap(default: "nope").sampleIndex(byName: "") == 3)
    }

    @Test func numbersNamesAndLegacyInusePrefix() throws {
        let p = heap()
        #expect(try p.sampleIndex(byName: "0") == 0)
        #expect(try p.sampleIndex(byName: "+2") == 2)
        #expect(try p.sampleIndex(byName: "alloc_space") == 1)
        #expect(try p.sampleIndex(byName: "inuse_space") == 2)
        #expect(try p.sampleIndex(byName: "inuse_objects") == 3)
    }

    @Test func shellStoresTheTypeName() throws {
        #expect(try heap().sampleTypeName(forSampleIndex: "1") == "alloc_space")
        #expect(try heap().sampleTypeName(forSampleIndex: "inuse_space") == "space")
        #expect(try heap().sampleTypeName(forSampleIndex: "") == "objects")
        #expect(throws: PprofError("invalid sample_index \"\"")) { try Profile().sampleTypeName(forSampleIndex: "") }
    }

    @Test func errorsListTheRangeOrTheNames() {
        let p = heap()
        #expect(throws: PprofError("sample_index 4 is outside the range [0..3]")) { try p.sampleIndex(byName: "4") }
        #expect(throws: PprofError("sample_index -1 is outside the range [0..3]")) { try p.sampleIndex(byName: "-1") }
        #expect(throws: PprofError("sample_index \"cpu\\t\" must be one of: [alloc_objects alloc_space space objects]")) {
            try p.sampleIndex(byName: "cpu\t")
        }
        #expect(throws: PprofError("profile has no samples")) { try Profile().sampleFormat(sampleIndex: "") }
    }
}
