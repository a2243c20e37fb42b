import Foundation
import Testing
import TestSupport

import PprofFormats
import PprofModel

/// The per-field count limits and the decoded-size budget (issue 12, class 5): each refuses one
/// over with its named error and accepts exactly at the limit, packed and unpacked, raw and
/// gzip'd; the streaming scan counts the same whatever the chunking.
@Suite struct DecodeCountLimitTests {
    /// A valid profile with 6 strings past "", 3 comments, 4 mappings, 2 sample types, 5
    /// locations (the first with 3 lines), 2 functions and 3 samples of 2 values each.
    static func profile(packed: Bool) -> [UInt8] {
        func ints(_ pb: PB, _ field: UInt64, _ vs: [UInt64]) -> PB {
            packed ? pb.packed(field, vs) : vs.reduce(pb) { $0.varint(field, $1) }
        }
        var pb = PB()
            .message(1, PB().varint(1, 1).varint(2, 2))
            .message(1, PB().varint(1, 3).varint(2, 4))
        for i in 0..<3 {
            pb = pb.message(2, ints(ints(PB(), 1, [1, UInt64(2 + i)]), 2, [UInt64(i), 10]))
        }
        for m in 1...4 {
            pb = pb.message(3, PB().varint(1, UInt64(m)).varint(2, UInt64(m) << 20).varint(3, UInt64(m + 1) << 20))
        }
        pb = pb.message(
            4,
            PB().varint(1, 1).varint(2, 1)
                .message(4, PB().varint(1, 1).varint(2, 3)).message(4, PB().varint(1, 2).varint(2, 4))
                .message(4, PB().varint(1, 1).varint(2, 5)))
        for l in 2...5 {
            pb = pb.message(4, PB().varint(1, UInt64(l)).varint(2, 2).message(4, PB().varint(1, 2).varint(2, 7)))
        }
        pb = pb.message(5, PB().varint(1, 1).varint(2, 5)).message(5, PB().varint(1, 2).varint(2, 6))
        pb = pb.strings(["", "samples", "count", "cpu", "nanoseconds", "main", "work"])
        return ints(pb, 13, [5, 6, 1]).bytes
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var limit: DecodeLimits.Limit
        /// The profile's count of what the limit counts.
        var count: Int
        var message: String
        var testDescription: String { limit.rawValue }
    }

    static let cases: [Case] = [
        Case(limit: .strings, count: 7, message: "string count exceeds the limit of 6 (max_strings)"),
        Case(limit: .comments, count: 3, message: "comment count exceeds the limit of 2 (max_comments)"),
        Case(limit: .mappings, count: 4, message: "mapping count exceeds the limit of 3 (max_mappings)"),
        Case(limit: .sampleTypes, count: 2, message: "sample type count exceeds the limit of 1 (max_sample_types)"),
        Case(limit: .valuesPerSample, count: 2, message: "value count of a sample exceeds the limit of 1 (max_values_per_sample)"),
        Case(limit: .linesPerLocation, count: 3, message: "line count of a location exceeds the limit of 2 (max_lines_per_location)"),
        Case(limit: .locations, count: 5, message: "location count exceeds the limit of 4 (max_locations)"),
        Case(limit: .functions, count: 2, message: "function count exceeds the limit of 1 (max_functions)"),
        Case(limit: .samples, count: 3, message: "sample count exceeds the limit of 2 (max_samples)"),
        Case(limit: .stackDepth, count: 2, message: "stack depth exceeds the limit of 1 (max_stack_depth)"),
    ]

    @Test(arguments: cases, [false, true])
    func refusedOneOverAcceptedAtTheLimit(_ c: Case, packed: Bool) throws {
        let raw = Self.profile(packed: packed)
        #expect(decodeError(raw) == nil, "\(decodeError(raw) ?? "")")
        var l = DecodeLimits()
        l[c.limit] = c.count - 1
        #expect(decodeError(raw, limits: l) == c.message)
        #expect(decodeError(try Gzip.compress(raw), limits: l) == c.message)
        l[c.limit] = c.count
        #expect(decodeError(raw, limits: l) == nil)
        #expect(decodeError(try Gzip.compress(raw), limits: l) == nil)
    }

