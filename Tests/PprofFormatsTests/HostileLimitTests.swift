import Foundation
import Testing

import PprofFormats
import PprofModel

/// Limits that make hostile input cheap to refuse: each is configurable and its error names it,
/// for protobuf and for the legacy text formats alike, and refusing is fast.
@Suite struct HostileLimitTests {
    /// `samples` samples over `locations` locations (one function each), stacks of `depth`,
    /// `labels` labels per sample.
    static func profile(samples: Int, locations: Int, depth: Int, labels: Int, name: String = "f") -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count")]
        for i in 0..<locations {
            p.functions.append(Function(id: UInt64(i + 1), name: "\(name)\(i)", systemName: "", filename: "x.go"))
            var l = Location(id: UInt64(i + 1))
            l.lines = [Line(function: Int32(i), line: 1)]
            p.locations.append(l)
        }
        var s = SampleTable(valueCount: 1)
        for i in 0..<samples {
            s.append(
                stack: (0..<depth).map { Int32(($0 + i) % locations) }, values: [1],
                labels: (0..<labels).map { SampleLabel(key: "k\($0)", num: Int64($0 + 1)) })
        }
        p.samples = s
        return p
    }

    struct LimitCase: Sendable, CustomTestStringConvertible {
        var name: String
        var set: @Sendable (inout DecodeLimits, Int) -> Void
        /// (limit just below the profile's size, the message it must give)
        var below: Int
        var message: String
        var testDescription: String { name }
    }

    /// 50 samples, 40 locations and functions, depth 30, 20 labels, a 300-byte name.
    static let big: [UInt8] = {
        var p = profile(samples: 50, locations: 40, depth: 30, labels: 20)
        p.functions[0].name = String(repeating: "n", count: 300)
        return ProfileEncoder.encode(p)
    }()

    static let cases: [LimitCase] = [
        LimitCase(name: "max_samples", set: { $0.maxSamples = $1 }, below: 49, message: "sample count exceeds the limit of 49 (max_samples)"),
        LimitCase(name: "max_locations", set: { $0.maxLocations = $1 }, below: 39, message: "location count exceeds the limit of 39 (max_locations)"),
        LimitCase(name: "max_functions", set: { $0.maxFunctions = $1 }, below: 39, message: "function count exceeds the limit of 39 (max_functions)"),
        LimitCase(name: "max_stack_depth", set: { $0.maxStackDepth = $1 }, below: 29, message: "stack depth exceeds the limit of 29 (max_stack_depth)"),
        LimitCase(
            name: "max_labels_per_sample", set: { $0.maxLabelsPerSample = $1 }, below: 19,
            message: "label count of a sample exceeds the limit of 19 (max_labels_per_sample)"),
        LimitCase(
            name: "max_string_length", set: { $0.maxStringLength = $1 }, below: 299,
            message: "exceeds the limit of 299 bytes (max_string_length)"),
    ]

    @Test(arguments: cases)
    func eachLimitRefusesOneOverAndAcceptsExactly(_ c: LimitCase) throws {
        var l = DecodeLimits()
        c.set(&l, c.below)
        let message = try #require(decodeError(Self.big, limits: l), "\(c.name)=\(c.below) accepted the profile")
        #expect(message.hasSuffix(c.message), "\(message)")
        // gzip-wrapped input is limited the same way.
        #expect(decodeError(try Gzip.compress(Self.big), limits: l)?.hasSuffix(c.message) == true)
        l = DecodeLimits()
        c.set(&l, c.below + 1)
        #expect(decodeError(Self.big, limits: l) == nil, "\(c.name)=\(c.below + 1) should accept the profile")
    }

    @Test func gzipBombIsRefusedQuickly() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 32 << 20))
        #expect(bomb.count < 64 << 10, "32 MiB of zeros should compress to a few KiB, got \(bomb.count)")
        var l = DecodeLimits()
        l.maxDecompressedBytes = 4 << 20
        let start = ContinuousClock.now
        #expect(decodeError(bomb, limits: l) == "decompressed size exceeds the limit of 4194304 bytes (max_decompressed_size)")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// Many small members, each under the limit, still add up against it.
    @Test func multiMemberBombCountsEveryMember() throws {
        let member = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        let bomb = Array((0..<8).map { _ in member }.joined())
        var l = DecodeLimits()
        l.maxDecompressedBytes = 5 << 20
        #expect(decodeError(bomb, limits: l) == "decompressed size exceeds the limit of 5242880 bytes (max_decompressed_size)")
    }

    /// The gzip trailer's size field is attacker-controlled: a lie in it is harmless.
    @Test func forgedTrailerSizeIsHarmless() throws {
        let real = ProfileEncoder.encode(Self.profile(samples: 3, locations: 3, depth: 2, labels: 1))
        var gz = try Gzip.compress(real)
        for i in gz.count - 4..<gz.count { gz[i] = 0xff }
        // zlib checks ISIZE too: the forged size is a corrupt stream, refused with a clear error.
        let message = decodeError(gz) ?? ""
        #expect(message.hasPrefix("decompressing profile:"), "\(message)")
    }

    @Test func uncompressedInputOverTheLimitIsRefused() {
        var l = DecodeLimits()
        l.maxDecompressedBytes = Self.big.count - 1
        #expect(decodeError(Self.big, limits: l) == "profile size exceeds the limit of \(Self.big.count - 1) bytes (max_decompressed_size)")
    }

    /// The legacy text formats go through the same limits.
    @Test func legacyHeapProfileHonoursLimits() {
        var text = "heap profile: 100: 1000 [100: 1000] @ heapprofile\n"
        for i in 0..<100 {
            text += "1: 10 [1: 10] @ " + (0..<40).map { "0x\(String(0x1000 + i * 64 + $0, radix: 16))" }.joined(separator: " ") + "\n"
        }
        let bytes = Array(text.utf8)
        #expect(decodeError(bytes) == nil)
        var l = DecodeLimits()
        l.maxSamples = 99
        #expect(decodeError(bytes, limits: l)?.contains("max_samples") == true, "\(decodeError(bytes, limits: l) ?? "accepted")")
        l = DecodeLimits()
        l.maxStackDepth = 39
        #expect(decodeError(bytes, limits: l)?.contains("max_stack_depth") == true, "\(decodeError(bytes, limits: l) ?? "accepted")")
        l = DecodeLimits()
        l.maxLocations = 100
        #expect(decodeError(bytes, limits: l)?.contains("max_locations") == true, "\(decodeError(bytes, limits: l) ?? "accepted")")
    }

    /// Malformed wire data is an error, never a trap: overlong varints, lengths past the end,
    /// unknown wire types, and ids near the integer limits.
    @Test func malformedWireDataIsRefused() {
        let inputs: [[UInt8]] = [
            [0x0a] + [UInt8](repeating: 0xff, count: 10) + [0x01],
            [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f],
            [0x0a, 0x80],
            [0x0b, 0x0c],
            [0x0f],
            [0x22, 0x0b, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            [0x12, 0x04, 0x0a, 0x02, 0xff, 0x01],
            [0x32, 0x00, 0x0a, 0x04, 0x08, 0x7f, 0x10, 0x7f],
        ]
        for input in inputs {
            let message = decodeError(input)
            #expect(message != nil, "accepted \(input)")
            #expect(message?.contains("\n") != true)
        }
    }

    /// max_string_length bounds the strings as stored: invalid UTF-8 becomes U+FFFD (three
    /// bytes each), so a name within the limit on the wire can be over it once decoded. Such a
    /// profile is refused, so whatever is accepted reads back (`-proto`) under the same limits.
    @Test func stringLimitHoldsAfterUTF8Repair() throws {
        var p = Self.profile(samples: 1, locations: 1, depth: 1, labels: 0)
        p.functions[0].name = String(repeating: "Z", count: 100)
        var bytes = ProfileEncoder.encode(p)
        let run = [UInt8](repeating: UInt8(ascii: "Z"), count: 100)
        let at = try #require((0...(bytes.count - 100)).first { Array(bytes[$0..<($0 + 100)]) == run })
        bytes.replaceSubrange(at..<(at + 100), with: [UInt8](repeating: 0xFF, count: 100))
        var l = DecodeLimits()
        l.maxStringLength = 299
        #expect(decodeError(bytes, limits: l)?.hasSuffix("string of 300 bytes exceeds the limit of 299 bytes (max_string_length)") == true)
        l.maxStringLength = 300
        let decoded = try ProfileDecoder.decode(bytes, limits: l)
        #expect(decoded.functions[0].name == String(repeating: "\u{FFFD}", count: 100))
        #expect(try ProfileDecoder.decode(ProfileEncoder.encode(decoded), limits: l).functions[0].name.utf8.count == 300)
    }
}
