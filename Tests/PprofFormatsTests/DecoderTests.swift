import Testing

import PprofFormats
import PprofModel

@Suite struct DecoderTests {
    @Test func roundTripCoversEveryField() throws {
        let p = DecoderFixtures.full()
        let decoded = try ProfileDecoder.decode(ProfileEncoder.encode(p))
        #expect(sameProfile(p, decoded))
        // The label of key "" with only a unit survives (pprof keeps num==0 when a unit is set).
        #expect(decoded.samples.labels(3).first == SampleLabel(key: "", num: 0, unit: "ms"))
        #expect(decoded.locations[0].lines[0].column == 5)
        #expect(decoded.locations[3].mapping == -1)
    }

    @Test func gzipRoundTrip() throws {
        let p = DecoderFixtures.full()
        let gz = try ProfileEncoder.encodeGzip(p)
        #expect(Gzip.isGzip(gz))
        #expect(sameProfile(p, try ProfileDecoder.decode(gz)))
    }

    @Test func minimalProfileIsValidAndEmpty() throws {
        let p = try ProfileDecoder.decode(DecoderFixtures.minimalBytes())
        #expect(p.samples.count == 0)
        #expect(p.sampleTypes.isEmpty)
        #expect(p.periodType == nil)
    }

    @Test func unpackedRepeatedFieldsDecodeLikePacked() throws {
        let loc = PB().varint(1, 1)
        let fn = PB().varint(1, 1).varint(2, 1)
        let base = PB().message(1, PB().varint(1, 2).varint(2, 3)).message(1, PB().varint(1, 2).varint(2, 3))
        let unpacked = base.message(2, PB().varint(1, 1).varint(1, 2).varint(2, 5).varint(2, 6).varint(1, 1))
            .message(4, loc.message(4, PB().varint(1, 1))).message(4, PB().varint(1, 2))
            .message(5, fn).strings(["", "f", "t", "u"]).raw([0x68, 0x01, 0x68, 0x02])  // comments 13 unpacked
        let packed = base.message(2, PB().packed(1, [1, 2]).packed(2, [5, 6]).packed(1, [1]))
            .message(4, loc.message(4, PB().varint(1, 1))).message(4, PB().varint(1, 2))
            .message(5, fn).strings(["", "f", "t", "u"]).packed(13, [1, 2])
        let a = try ProfileDecoder.decode(unpacked.bytes)
        let b = try ProfileDecoder.decode(packed.bytes)
        #expect(Array(a.samples.stack(0)) == [0, 1, 0])
        #expect(Array(a.samples.values(0)) == [5, 6])
        #expect(a.comments == ["f", "t"])
        #expect(sameProfile(a, b))
    }

    /// Location ids are resolved after the samples: ids 1...n in order need no resolving,
    /// others (out of order, 0, beyond 2^31) go through the id index, and an unknown id is
    /// pprof's nil location.
    @Test func locationIdsOtherThanOneToNResolve() throws {
        func profile(_ ids: [UInt64], stack: [UInt64]) -> [UInt8] {
            var pb = PB().message(1, PB().varint(1, 1).varint(2, 1)).message(2, PB().packed(1, stack).packed(2, [1]))
            for id in ids { pb = pb.message(4, PB().varint(1, id).message(4, PB().varint(1, 1))) }
            return pb.message(5, PB().varint(1, 1).varint(2, 1)).strings(["", "f"]).bytes
        }
        let big: UInt64 = 1 << 40
        let p = try ProfileDecoder.decode(profile([7, big, 3], stack: [big, 3, 7, big]))
        #expect(Array(p.samples.stack(0)) == [1, 2, 0, 1])
        #expect(Array(try ProfileDecoder.decode(profile([1, 2, 3], stack: [3, 1, 2])).samples.stack(0)) == [2, 0, 1])
        #expect(decodeError(profile([1, 2], stack: [1, 3])) == "malformed profile: sample has nil location")
        #expect(decodeError(profile([1, 2], stack: [1, big])) == "malformed profile: sample has nil location")
        // A packed id of eleven bytes is no varint.
        var bad = PB().message(1, PB().varint(1, 1).varint(2, 1))
        bad = bad.message(2, PB().bytes(1, [1] + [UInt8](repeating: 0xff, count: 10) + [0x01])).strings(["", "f"])
        #expect(decodeError(bad.bytes)?.hasPrefix("parsing profile: unrecognized profile format (bad varint at byte ") == true)
    }