    /// The decoded-size estimate grows with every element; just under it the profile loads.
    @Test(arguments: [false, true])
    func decodedSizeBudget(packed: Bool) throws {
        let raw = Self.profile(packed: packed)
        var scan = WireScan(limits: DecodeLimits())
        try raw.withUnsafeBufferPointer { buf throws(PprofError) in try scan.feed(buf) }
        let need = scan.decodedBytes
        #expect(need > 0)
        var l = DecodeLimits()
        l.maxDecodedBytes = need - 1
        #expect(decodeError(raw, limits: l) == "decoded size exceeds the limit of \(need - 1) bytes (max_decoded_size)")
        #expect(decodeError(try Gzip.compress(raw), limits: l) == "decoded size exceeds the limit of \(need - 1) bytes (max_decoded_size)")
        l.maxDecodedBytes = need
        #expect(decodeError(raw, limits: l) == nil)
    }

    /// Chunk boundaries anywhere (one byte at a time) count the same as the whole buffer, and
    /// the counts are the decoded profile's.
    @Test(arguments: ["cpu.pb.gz", "heap.pb.gz", "goroutine.pb.gz", "labels.pb.gz"])
    func scanCountsMatchTheDecoderWhateverTheChunking(_ name: String) throws {
        let path = TestPaths.fixture("profiles/\(name)")
        let data = try #require(FileManager.default.contents(atPath: path))
        let raw = try Gzip.decompress([UInt8](data), limit: 1 << 30)
        let p = try ProfileDecoder.decode(raw)
        var whole = WireScan(limits: DecodeLimits())
        var bytewise = WireScan(limits: DecodeLimits())
        try raw.withUnsafeBufferPointer { buf throws(PprofError) in
            try whole.feed(buf)
            for i in buf.indices {
                try bytewise.feed(UnsafeBufferPointer(rebasing: buf[i..<(i + 1)]))
            }
        }
        #expect(whole.decodedBytes == bytewise.decodedBytes)
        #expect(bytewise.samples == p.samples.count)
        #expect(bytewise.mappings == p.mappings.count)
        #expect(bytewise.locations == p.locations.count)
        #expect(bytewise.functions == p.functions.count)
        #expect(bytewise.sampleTypes == p.sampleTypes.count)
        #expect(bytewise.comments == p.comments.count)
        #expect(bytewise.strings > 0)
    }

    /// What a scan ends with: its error, or else every counter (after an error the counters
    /// depend on where the chunks ended, as elements are counted a piece at a time).
    struct ScanResult: Equatable, CustomStringConvertible {
        var error: String?
        var counts: [Int]
        var description: String { "\(error ?? "ok") \(counts)" }
        static func == (a: Self, b: Self) -> Bool { a.error == b.error && (a.error != nil || a.counts == b.counts) }
    }

    /// Feeds `raw` in pieces of the given sizes (cycled; 0 means the whole rest at once).
    static func scan(_ raw: [UInt8], limits: DecodeLimits, pieces: [Int]) -> ScanResult {
        var s = WireScan(limits: limits)
        var failure: String?
        raw.withUnsafeBufferPointer { buf in
            var i = 0
            var k = 0
            do throws(PprofError) {
                while i < buf.count {
                    let size = pieces[k % pieces.count]
                    k += 1
                    let end = size == 0 ? buf.count : min(buf.count, i + size)
                    try s.feed(UnsafeBufferPointer(rebasing: buf[i..<end]))
                    i = end
                }
            } catch {
                failure = error.message
            }
        }
        return ScanResult(
            error: failure,
            counts: [s.strings, s.comments, s.sampleTypes, s.mappings, s.locations, s.functions, s.samples, s.decodedBytes])
    }

