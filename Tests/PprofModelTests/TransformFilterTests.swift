import GoRegex
import PprofModel
import Testing

/// Locations 0..4 = functions A..E; stacks are leaf first.
private func abcde(_ samples: [TX.S]) -> Profile {
    TX.profile(["A", "B", "C", "D", "E"], samples: samples)
}

@Suite struct TransformFilterTests {
    @Test func focusKeepsSamplesWithAMatchingFrameAndIgnoreWins() throws {
        var p = abcde([
            TX.S(stack: [2, 1, 0], values: [1]),  // A;B;C
            TX.S(stack: [3, 0], values: [2]),  // A;D
            TX.S(stack: [4, 2, 0], values: [4]),  // A;C;E
        ])
        let m = p.filterSamplesByName(focus: try GoRegex("^C$"), ignore: try GoRegex("E"), hide: nil, show: nil)
        #expect(TX.render(p) == ["A;B;C=1"])
        #expect(m == NameFilterMatches(focus: true, ignore: true, hide: false, show: false))
    }

    @Test func noFiltersStillDropEmptyStacks() {
        var p = abcde([TX.S(stack: [], values: [5]), TX.S(stack: [0], values: [1])])
        let m = p.filterSamplesByName(focus: nil, ignore: nil, hide: nil, show: nil)
        #expect(TX.render(p) == ["A=1"])
        #expect(m.focus)
    }

    @Test func unmatchedFocusReportsNoMatch() throws {
        var p = abcde([TX.S(stack: [1, 0], values: [1])])
        let m = p.filterSamplesByName(focus: try GoRegex("zzz"), ignore: nil, hide: nil, show: nil)
        #expect(p.samples.count == 0)
        #expect(!m.focus)
    }

    @Test func focusMatchesFileNamesAndMappingFiles() throws {
        var m = Mapping(id: 1)
        m.file = "/usr/lib/libfoo.so"
        var p = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [1])], mapping: m)
        var q = p
        p.filterSamplesByName(focus: try GoRegex("B\\.go"), ignore: nil, hide: nil, show: nil)
        #expect(p.samples.count == 1)
        q.filterSamplesByName(focus: nil, ignore: try GoRegex("libfoo"), hide: nil, show: nil)
        #expect(q.samples.count == 0)
    }

    @Test func hideRemovesLinesAndFramesAndEmptiedSamples() throws {
        // Location 1 inlines C into B: lines [C, B].
        var p = TX.profile(
            ["A", "B", "C"],
            samples: [TX.S(stack: [1, 0], values: [1]), TX.S(stack: [0], values: [2])],
            inline: [1: [2, 1]])
        let m = p.filterSamplesByName(focus: nil, ignore: nil, hide: try GoRegex("^(A|C)$"), show: nil)
        #expect(m.hide)
        #expect(TX.render(p) == ["B=1"])
        #expect(p.locations[1].lines.map(\.function) == [1])
    }

    @Test func showKeepsOnlyMatchingLinesAndFunctionlessLines() throws {
        var p = TX.profile(
            ["A", "B", "C"], samples: [TX.S(stack: [2, 1, 0], values: [1])], inline: [1: [2, 1]])
        p.locations[2].lines.append(Line(function: -1, line: 7))
        let m = p.filterSamplesByName(focus: nil, ignore: nil, hide: nil, show: try GoRegex("C"))
        #expect(m.show)
        // A is hidden; location 1 keeps its C line; location 2 keeps C and the function-less line.
        #expect(p.samples.stack(0).elementsEqual([2, 1]))
        #expect(p.locations[1].lines.map(\.function) == [2])
        #expect(p.locations[2].lines.map(\.function) == [2, -1])
    }

    @Test func showMatchingTheMappingKeepsEveryLine() throws {
        var m = Mapping(id: 1)
        m.file = "app"
        var p = TX.profile(["A", "B"], samples: [TX.S(stack: [1, 0], values: [1])], inline: [1: [1, 0]], mapping: m)
        p.filterSamplesByName(focus: nil, ignore: nil, hide: nil, show: try GoRegex("^app$"))
        #expect(p.locations[1].lines.count == 2)
        #expect(p.samples.count == 1)
    }

    @Test func showFromFollowsPprofExamples() throws {
        // Root A, then B, C, B (leaf): stack leaf first [1, 2, 1, 0].
        let base = abcde([TX.S(stack: [1, 2, 1, 0], values: [1])])
        var p = base
        let matchedNil = p.showFrom(nil)
        #expect(!matchedNil)
        #expect(TX.render(p) == ["A;B;C;B=1"])
        // D matches a location no sample uses: "matched", yet every sample goes.
        for (rx, want) in [("A", ["A;B;C;B=1"]), ("B", ["B;C;B=1"]), ("C", ["C;B=1"]), ("D", []), ("Z", [])] {
            var q = base
            let matched = q.showFrom(try GoRegex("^" + rx + "$"))
            #expect(TX.render(q) == want, "show_from=\(rx)")
            #expect(matched == (rx != "Z"))
        }
    }

    @Test func showFromTrimsInlinedCallersAboveTheMatch() throws {
        // Location 1 has lines [C (leaf), B, A (outermost)].
        var p = TX.profile(["A", "B", "C"], samples: [TX.S(stack: [1], values: [1])], inline: [1: [2, 1, 0]])
        p.showFrom(try GoRegex("^B$"))
        #expect(p.locations[1].lines.map(\.function) == [2, 1])
    }

    @Test func filterTagsByNameRemovesKeysOfBothKinds() throws {
        var p = abcde([
            TX.S(stack: [0], values: [1], labels: [TX.str("alpha", "1"), TX.num("bytes", 4), TX.str("beta", "2")])
        ])
        let (sm, hm) = p.filterTagsByName(show: try GoRegex("a"), hide: try GoRegex("^beta$"))
        #expect(TX.labels(p) == ["alpha:1"])
        #expect(sm && hm)
        var q = abcde([TX.S(stack: [0], values: [1], labels: [TX.str("x", "1")])])
        let (sm2, hm2) = q.filterTagsByName(show: try GoRegex("nomatch"), hide: nil)
        #expect(!sm2 && !hm2)
        #expect(TX.labels(q) == [""])
    }

    @Test func compileRegexOptionNamesTheOption() throws {
        #expect(try Profile.compileRegexOption(name: "focus", value: "") == nil)
        #expect(try Profile.compileRegexOption(name: "focus", value: "a.b") != nil)
        do {
            _ = try Profile.compileRegexOption(name: "focus", value: "(")
            Issue.record("expected an error")
        } catch let error as PprofError {
            #expect(error.message.hasPrefix("parsing focus regexp: error parsing regexp: "))
        }
    }
}
