import Testing

import PprofFormats
import PprofModel

@Suite struct EncoderTests {
    @Test func stringTableFollowsPprofOrderAndDefaultsAreOmitted() throws {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "t", unit: "u")]
        var s = SampleTable(valueCount: 1)
        s.append(
            stack: [Int32](), values: [3],
            labels: [SampleLabel(key: "z", num: 1, unit: "n"), SampleLabel(key: "y", str: "v"), SampleLabel(key: "b", str: "w")])
        p.samples = s
        p.defaultSampleType = "t"
        let bytes = ProfileEncoder.encode(p)
        let expected = PB().message(1, PB().varint(1, 1).varint(2, 2))
            .message(
                2,
                PB().varint(2, 3).message(3, PB().varint(1, 3).varint(2, 4)).message(3, PB().varint(1, 5).varint(2, 6))
                    .message(3, PB().varint(1, 7).varint(3, 1).varint(4, 8))
            )
            .strings(["", "t", "u", "b", "w", "y", "v", "z", "n"])
            .varint(14, 1)
        #expect(bytes == expected.bytes)
    }

    @Test func repeatedIntegersArePackedOnlyAboveTwo() {
        var w = ProtoWriter()
        w.repeated(1, [1, 2])
        #expect(w.out == [0x08, 1, 0x08, 2])
        w = ProtoWriter()
        w.repeated(1, [1, 2, 300])
        #expect(w.out == [0x0a, 4, 1, 2, 0xac, 0x02])
    }

    @Test func emptyProfileEncodesStringTableAndDefaultSampleType() throws {
        #expect(ProfileEncoder.encode(Profile()) == [0x32, 0x00, 0x70, 0x00])
        let p = try ProfileDecoder.decode(ProfileEncoder.encode(Profile()))
        #expect(p.samples.count == 0)
    }
}
