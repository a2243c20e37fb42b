import Foundation
import FuzzDriver
import PprofFormats
import PprofModel

// libFuzzer target 1: gzip + protobuf (and legacy text) decoding and validation.
// Every input must either decode to a profile that passes `checkValid` and survives an
// encode/decode round trip, or be refused with a thrown `PprofError`; a trap is a finding.

/// Small enough that one input can't exhaust the fuzzer's memory, large enough to reach every branch.
let limits: DecodeLimits = {
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

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let profile = try? ProfileDecoder.decode(bytes, limits: limits) else { return 0 }
    do {
        try profile.checkValid()
    } catch {
        complain("decoded profile fails checkValid: \(error)")
        abort()
    }
    // A profile we accepted must be writable and read back (what `proto` and `-output` rely on).
    do {
        let encoded = try ProfileEncoder.encodeGzip(profile)
        var relaxed = limits
        relaxed.maxDecompressedBytes = 64 << 20
        _ = try ProfileDecoder.decode(encoded, limits: relaxed)
    } catch {
        complain("round trip of an accepted profile failed: \(error)")
        abort()
    }
    return 0
}

/// Says why before aborting (stdout would be lost: the abort skips its flush).
func complain(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
