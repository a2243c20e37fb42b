import Foundation
import PprofFormats
import PprofModel
import PprofReports

/// `Benchmarks tui PROFILE`: the explorer's hot paths on PROFILE (see scripts/bench.d/tui.sh);
/// `Benchmarks decode PROFILE`: the decoder alone (scripts/bench.d/decode.sh); `Benchmarks batch
/// PROFILE`: the phases of `-top` (scripts/bench.d/decode.sh). All print
/// `name value` lines. Kept out of the product so pprof-tui carries no bench code.
let args = CommandLine.arguments.dropFirst()
guard args.count == 2, let mode = args.first, ["tui", "decode", "batch"].contains(mode), let path = args.last else {
    FileHandle.standardError.write(Data("usage: Benchmarks tui|decode|batch PROFILE\n".utf8))
    exit(2)
}
do {
    guard let data = FileManager.default.contents(atPath: path) else { throw PprofError("open \(path): cannot read") }
    if mode == "decode" {
        print(try DecodeBench.run(bytes: [UInt8](data)), terminator: "")
    } else if mode == "batch" {
        print(try BatchBench.run(bytes: [UInt8](data)), terminator: "")
    } else {
        let session = Session(profile: try ProfileDecoder.decode([UInt8](data)))
        print(try TUIBench.run(session: session).text, terminator: "")
    }
} catch {
    FileHandle.standardError.write(Data("Benchmarks: \(sanitizeForTerminal("\(error)"))\n".utf8))
    exit(1)
}