    /// The scan reads whole fields and messages directly when a chunk holds them, and byte by
    /// byte across chunk boundaries: on mutated profiles (bytes changed, inserted, cut) and
    /// under tight limits, both ways end with the same error and the same counts.
    @Test(arguments: ["cpu.pb.gz", "heap.pb.gz", "labels.pb.gz", "crafted"])
    func directAndBytewiseScansAgreeOnMutatedInput(_ name: String) throws {
        let original: [UInt8]
        if name == "crafted" {
            original = Self.profile(packed: true)
        } else {
            let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/\(name)")))
            original = try Gzip.decompress([UInt8](data), limit: 1 << 30)
        }
        var rng = SplitMix(seed: UInt64(name.utf8.count) &* 0x9E37)
        for round in 0..<150 {
            var raw = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(raw.count))
                switch rng.next() % 4 {
                case 0: raw[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: raw[at] ^= 0x80
                case 2: raw.insert(contentsOf: [0xff, 0xff, 0x01], at: at)
                default: raw.removeSubrange(at..<min(raw.count, at + Int(rng.next() % 5)))
                }
            }
            var limits = DecodeLimits()
            if round % 3 == 0 {
                limits.maxStackDepth = Int(rng.next() % 40)
                limits.maxLabelsPerSample = Int(rng.next() % 3)
                limits.maxLinesPerLocation = Int(rng.next() % 3)
                limits.maxValuesPerSample = 1 + Int(rng.next() % 3)
            }
            let whole = Self.scan(raw, limits: limits, pieces: [0])
            let bytewise = Self.scan(raw, limits: limits, pieces: [1])
            let mixed = Self.scan(raw, limits: limits, pieces: [7, 300, 1, 64])
            #expect(whole == bytewise, "round \(round)")
            #expect(mixed == bytewise, "round \(round)")
        }
    }

    /// Counts are refused while inflating: a bomb of empty strings stops within its first
    /// limit, long before its inflated size is reached.
    @Test func stringBombRefusedWhileInflating() throws {
        var strings = [UInt8](repeating: 0, count: 2 * 2_000_000)
        for i in stride(from: 0, to: strings.count, by: 2) { strings[i] = 0x32 }
        let gz = try Gzip.compress(strings)
        var l = DecodeLimits()
        l.maxStrings = 1_000_000
        var seen = 0
        var scan = WireScan(limits: l)
        var refused: PprofError?
        do throws(PprofError) {
            _ = try Gzip.decompress(gz, limit: 1 << 30) { chunk throws(PprofError) in
                seen += chunk.count
                try scan.feed(chunk)
            }
        } catch {
            refused = error
        }
        #expect(refused?.message == "string count exceeds the limit of 1000000 (max_strings)")
        #expect(seen < strings.count, "refused only after inflating everything")
        #expect(decodeError(gz, limits: l) == "string count exceeds the limit of 1000000 (max_strings)")
    }

    /// Unreferenced strings are never copied out of the input; referenced ones decode as before.
    @Test func unreferencedStringsStayInTheInput() throws {
        let big = String(repeating: "x", count: 100_000)
        let raw = PB().message(1, PB().varint(1, 1).varint(2, 2)).strings(["", "samples", "count", big, big]).bytes
        let p = try ProfileDecoder.decode(raw)
        #expect(p.sampleTypes == [ValueType(type: "samples", unit: "count")])
        let referenced = PB().message(1, PB().varint(1, 3).varint(2, 2)).strings(["", "samples", "count", big]).bytes
        #expect(try ProfileDecoder.decode(referenced).sampleTypes == [ValueType(type: big, unit: "count")])
    }

    /// Every limit is named as its flag, and the names are distinct.
    @Test func limitNamesAreDistinctFlags() {
        let names = DecodeLimits.Limit.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("max_") })
    }
}