    /// Packed ids of every varint length (one to ten bytes), read eight bytes at a time in
    /// the middle of a stack and one at a time near its end, resolve to their locations.
    @Test func packedIdsOfEveryLengthResolve() throws {
        let ids: [UInt64] = [
            1, 127, 128, 16383, 16384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28, (1 << 31) - 1, 1 << 31,
            (1 << 31) + 1, 1 << 35, 1 << 42, 1 << 49, 1 << 56, 1 << 63, UInt64.max, 2, 3,
        ]
        var pb = PB().message(1, PB().varint(1, 1).varint(2, 1))
        // Stacks in several orders and lengths, so every id meets both readers.
        var stacks: [[Int]] = []
        for shift in 0..<ids.count {
            let order = (0..<ids.count).map { ($0 * 7 + shift) % ids.count }
            stacks.append(order)
            stacks.append(Array(order.prefix(shift + 1)))
        }
        for stack in stacks { pb = pb.message(2, PB().packed(1, stack.map { ids[$0] }).packed(2, [1])) }
        for id in ids { pb = pb.message(4, PB().varint(1, id).message(4, PB().varint(1, 1))) }
        let p = try ProfileDecoder.decode(pb.message(5, PB().varint(1, 1).varint(2, 1)).strings(["", "f"]).bytes)
        #expect(p.samples.count == stacks.count)
        for (i, stack) in stacks.enumerated() {
            #expect(Array(p.samples.stack(i)) == stack.map { Int32($0) }, "stack \(i)")
        }
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        func junk(_ pb: PB) -> PB { pb.varint(99, 7).fixed64(98).fixed32(97).string(96, "zz").varint(1000, 1) }
        let pb = junk(PB()).message(1, junk(PB().varint(1, 1).varint(2, 2)))
            .message(2, junk(PB().varint(1, 5).varint(2, 42)).message(3, junk(PB().varint(1, 1).varint(2, 2))))
            .message(3, junk(PB().varint(1, 3).varint(5, 1)))
            .message(4, junk(PB().varint(1, 5).varint(2, 3)).message(4, junk(PB().varint(1, 8).varint(2, 77))))
            .message(5, junk(PB().varint(1, 8).varint(2, 2)))
            .strings(["", "k", "v"])
        let p = try ProfileDecoder.decode(junk(pb).bytes)
        #expect(p.sampleTypes == [ValueType(type: "k", unit: "v")])
        #expect(Array(p.samples.values(0)) == [42])
        #expect(Array(p.samples.labels(0)) == [SampleLabel(key: "k", str: "v")])
        #expect(p.locations[0].mapping == 0)
        #expect(p.locations[0].lines == [Line(function: 0, line: 77)])
        #expect(p.functions[0].name == "v")
    }

