import Foundation
import PprofFormats
import PprofModel
import PprofReports

/// What each libFuzzer target does with one input, shared by the fuzzers (Sources/Fuzz*/main.swift)
/// and the tests that replay their findings (HostileRegressionTests), so the two cannot drift.
/// Each entry returns nil when the input was handled (accepted, or refused with a thrown
/// `PprofError`) and a one-line finding otherwise; a trap or a hang is a finding by itself.
package enum FuzzHarness {
    /// FuzzDecode's bounds: small enough that one input cannot exhaust the fuzzer's memory,
    /// large enough to reach every branch.
    package static let decodeLimits: DecodeLimits = {
        var l = DecodeLimits()
        l.maxDecompressedBytes = 4 << 20
        l.maxSamples = 100_000
        l.maxLocations = 100_000
        l.maxFunctions = 100_000
        l.maxStringLength = 1 << 16
        l.maxStackDepth = 1_000
        l.maxLabelsPerSample = 100
        return l
    }()

    /// FuzzReports' bounds: every report runs per input, so profiles stay smaller.
    package static let reportLimits: DecodeLimits = {
        var l = DecodeLimits()
        l.maxDecompressedBytes = 1 << 20
        l.maxSamples = 10_000
        l.maxLocations = 10_000
        l.maxFunctions = 10_000
        l.maxStringLength = 1 << 12
        l.maxStackDepth = 500
        l.maxLabelsPerSample = 50
        return l
    }()

    /// (command, symbol) pairs: every batch report pprof-tui prints as text.
    package static let reports: [(String, String?)] = [
        ("top", nil), ("tree", nil), ("peek", "."), ("traces", nil), ("tags", nil), ("raw", nil),
        ("comments", nil), ("list", "."), ("dot", nil), ("collapsed", nil), ("flame_svg", nil),
        ("callgrind", nil),
    ]

    /// FuzzDecode: gzip + protobuf (and legacy text) decoding and validation. An accepted input
    /// must pass `checkValid` and survive an encode/decode round trip (what `-proto` relies on).
    package static func decode(_ bytes: [UInt8]) -> String? {
        guard let profile = try? ProfileDecoder.decode(bytes, limits: decodeLimits) else { return nil }
        do {
            try profile.checkValid()
        } catch {
            return "decoded profile fails checkValid: \(error)"
        }
        do {
            var relaxed = decodeLimits
            relaxed.maxDecompressedBytes = 64 << 20
            _ = try ProfileDecoder.decode(try ProfileEncoder.encodeGzip(profile), limits: relaxed)
        } catch {
            return "round trip of an accepted profile failed: \(error)"
        }
        return nil
    }

    /// FuzzReports: decode, then every batch report with default options. A report may refuse
    /// the profile; it must never print a byte a terminal would act on.
    package static func reports(_ bytes: [UInt8]) -> String? {
        guard let profile = try? ProfileDecoder.decode(bytes, limits: reportLimits) else { return nil }
        for (command, symbol) in reports {
            guard let prepared = try? Pipeline.prepare(profile: profile, command: command, symbol: symbol, config: Config()),
                let rendered = try? prepared.report.render(command: command, environment: reportEnvironment)
            else { continue }
            if let at = firstUnsafeOffset(rendered.bytes) {
                let context = Array(rendered.bytes[max(0, at - 40)..<min(rendered.bytes.count, at + 20)])
                return "\(command): terminal-unsafe byte at offset \(at): \(context)"
            }
        }
        return nil
    }

    /// FuzzSession: the input's lines (at most 16) run by `Session.execute` over `profile`;
    /// option settings carry over between lines. No line may trap or hang.
    package static func session(_ bytes: [UInt8], profile: Profile) -> String? {
        var session = Session(profile: profile, environment: sessionEnvironment)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").prefix(16) {
            if case .quit = session.execute(String(line)) { break }
        }
        return nil
    }

    /// The offset of the first byte sequence a terminal would act on, if any: C0 controls but
    /// newline and tab, DEL, C1 controls (U+0080–U+009F) and the bidi overrides/isolates.
    package static func firstUnsafeOffset(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if (c < 0x20 && c != 0x0A && c != 0x09) || c == 0x7F { return i }
            if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { return i }
            if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0xAA...0xAE).contains(b[i + 2]) { return i }
            if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x81, (0xA6...0xA9).contains(b[i + 2]) { return i }
            i += 1
        }
        return nil
    }
}
