import Foundation
import PprofCLI
import PprofFormats
import PprofModel
import PprofReports

/// `Benchmarks tui PROFILE`: the explorer's load and hot paths on PROFILE (see scripts/bench.d/tui.sh);
/// `Benchmarks decode PROFILE`: the decoder alone (scripts/bench.d/decode.sh); `Benchmarks batch
/// PROFILE`: the phases of `-top` (scripts/bench.d/decode.sh). All print
/// `name value` lines. Kept out of the product so pprof-tui carries no bench code.
let args = CommandLine.arguments.dropFirst()
guard args.count == 2, let mode = args.first, ["tui", "decode", "batch"].contains(mode), let path = args.last else {
    FileHandle.standardError.write(Data("usage: Benchmarks tui|decode|batch PROFILE\n".utf8))
    exit(2)
}
do {
    func bytes() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PprofError("open \(path): cannot read") }
        return [UInt8](data)
    }
    if mode == "decode" {
        print(try DecodeBench.run(bytes: try bytes()), terminator: "")
    } else if mode == "batch" {
        print(try BatchBench.run(bytes: try bytes()), terminator: "")
    } else {
        // The explorer's own load (decode, then its combine), timed as part of the first view.
        let clock = TUIBench.Clock()
        let session = try TerminalUI.loadSession([path], io: .process())
        let load = clock.elapsed
        var result = try TUIBench.run(session: session)
        (result.loadMs, result.loadCPUMs) = load
        print(result.text, terminator: "")
    }
} catch {
    FileHandle.standardError.write(Data("Benchmarks: \(sanitizeForTerminal("\(error)"))\n".utf8))
    exit(1)
}