    @Test func labelsFollowPprofRules() throws {
        // key only: dropped; str set: string (num ignored); num or unit set: numeric.
        let sample = PB().varint(2, 1)
            .message(3, PB().varint(1, 1))
            .message(3, PB().varint(1, 1).varint(2, 2).varint(3, 9))
            .message(3, PB().varint(1, 1).varint(3, 4))
            .message(3, PB().varint(1, 1).varint(4, 3))
        let pb = PB().message(1, PB()).message(2, sample).strings(["", "k", "v", "bytes"])
        let p = try ProfileDecoder.decode(pb.bytes)
        #expect(
            Array(p.samples.labels(0)) == [
                SampleLabel(key: "k", str: "v"), SampleLabel(key: "k", num: 4), SampleLabel(key: "k", num: 0, unit: "bytes"),
            ])
    }

    @Test func emptyInputMatchesPprof() {
        #expect(decodeError([]) == "parsing profile: empty input file")
        // gzip of nothing is empty too.
        let gz = (try? Gzip.compress([])) ?? []
        #expect(decodeError(gz) == "parsing profile: empty input file")
    }

    typealias Case = (name: String, bytes: [UInt8], message: String)

    static let validationCases: [Case] = {
        let st = PB().message(1, PB().varint(1, 1).varint(2, 2))
        let table = ["", "a", "b"]
        func with(_ pb: PB) -> [UInt8] { pb.strings(table).bytes }
        return [
            (
                "missing sample types", with(PB().message(2, PB().varint(2, 1))),
                "malformed profile: missing sample type information"
            ),
            (
                "value count", with(st.message(2, PB().varint(2, 1).varint(2, 2))),
                "malformed profile: mismatch: sample has 2 values vs. 1 types"
            ),
            (
                "unknown location", with(st.message(2, PB().varint(1, 4).varint(2, 1))),
                "malformed profile: sample has nil location"
            ),
            (
                "first bad sample wins", with(st.message(2, PB().varint(1, 4).varint(2, 1)).message(2, PB())),
                "malformed profile: sample has nil location"
            ),
            ("mapping id 0", with(PB().message(3, PB().varint(2, 5))), "malformed profile: found mapping with reserved ID=0"),
            (
                "duplicate mapping", with(PB().message(3, PB().varint(1, 5)).message(3, PB().varint(1, 5))),
                "malformed profile: multiple mappings with same id: 5"
            ),
            ("function id 0", with(PB().message(5, PB().varint(2, 1))), "malformed profile: found function with reserved ID=0"),
            (
                "duplicate function", with(PB().message(5, PB().varint(1, 3)).message(5, PB().varint(1, 3))),
                "malformed profile: multiple functions with same id: 3"
            ),
            ("location id 0", with(PB().message(4, PB().varint(3, 1))), "malformed profile: found location with reserved id=0"),
            (
                "duplicate location", with(PB().message(4, PB().varint(1, 9)).message(4, PB().varint(1, 9))),
                "malformed profile: multiple locations with same id: 9"
            ),
            (
                "line without function", with(PB().message(4, PB().varint(1, 9).message(4, PB().varint(2, 3)))),
                "malformed profile: location id: 9 has a line with nil function"
            ),
            (
                "line with unknown function",
                with(PB().message(5, PB().varint(1, 1)).message(4, PB().varint(1, 9).message(4, PB().varint(1, 2)))),
                "malformed profile: location id: 9 has a line with nil function"
            ),
            (
                "tables checked in pprof's order",
                with(PB().message(4, PB().varint(3, 1)).message(5, PB().varint(1, 3)).message(5, PB().varint(1, 3))),
                "malformed profile: multiple functions with same id: 3"
            ),
            (
                "string index out of range", with(PB().message(5, PB().varint(1, 1).varint(2, 3))),
                "parsing profile: unrecognized profile format (string index 3 out of range in function.name)"
            ),
            (
                "negative string index", with(st.message(2, PB().varint(2, 1).message(3, PB().int(1, -1)))),
                "parsing profile: unrecognized profile format (string index -1 out of range in label.key)"
            ),
            (
                "string errors before validity", with(PB().message(2, PB()).varint(14, 8)),
                "parsing profile: unrecognized profile format (string index 8 out of range in default_sample_type)"
            ),
            (
                "no string table", PB().message(1, PB()).bytes,
                "parsing profile: unrecognized profile format (string index 0 out of range in sample_type.type)"
            ),
            (
                "string table not starting empty", PB().strings(["x"]).bytes,
                "parsing profile: unrecognized profile format (string_table[0] must be '' at byte 2)"
            ),
            (
                "concatenated", with(PB().varint(9, 5).varint(9, 6)),
                "parsing profile: concatenated profiles detected"
            ),
            (
                "wrong wire type", with(PB().string(12, "x")),
                "parsing profile: unrecognized profile format (wrong wire type 2 for period at byte 1)"
            ),
            (
                "wrong wire type nested", with(PB().message(5, PB().fixed32(1))),
                "parsing profile: unrecognized profile format (wrong wire type 5 for function.id at byte 3)"
            ),
            (
                "group wire type", with(PB().raw([0x0b])),
                "parsing profile: unrecognized profile format (unknown wire type 3 at byte 0)"
            ),
            (
                "bad varint", with(PB()) + [0x48, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
                "parsing profile: unrecognized profile format (bad varint at byte 9)"
            ),
            (
                "truncated varint", with(PB()) + [0x48, 0x80],
                "parsing profile: unrecognized profile format (bad varint at byte 9)"
            ),
            (
                "length past end", with(PB()) + [0x12, 0x05, 0x08],
                "parsing profile: unrecognized profile format (length 5 past the end of the data at byte 9)"
            ),
            (
                "truncated fixed64", with(PB()) + [0xa1, 0x01, 1, 2],
                "parsing profile: unrecognized profile format (truncated fixed-size field at byte 10)"
            ),
        ]
    }()

    @Test(arguments: validationCases.indices)
    func validationErrorsMatchPprof(_ i: Int) {
        let c = Self.validationCases[i]
        #expect(decodeError(c.bytes) == c.message, "\(c.name)")
    }

    @Test func limitsAreEnforcedAndNamed() throws {
        let p = DecoderFixtures.full()
        let bytes = ProfileEncoder.encode(p)
        var l = DecodeLimits()
        l.maxSamples = 3
        #expect(decodeError(bytes, limits: l) == "sample count exceeds the limit of 3 (max_samples)")
        l = DecodeLimits()
        l.maxLocations = 3
        #expect(decodeError(bytes, limits: l) == "location count exceeds the limit of 3 (max_locations)")
        l = DecodeLimits()
        l.maxFunctions = 2
        #expect(decodeError(bytes, limits: l) == "function count exceeds the limit of 2 (max_functions)")
        l = DecodeLimits()
        l.maxStringLength = 10
        #expect(decodeError(bytes, limits: l)?.hasSuffix("exceeds the limit of 10 bytes (max_string_length)") == true)
        l = DecodeLimits()
        l.maxStackDepth = 2
        #expect(decodeError(bytes, limits: l) == "stack depth exceeds the limit of 2 (max_stack_depth)")
        l = DecodeLimits()
        l.maxLabelsPerSample = 3
        #expect(
            decodeError(bytes, limits: l) == "label count of a sample exceeds the limit of 3 (max_labels_per_sample)")
        l = DecodeLimits()
        l.maxDecompressedBytes = 100
        #expect(decodeError(bytes, limits: l) == "profile size exceeds the limit of 100 bytes (max_decompressed_size)")
        // Exactly at every limit is accepted.
        l = DecodeLimits()
        l.maxSamples = 4
        l.maxLocations = 4
        l.maxFunctions = 3
        l.maxStackDepth = 3
        l.maxLabelsPerSample = 4
        l.maxDecompressedBytes = bytes.count
        #expect(decodeError(bytes, limits: l) == nil)
    }

    /// Offsets where a top-level field starts (a cut there can leave a valid, shorter profile).
    static func topLevelBoundaries(_ b: [UInt8]) -> Set<Int> {
        var out: Set<Int> = [0]
        var i = 0
        func varint() -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let x = b[i]
                i += 1
                v |= UInt64(x & 0x7f) << shift
                if x < 0x80 { return v }
                shift += 7
            }
        }
        while i < b.count {
            let key = varint()
            switch key & 7 {
            case 0: _ = varint()
            case 2: i += Int(varint())
            default: return out
            }
            out.insert(i)
        }
        return out
    }

    @Test func truncationAtEveryOffsetNeverTrapsAndErrorsInsideFields() throws {
        let bytes = ProfileEncoder.encode(DecoderFixtures.full())
        let boundaries = Self.topLevelBoundaries(bytes)
        #expect(boundaries.contains(bytes.count))
        for cut in 0..<bytes.count {
            let err = decodeError(Array(bytes[0..<cut]))
            if !boundaries.contains(cut) {
                #expect(err != nil, "cut at \(cut) decoded")
            }
        }
        let gz = try Gzip.compress(bytes)
        for cut in 0..<gz.count {
            #expect(decodeError(Array(gz[0..<cut])) != nil, "gzip cut at \(cut) decoded")
        }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix(seed: 42)
        let valid = ProfileEncoder.encode(DecoderFixtures.full())
        var decodedSomething = 0
        for round in 0..<3000 {
            var b: [UInt8]
            if round % 2 == 0 {
                b = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                // Mutate a valid profile at a few positions: reaches the deeper checks.
                b = valid
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            if let p = try? ProfileDecoder.decode(b) {
                decodedSomething += 1
                #expect((try? p.checkValid()) != nil)
            }
        }
        #expect(decodedSomething > 0)
    }
}

/// A deterministic generator (SplitMix64) so failures reproduce; the decoder and legacy mutation tests share it.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct DecoderHostileInputTests {
    @Test func manySampleTypesTimesManySamplesDoesNotOverAllocate() {
        // 100k sample types and 100k empty samples: 10^10 value slots if reserved naively.
        var b: [UInt8] = []
        for _ in 0..<100_000 { b += [0x0a, 0x00] }
        for _ in 0..<100_000 { b += [0x12, 0x00] }
        b += [0x32, 0x00]
        #expect(decodeError(b) == "sample type count exceeds the limit of 10000 (max_sample_types)")
        // Past the sample type limit, the reservation is still bounded by the samples' bytes.
        var l = DecodeLimits()
        l.maxSampleTypes = 100_000
        #expect(decodeError(b, limits: l) == "malformed profile: mismatch: sample has 0 values vs. 100000 types")
    }
}
