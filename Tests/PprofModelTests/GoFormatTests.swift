import Testing

import PprofModel

/// `GoFormat.fixed` takes an integer path away from rounding halves: its text must be C's
/// `%.Nf` (which Go's matches) everywhere, halves, signs and magnitudes included.
@Suite struct GoFormatTests {
    @Test func fixedIsPrintfEverywhere() {
        var values: [Double] = [
            0, -0.0, 0.001, -0.001, 0.005, -0.005, 0.125, 0.375, 2.675, 1.005, 99.995, 99.945,
            0.5, 1.5, 2.5, -2.5, 1e11 + 0.005, 999_999_999_999.99, 1e12, 1e15 + 0.3, 123.456,
            4.35, 8.345, -7.125, 1.0 / 3, 2.0 / 3, Double(Int64.max), -Double(Int64.max),
        ]
        // Deterministic spread over many magnitudes (a 64-bit LCG), near-halves included.
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Double(x >> 11) / Double(1 << 53)
            let exponent = Int(x & 0x3F) - 24
            let v = (x & 0x40 == 0 ? 1 : -1) * mantissa * pow10(exponent)
            values.append(v)
            values.append((v * 1000).rounded() / 1000 + 0.0005)
        }
        for v in values {
            for p in 0...6 {
                let expected = GoFormat.printf("%.*f", Int32(p), v)
                #expect(GoFormat.fixed(v, precision: p) == expected, "\(v) precision \(p)")
            }
        }
    }

    private func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }
}
