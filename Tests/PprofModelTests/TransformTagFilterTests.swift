import PprofModel
import Testing

@Suite struct TransformTagFilterTests {
    private func sizes() -> Profile {
        TX.profile(
            ["A"],
            samples: [
                TX.S(stack: [0], values: [1], labels: [TX.num("bytes", 64, "bytes")]),
                TX.S(stack: [0], values: [2], labels: [TX.num("bytes", 2048, "bytes")]),
                TX.S(stack: [0], values: [4], labels: [TX.num("bytes", 8 << 20, "bytes")]),
                TX.S(stack: [0], values: [8], labels: [TX.str("mode", "fast"), TX.str("region", "eu")]),
            ])
    }

    private func values(_ p: Profile) -> [Int64] { (0..<p.samples.count).map { p.samples.value($0, 0) } }

    private func focus(_ value: String, units: [String: String] = ["bytes": "bytes"]) throws -> (Profile, [String], Bool) {
        var p = sizes()
        let (filter, notes) = try TagFilter.compile(name: "tagfocus", value: value, numLabelUnits: units)
        let (fm, _) = p.filterSamplesByTag(focus: filter, ignore: nil)
        return (p, notes, fm)
    }

    @Test func numericRangeForms() throws {
        let cases: [(String, [Int64])] = [
            ("64b", [1]), ("2kb", [2]), (":2kb", [1, 2]), ("2kb:", [2, 4]), ("1kb:10mb", [2, 4]),
            ("bytes=65b:", [2, 4]), ("other=64b", []),
            // A unit-less number never equals a value that has a unit.
            ("bytes=64", []),
        ]
        for (value, want) in cases {
            let (p, notes, _) = try focus(value)
            #expect(values(p) == want, "tagfocus=\(value)")
            let shown = value.split(separator: "=").last.map(String.init) ?? value
            #expect(notes == ["tagfocus:Interpreted '\(shown)' as range, not regexp"], "tagfocus=\(value)")
        }
    }

    @Test func unitsComeFromNumLabelUnitsNotTheLabel() throws {
        // With the key's unit unknown, label values are compared raw, in the range's unit.
        let (p, _, fm) = try focus("2kb", units: [:])
        #expect(values(p) == [])
        #expect(!fm)
        #expect(values(try focus("2048kb", units: [:]).0) == [2])
        #expect(values(try focus("64", units: [:]).0) == [1])
    }

    @Test func timeRanges() throws {
        var p = TX.profile(
            ["A"],
            samples: [
                TX.S(stack: [0], values: [1], labels: [TX.num("wait", 5_000_000, "nanoseconds")]),
                TX.S(stack: [0], values: [2], labels: [TX.num("wait", 2_000_000_000, "nanoseconds")]),
            ])
        let (f, _) = try TagFilter.compile(name: "tagignore", value: "10ms:1s", numLabelUnits: ["wait": "nanoseconds"])
        let (f2, _) = try TagFilter.compile(name: "tagfocus", value: "1ms:1s", numLabelUnits: ["wait": "nanoseconds"])
        let (fm, im) = p.filterSamplesByTag(focus: f2, ignore: f)
        #expect(values(p) == [1])
        #expect(fm && !im)
    }

    @Test func nonRangesAreRegexes() throws {
        // Mixed units, trailing junk and a third number are not ranges.
        for value in ["1kb:1s", "x64b", "1:2:3", "64b,"] {
            let (_, notes) = try TagFilter.compile(name: "tagfocus", value: value, numLabelUnits: [:])
            #expect(notes.isEmpty, "\(value)")
        }
    }

    @Test func stringTagsWithAndWithoutKey() throws {
        // Without a key every comma-separated regex must match some "key:value".
        #expect(values(try focus("mode:fast,region:eu").0) == [8])
        #expect(values(try focus("mode:fast,region:us").0) == [])
        // With a key any regex may match any value of that key.
        #expect(values(try focus("region=us,eu").0) == [8])
        #expect(values(try focus("region=^e$").0) == [])
        // A key that names a numeric label never matches a string regex.
        #expect(values(try focus("bytes=.*").0) == [])
    }

    @Test func ignoreRemovesMatchesAndReportsThem() throws {
        var p = sizes()
        let (f, _) = try TagFilter.compile(name: "tagignore", value: "mode=fast", numLabelUnits: [:])
        let (fm, im) = p.filterSamplesByTag(focus: nil, ignore: f)
        #expect(values(p) == [1, 2, 4])
        #expect(fm && im)
    }

    @Test func badRegexNamesTheOption() {
        #expect(throws: PprofError.self) {
            _ = try TagFilter.compile(name: "tagfocus", value: "k=(", numLabelUnits: [:])
        }
        do {
            _ = try TagFilter.compile(name: "tagignore", value: "(", numLabelUnits: [:])
        } catch let error as PprofError {
            #expect(error.message.hasPrefix("parsing tagignore regexp: "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
