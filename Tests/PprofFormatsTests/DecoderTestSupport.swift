import PprofFormats
import PprofModel

/// Hand-built profiles and a tiny protobuf writer for crafting inputs the encoder never makes.
enum DecoderFixtures {
    /// A profile that sets every field profile.proto has, with non-trivial ids.
    static func full() -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        p.defaultSampleType = "cpu"
        p.mappings = [
            {
                var m = Mapping(id: 1)
                m.start = 0x400000
                m.limit = 0x500000
                m.offset = 0x1000
                m.file = "/bin/prog"
                m.buildID = "abc123"
                m.hasFunctions = true
                m.hasFilenames = true
                m.hasLineNumbers = true
                m.hasInlineFrames = true
                return m
            }(),
            {
                var m = Mapping(id: 7)
                m.start = 0x7f00_0000_0000
                m.limit = 0x7f00_0001_0000
                m.file = "/lib/libc.so.6"
                return m
            }(),
        ]
        p.functions = [
            Function(id: 1, name: "main.main", systemName: "main.main", filename: "main.go", startLine: 10),
            Function(id: 2, name: "main.leaf", systemName: "_leaf", filename: "leaf.go", startLine: -3),
            Function(id: 900, name: "libc_read", systemName: "", filename: "", startLine: 0),
        ]
        var l1 = Location(id: 1)
        l1.mapping = 0
        l1.address = 0x401000
        l1.lines = [Line(function: 1, line: 12, column: 5), Line(function: 0, line: 20)]
        var l2 = Location(id: 2)
        l2.mapping = 0
        l2.address = 0x402000
        l2.lines = [Line(function: 0, line: 30)]
        l2.isFolded = true
        var l3 = Location(id: 500)
        l3.mapping = 1
        l3.address = 0x7f00_0000_1234
        l3.lines = [Line(function: 2, line: 0)]
        var l4 = Location(id: 3)  // no mapping, no lines
        l4.address = 0xdead
        p.locations = [l1, l2, l3, l4]
        var s = SampleTable(valueCount: 2)
        s.append(stack: [0, 1], values: [1, 10_000_000], labels: [SampleLabel(key: "thread", str: "main")])
        s.append(
            stack: [2, 0, 1], values: [-5, Int64.max],
            labels: [
                SampleLabel(key: "bytes", num: 4096, unit: "bytes"), SampleLabel(key: "a", str: "x"),
                SampleLabel(key: "a", str: "y"), SampleLabel(key: "count", num: -7),
            ])
        s.append(stack: [3], values: [0, 0], labels: [])
        s.append(stack: [Int32](), values: [Int64.min, 1], labels: [SampleLabel(key: "", num: 0, unit: "ms")])
        p.samples = s
        p.comments = ["first comment", "second", "first comment"]
        p.dropFrames = "runtime\\..*"
        p.keepFrames = "main\\..*"
        p.timeNanos = 1_700_000_000_123_456_789
        p.durationNanos = 2_500_000_000
        p.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        p.period = 10_000_000
        p.docURL = "https://example.com/doc"
        return p
    }

    /// The smallest valid profile: a string table holding only "".
    static func minimalBytes() -> [UInt8] { [0x32, 0x00] }
}

/// A protobuf writer for crafted test inputs (any field, any wire type, any order).
struct PB {
    var bytes: [UInt8] = []

    static func varintBytes(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var x = v
        while x >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: x) | 0x80)
            x >>= 7
        }
        out.append(UInt8(x))
        return out
    }

    func varint(_ field: UInt64, _ v: UInt64) -> PB {
        var c = self
        c.bytes += Self.varintBytes(field << 3) + Self.varintBytes(v)
        return c
    }

    func int(_ field: UInt64, _ v: Int64) -> PB { varint(field, UInt64(bitPattern: v)) }

    func bytes(_ field: UInt64, _ payload: [UInt8]) -> PB {
        var c = self
        c.bytes += Self.varintBytes(field << 3 | 2) + Self.varintBytes(UInt64(payload.count)) + payload
        return c
    }

    func string(_ field: UInt64, _ s: String) -> PB { bytes(field, Array(s.utf8)) }

    func message(_ field: UInt64, _ m: PB) -> PB { bytes(field, m.bytes) }

    func packed(_ field: UInt64, _ vs: [UInt64]) -> PB { bytes(field, vs.flatMap { Self.varintBytes($0) }) }

    func fixed64(_ field: UInt64) -> PB {
        var c = self
        c.bytes += Self.varintBytes(field << 3 | 1) + [1, 2, 3, 4, 5, 6, 7, 8]
        return c
    }

    func fixed32(_ field: UInt64) -> PB {
        var c = self
        c.bytes += Self.varintBytes(field << 3 | 5) + [1, 2, 3, 4]
        return c
    }

    func raw(_ b: [UInt8]) -> PB {
        var c = self
        c.bytes += b
        return c
    }

    func strings(_ table: [String]) -> PB { table.reduce(self) { $0.string(6, $1) } }
}

/// Decodes and returns the error message, or nil on success.
///
/// The input is also decoded gzipped both ways, inflated first and inflated while decoding
/// (`InflateStream`): a difference in their errors or profiles is returned as the error.
func decodeError(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits()) -> String? {
    let message = decodeResult { try ProfileDecoder.decode(bytes, limits: limits) }.error
    guard let gz = Gzip.isGzip(bytes) ? bytes : try? Gzip.compress(bytes) else { return "gzip failed" }
    let serial = decodeResult { try ProfileDecoder.decodeTyped(gz, limits: limits, streamingMinBytes: .max) }
    let streamed = decodeResult { try ProfileDecoder.decodeTyped(gz, limits: limits, streamingMinBytes: 0) }
    if serial.error != streamed.error {
        return "streaming decode failed with \(streamed.error ?? "nothing"), serial with \(serial.error ?? "nothing")"
    }
    if let a = serial.profile, let b = streamed.profile, !sameProfile(a, b) {
        return "streaming decode made another profile"
    }
    return message
}

private func decodeResult(_ body: () throws -> Profile) -> (profile: Profile?, error: String?) {
    do {
        return (try body(), nil)
    } catch let e as PprofError {
        return (nil, e.message)
    } catch {
        return (nil, "unexpected error type: \(error)")
    }
}

/// Field-by-field equality (Profile is not Equatable: SampleTable is compared sample by sample).
func sameProfile(_ a: Profile, _ b: Profile) -> Bool {
    guard a.samples.count == b.samples.count, a.samples.valueCount == b.samples.valueCount else { return false }
    for i in 0..<a.samples.count {
        if Array(a.samples.stack(i)) != Array(b.samples.stack(i)) { return false }
        if Array(a.samples.values(i)) != Array(b.samples.values(i)) { return false }
        if Set(a.samples.labels(i)) != Set(b.samples.labels(i)) { return false }
    }
    return a.sampleTypes == b.sampleTypes && a.defaultSampleType == b.defaultSampleType
        && a.mappings == b.mappings && a.locations == b.locations && a.functions == b.functions
        && a.comments == b.comments && a.dropFrames == b.dropFrames && a.keepFrames == b.keepFrames
        && a.timeNanos == b.timeNanos && a.durationNanos == b.durationNanos && a.periodType == b.periodType
        && a.period == b.period && a.docURL == b.docURL
}
