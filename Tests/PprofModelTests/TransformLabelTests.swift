import PprofModel
import Testing

@Suite struct TransformLabelTests {
    @Test func setAndRemoveTouchOnlyStringLabels() {
        var p = TX.profile(
            ["A"], samples: [TX.S(stack: [0], values: [1], labels: [TX.str("k", "a"), TX.num("k", 3), TX.str("x", "b")])])
        p.setLabel(key: "k", values: ["z", "y"])
        #expect(TX.labels(p) == ["k:3 x:b k:z k:y"])
        p.removeLabel(key: "k")
        #expect(TX.labels(p) == ["k:3 x:b"])
    }

    @Test func numLabelUnitsFirstUnitWinsAndKeysInferUnits() {
        let p = TX.profile(
            ["A"],
            samples: [
                TX.S(stack: [0], values: [1], labels: [TX.num("size", 1), TX.num("size", 2, "bytes")]),
                TX.S(
                    stack: [0], values: [1],
                    labels: [
                        TX.num("size", 3, "kilobytes"), TX.num("size", 3, "b"), TX.num("request", 4),
                        TX.num("pid", 5), TX.str("s", "t"),
                    ]),
            ])
        let (units, ignored) = p.numLabelUnits()
        #expect(units == ["size": "bytes", "request": "bytes", "pid": "pid"])
        #expect(ignored == ["size": ["b", "kilobytes"]])
        #expect(p.identifyNumLabelUnits().warnings == ["For tag size used unit bytes, also encountered unit(s) b, kilobytes"])
    }

    @Test func tagRootAndLeafAddPseudoFrames() {
        var p = TX.profile(
            ["A", "B"],
            samples: [
                TX.S(stack: [1, 0], values: [1], labels: [TX.str("t", "x"), TX.str("t", "y"), TX.num("n", 2048, "bytes")]),
                TX.S(stack: [0], values: [2], labels: [TX.num("m", 7)]),
            ])
        let warnings = p.generateTagRootsLeaves(tagRoot: "t,,n", tagLeaf: "m", unit: "minimum")
        #expect(warnings.isEmpty)
        #expect(TX.render(p) == ["x,y;2kB;A;B;=1", ";;A;7=2"])
        // Pseudo functions carry the key as file name and fresh ids after the existing ones.
        #expect(p.functions.suffix(6).map(\.filename) == ["n", "t", "m", "n", "t", "m"])
        #expect(p.functions.suffix(6).map(\.name) == ["2kB", "x,y", "", "", "", "7"])
        #expect(p.locations.suffix(6).map(\.id) == [3, 4, 5, 6, 7, 8])
        var q = TX.profile(["A"], samples: [TX.S(stack: [0], values: [1])])
        #expect(q.generateTagRootsLeaves(tagRoot: "nope", tagLeaf: "", unit: "minimum") == ["TagRoot expression matched no samples"])
    }

    @Test func diffBaseMarksBaseSamplesAndSubtracts() throws {
        let src = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [10]), TX.S(stack: [0], values: [4])])
        let base = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [3])])
        let plain = try Profile.combine(sources: [src], bases: [base])
        #expect(TX.render(plain) == ["A;B=7", "A=4"])
        let diff = try Profile.combine(sources: [src], bases: [base], diffBase: true)
        #expect(TX.render(diff) == ["A;B=10", "A=4", "A;B=-3"])
        #expect((0..<diff.samples.count).map { diff.isDiffBaseSample($0) } == [false, false, true])
        let norm = try Profile.combine(sources: [src], bases: [base], normalize: true)
        // Sources scaled by 3/14 first: 10 -> 2, 4 -> 1; then 2 - 3.
        #expect(TX.render(norm) == ["A;B=-1", "A=1"])
    }

    @Test func combineMergesSourcesAndAppliesDropFrames() throws {
        var a = TX.profile(["main", "runtime.x"], samples: [TX.S(stack: [1, 0], values: [1])])
        a.dropFrames = "runtime\\..*"
        let b = TX.profile(["main", "runtime.x"], samples: [TX.S(stack: [1, 0], values: [2])])
        let p = try Profile.combine(sources: [a, b], comment: "note")
        #expect(TX.render(p) == ["main=3"])
        #expect(p.comments == ["note"])
        #expect(throws: PprofError("failed to fetch any source profiles")) { try Profile.combine(sources: []) }
        let bad = TX.profile(["A"], samples: [], types: [ValueType(type: "space", unit: "bytes")])
        #expect(throws: PprofError.self) { try Profile.combine(sources: [a, bad]) }
    }

    @Test func manySourcesMergeInChunks() throws {
        let one = TX.profile(["A"], samples: [TX.S(stack: [0], values: [1])])
        let p = try Profile.combine(sources: Array(repeating: one, count: 130))
        #expect(TX.render(p) == ["A=130"])
    }
}

@Suite struct TransformFocusTests {
    @Test func applyFocusRunsFiltersInOrderAndWarns() throws {
        var p = TX.profile(
            ["main", "work", "idle"],
            samples: [
                TX.S(stack: [1, 0], values: [1], labels: [TX.num("bytes", 64, "bytes")]),
                TX.S(stack: [2, 0], values: [2]),
            ])
        var cfg = Config()
        cfg.focus = "work|idle"
        cfg.hide = "nomatch"
        cfg.tagFocus = "64b"
        cfg.pruneFrom = "main"
        var warnings: [String] = []
        try p.applyFocus(config: cfg, numLabelUnits: p.numLabelUnits().units) { warnings.append($0) }
        #expect(warnings == ["tagfocus:Interpreted '64b' as range, not regexp", "Hide expression matched no samples"])
        #expect(TX.render(p) == ["main=1"])
    }

    @Test func badRegexesThrowBeforeOrAfterFiltering() {
        var p = TX.profile(["main"], samples: [TX.S(stack: [0], values: [1])])
        var cfg = Config()
        cfg.ignore = "("
        cfg.focus = "zzz"
        var warnings: [String] = []
        #expect(throws: PprofError.self) { try p.applyFocus(config: cfg, numLabelUnits: [:]) { warnings.append($0) } }
        #expect(warnings.isEmpty)
        #expect(p.samples.count == 1)
        cfg = Config()
        cfg.focus = "zzz"
        cfg.tagShow = "("
        #expect(throws: PprofError.self) { try p.applyFocus(config: cfg, numLabelUnits: [:]) { warnings.append($0) } }
        #expect(warnings == ["Focus expression matched no samples"])
    }
}
