import Testing

import PprofFormats
import PprofModel

@Suite struct DecoderGzipTests {
    @Test func rawProtobufIsNotTreatedAsGzip() {
        #expect(!Gzip.isGzip([0x1f]))
        #expect(!Gzip.isGzip([0x8b, 0x1f]))
        #expect(Gzip.isGzip([0x1f, 0x8b]))
    }

    @Test func multiMemberGzipIsConcatenated() throws {
        let bytes = ProfileEncoder.encode(DecoderFixtures.full())
        let cut = bytes.count / 3
        let two = try Gzip.compress(Array(bytes[0..<cut])) + Gzip.compress(Array(bytes[cut...]))
        #expect(try Gzip.decompress(two, limit: 1 << 20) == bytes)
        #expect(sameProfile(try ProfileDecoder.decode(two), DecoderFixtures.full()))
    }

    @Test func gzipBombIsRefusedEarly() throws {
        let zeros = [UInt8](repeating: 0, count: 8 << 20)
        let bomb = try Gzip.compress(zeros)
        #expect(bomb.count < 100_000)
        var limits = DecodeLimits()
        limits.maxDecompressedBytes = 1 << 20
        #expect(decodeError(bomb, limits: limits) == "decompressed size exceeds the limit of 1048576 bytes (max_decompressed_size)")
        #expect(try Gzip.decompress(bomb, limit: 8 << 20).count == 8 << 20)
    }

    /// Inflating while decoding (`decodeError` compares it with inflating first) still reports
    /// what inflate or its limit scan finds later in the file over a decode error near its start.
    @Test func inflateErrorsWinOverEarlierDecodeErrors() throws {
        // Two time_nanos fields (concatenated profiles) at byte 0, then 32 MB of an unknown field.
        let body = PB().int(9, 1).int(9, 2).bytes(99, [UInt8](repeating: 0, count: 32 << 20))
        let gz = try Gzip.compress(body.bytes)
        #expect(decodeError(Array(gz.dropLast(5))) == "decompressing profile: unexpected EOF")
        let strings = PB().int(9, 1).int(9, 2).strings([""] + (0..<200_000).map { "s\($0)" })
        var limits = DecodeLimits()
        limits.maxStrings = 100_000
        #expect(decodeError(strings.bytes, limits: limits) == "string count exceeds the limit of 100000 (max_strings)")
    }

    /// The streaming decoder hands back the pages it has read; a protobuf error after that
    /// still gives the legacy parsers every byte (inflated again) and the serial path's error.
    @Test func lateProtobufErrorAfterReleasedPages() throws {
        let sample = PB().message(2, PB().packed(1, [1, 2, 3]).packed(2, [7])).bytes
        var body: [UInt8] = []
        body.reserveCapacity(sample.count * 1_500_000 + 1)
        for _ in 0..<1_500_000 { body.append(contentsOf: sample) }
        #expect(body.count > 8 << 20)  // past the first page handed back
        body.append(0x0f)  // field 1, wire type 7
        let gz = try Gzip.compress(body)
        let message = decodeError(gz)
        #expect(message?.hasPrefix("parsing profile: unrecognized profile format (unknown wire type 7 at byte ") == true)
        // Given a way to read the input again, inflate hands the input's pages back too, and
        // the legacy parsers get the bytes by reading and inflating once more.
        let rereads = Counter()
        #expect(throws: PprofError(message ?? "")) {
            try ProfileDecoder.decodeTyped(gz, streamingMinBytes: 0, reread: {
                rereads.value += 1
                return gz
            })
        }
        #expect(rereads.value == 1)
    }

    final class Counter: @unchecked Sendable { var value = 0 }

    @Test func truncatedAndGarbageGzipGiveClearErrors() throws {
        let gz = try Gzip.compress(ProfileEncoder.encode(DecoderFixtures.full()))
        #expect(decodeError(Array(gz.dropLast(5))) == "decompressing profile: unexpected EOF")
        #expect(decodeError([0x1f, 0x8b, 0x08, 0x00, 0x67, 0x61]) == "decompressing profile: unexpected EOF")
        let garbage: [UInt8] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff] + Array(repeating: 0xff, count: 40)
        let message = decodeError(garbage) ?? ""
        #expect(message.hasPrefix("decompressing profile: corrupt gzip data ("))
        var badCRC = gz
        badCRC[badCRC.count - 6] ^= 0xff
        #expect(decodeError(badCRC)?.hasPrefix("decompressing profile: corrupt gzip data") == true)
        #expect(decodeError(gz + [0x00, 0x01, 0x02]) == "decompressing profile: gzip: invalid header")
    }
}
