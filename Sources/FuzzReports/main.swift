import Foundation
import FuzzDriver
import PprofFormats
import PprofModel
import PprofReports

// libFuzzer target 2: decode, then every batch report with default options.
// A report may refuse a profile with a thrown `PprofError`; it must never trap, hang, or print
// a byte that could drive the terminal (names come from the profile, which is untrusted).

let limits: DecodeLimits = {
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

/// Every path has the same 40-line Go file, so `list` reaches its line-range code for any profile.
struct AnySource: SourceProvider {
    static let text: [UInt8] = Array(
        (1...40).map { "\tline\($0) := \"\\x1b[31m\" // \($0)\n" }.joined().utf8)
    func read(path: String) -> [UInt8]? { path.isEmpty ? nil : Self.text }
    func openFailure(path: String) -> String { "no such file or directory" }
    var workingDirectory: String { "/src" }
    var goRoots: [String] { [] }
    var moduleCaches: [String] { [] }
}

/// Writes go nowhere: the fuzzer must not touch the disk.
struct NoFiles: ReportFiles {
    func newNumberedFile(prefix: String, suffix: String) throws -> String { prefix + "001" + suffix }
    func writeAtomically(path: String, bytes: [UInt8]) throws {}
}

/// Graphviz is not run: its "output" is the DOT text itself.
struct EchoGraphviz: GraphvizRunner {
    func render(dot: String, format: String) throws -> [UInt8] { Array(dot.utf8) }
}

let environment = ReportEnvironment(files: NoFiles(), graphviz: EchoGraphviz(), sources: AnySource())

/// (command, symbol) pairs: every batch report pprof-tui prints as text.
let reports: [(String, String?)] = [
    ("top", nil), ("tree", nil), ("peek", "."), ("traces", nil), ("tags", nil), ("raw", nil),
    ("comments", nil), ("list", "."), ("dot", nil), ("collapsed", nil), ("flame_svg", nil),
]

/// The offset of the first byte sequence that a terminal would act on, if any: C0 controls but
/// newline and tab, DEL, C1 controls (U+0080–U+009F) and the bidi overrides/isolates.
func firstUnsafeOffset(_ b: [UInt8]) -> Int? {
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

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let profile = try? ProfileDecoder.decode(bytes, limits: limits) else { return 0 }
    for (command, symbol) in reports {
        guard let prepared = try? Pipeline.prepare(profile: profile, command: command, symbol: symbol, config: Config()),
            let rendered = try? prepared.report.render(command: command, environment: environment)
        else { continue }
        if let at = firstUnsafeOffset(rendered.bytes) {
            let context = rendered.bytes[max(0, at - 40)..<min(rendered.bytes.count, at + 20)]
            complain("\(command): terminal-unsafe byte at offset \(at): \(Array(context))")
            complain(String(decoding: context, as: UTF8.self).debugDescription)
            abort()
        }
    }
    return 0
}

/// Says why before aborting (stdout would be lost: the abort skips its flush).
func complain(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
