import Foundation
import FuzzDriver
import FuzzHarness
import PprofModel

// libFuzzer target 3: the prompt's command parser (FuzzHarness.session, which
// HostileRegressionTests replays too). The input is split into lines, each run by
// `Session.execute` over a small fixed profile (option settings carry over between lines, so
// the fuzzer can combine `focus=...` with a report). No line may trap or hang; file-writing
// commands go to a scripted `ReportFiles`, Graphviz is never run.

/// The profile every input runs against: `PPROF_FUZZ_PROFILE`, else the crafted tags profile
/// (labels, numeric tags with units, two sample types, mappings).
let profile: Profile = {
    let path = ProcessInfo.processInfo.environment["PPROF_FUZZ_PROFILE"] ?? "Fixtures/profiles/crafted/tags.pb.gz"
    guard let data = FileManager.default.contents(atPath: path), let p = try? ProfileDecoder.decode(Array(data)) else {
        print("FuzzSession: cannot load \(path) (run from the repository root or set PPROF_FUZZ_PROFILE)")
        exit(2)
    }
    return p
}()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let finding = FuzzHarness.session(bytes, profile: profile) {
        FileHandle.standardError.write(Data((finding + "\n").utf8))
        abort()
    }
    return 0
}

_ = profile
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
