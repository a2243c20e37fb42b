import Foundation
import FuzzDriver
import FuzzHarness

// libFuzzer target 1: gzip + protobuf (and legacy text) decoding and validation
// (FuzzHarness.decode, which HostileRegressionTests replays too). A finding aborts.

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let finding = FuzzHarness.decode(bytes) {
        complain(finding)
        abort()
    }
    return 0
}

/// Says why before aborting (stdout would be lost: the abort skips its flush).
func complain(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
