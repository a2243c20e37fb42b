import Foundation
import FuzzDriver
import PprofFormats
import PprofModel
import PprofReports

// libFuzzer target 3: the prompt's command parser. The input is split into lines, each run by
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

struct AnySource: SourceProvider {
    static let text: [UInt8] = Array((1...60).map { "\tline\($0)()\n" }.joined().utf8)
    func read(path: String) -> [UInt8]? { path.isEmpty ? nil : Self.text }
    func openFailure(path: String) -> String { "no such file or directory" }
    var workingDirectory: String { "/src" }
    var goRoots: [String] { [] }
    var moduleCaches: [String] { [] }
}

struct NoFiles: ReportFiles {
    func newNumberedFile(prefix: String, suffix: String) throws -> String { prefix + "001" + suffix }
    func writeAtomically(path: String, bytes: [UInt8]) throws {}
}

struct EchoGraphviz: GraphvizRunner {
    func render(dot: String, format: String) throws -> [UInt8] { Array(dot.utf8) }
}

let environment = ReportEnvironment(files: NoFiles(), graphviz: EchoGraphviz(), sources: AnySource())

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var session = Session(profile: profile, environment: environment)
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").prefix(16) {
        if case .quit = session.execute(String(line)) { break }
    }
    return 0
}

_ = profile
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
