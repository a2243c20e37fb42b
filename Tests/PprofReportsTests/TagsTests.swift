import PprofModel
import Testing

@testable import PprofReports

@Suite struct TagsTests {
    /// From `go tool pprof -tags` on the same profile (tab shown escaped by design).
    @Test func tagsMatchPprof() {
        let r = handReport(tracesFixture()) {
            $0.numLabelUnits = ["bytes": "bytes"]
            $0.compat = .go119
        }
        let expected = """
             bytes: Total 30.0ms
                    30.0ms (  100%): 2kB

             kind: Total 70.0ms
                   40.0ms (57.14%): a
                   30.0ms (42.86%): b

             tab: Total 20.0ms
                  20.0ms (  100%): x\\ty

             worker: Total 30.0ms
                     30.0ms (  100%): w1


            """
        #expect(r.printTags() == expected)
    }

    /// Current upstream (#929): totals and shares of the report's total (70ms here, the
    /// unlabelled sample included), values through the report's formatter.
    @Test func tagsShowSharesOfTheProfileTotalByDefault() {
        let r = handReport(tracesFixture()) { $0.numLabelUnits = ["bytes": "bytes"] }
        let expected = """
             bytes: Total 30ms of 70ms (42.86%)
                    30ms (42.86%): 2kB

             kind: Total 70ms of 70ms (  100%)
                   40ms (57.14%): a
                   30ms (42.86%): b

             tab: Total 20ms of 70ms (28.57%)
                  20ms (28.57%): x\\ty

             worker: Total 30ms of 70ms (42.86%)
                     30ms (42.86%): w1


            """
        #expect(r.printTags() == expected)
        // divide_by now divides tag values too (Go 1.19 printed them undivided).
        let halved = handReport(tracesFixture()) { $0.ratio = 0.5 }
        #expect(halved.printTags().contains(" kind: Total 35ms of 35ms (  100%)\n       20ms (57.14%): a\n"))
        // A zero report total prints no percentages.
        var b = HandBuiltProfile(types: [("space", "bytes")])
        let l = b.location([(b.function("f"), 0)])
        b.sample([l], [0], labels: [SampleLabel(key: "k", str: "z")])
        #expect(handReport(b.p).printTags() == " k: Total 0 of 0\n    0: z\n\n")
    }

    @Test func valuesSortByMagnitudeThenNameAndMergeByScaledName() {
        var b = HandBuiltProfile(types: [("space", "bytes")])
        let f = b.function("f")
        let l = b.location([(f, 0)])
        b.sample([l], [10], labels: [SampleLabel(key: "k", str: "b")])
        b.sample([l], [10], labels: [SampleLabel(key: "k", str: "a")])
        b.sample([l], [-30], labels: [SampleLabel(key: "k", str: "c")])
        // 1024 and 1025 bytes both scale to "1kB" and so share a row.
        b.sample([l], [5], labels: [SampleLabel(key: "n", num: 1024)])
        b.sample([l], [6], labels: [SampleLabel(key: "n", num: 1025)])
        let r = handReport(b.p) {
            $0.numLabelUnits = ["n": "bytes"]
            $0.compat = .go119
        }
        let groups = r.tagGroups()
        #expect(groups.map(\.key) == ["k", "n"])
        #expect(groups[0].rows.map(\.name) == ["c", "a", "b"])
        #expect(groups[0].total == -10)
        #expect(groups[1].rows == [TagRow(name: "1kB", value: 11, numbers: 1024...1025)])
        // A non-positive total prints no percentages.
        #expect(r.printTags().contains(" -30.0B: c\n"))
    }

    @Test func tabWriterAlignsEachBlockRight() {
        let text = "a:\t x\n \tlong:\t y\n \ts:\t z\n\nkeylong:\t w\n"
        // Column 0 of the first block is 3 wide ("a:" + 1); column 1 only spans the lines
        // that have it (6 = "long:" + 1); the blank line starts a new block.
        let expected = " a: x\n    long: y\n       s: z\n\n keylong: w\n"
        #expect(GoTabWriter.format(text, padding: 1, alignRight: true) == expected)
    }

    @Test func tabWriterLeftAlignAndTrailingText() {
        let text = "ab\tc\nd\te\nno newline"
        #expect(GoTabWriter.format(text, padding: 2, alignRight: false) == "ab  c\nd   e\nno newline")
    }

    @Test func byteKeyKeepsCanonicallyEquivalentNamesApart() {
        var b = HandBuiltProfile(types: [("n", "count")])
        let f = b.function("f")
        let l = b.location([(f, 0)])
        b.sample([l], [1], labels: [SampleLabel(key: "k", str: "\u{E9}")])
        b.sample([l], [2], labels: [SampleLabel(key: "k", str: "e\u{301}")])
        #expect(handReport(b.p).tagGroups()[0].rows.count == 2)
    }
}
