import Foundation
import GoRegex
import PprofModel
import PprofReports

/// One frame of a symbolized address (pprof's `plugin.Frame`).
package struct SymbolFrame: Sendable, Equatable {
    package var function: String
    package var file: String
    package var line: Int
}

/// The program's binaries read through the system's binutils as child processes:
/// llvm-symbolizer when present (as pprof prefers it), else addr2line, for source lines;
/// nm for symbols; objdump for instructions. Every call has an argument vector, a time
/// limit and an output limit; answers are cached per binary.
///
/// Addresses follow `go tool pprof` (Go 1.19's objTool): a mapping's sample address minus
/// (mapping start - the first executable segment's address) is the object address for
/// source lines; `disasm` takes sample addresses as object addresses unchanged.
package final class Binutils: ObjectTool, @unchecked Sendable {
    package struct Tools: Sendable {
        package var llvmSymbolizer: String?
        package var addr2line: String?
        package var nm: String?
        package var objdump: String?
        package init(llvmSymbolizer: String? = nil, addr2line: String? = nil, nm: String? = nil, objdump: String? = nil) {
            self.llvmSymbolizer = llvmSymbolizer
            self.addr2line = addr2line
            self.nm = nm
            self.objdump = objdump
        }
        /// The tools found on `$PATH`.
        package static func find(path: String?) -> Tools {
            Tools(
                llvmSymbolizer: findExecutable("llvm-symbolizer", path: path), addr2line: findExecutable("addr2line", path: path),
                nm: findExecutable("nm", path: path), objdump: findExecutable("objdump", path: path))
        }
    }

    /// Seconds one tool run may take, and the bytes of output read from it.
    package static let timeoutSeconds = 30.0
    package static let maxOutput = 64 << 20

    let runner: any ChildRunner
    let tools: Tools
    let probe: FileSystemProbe
    private let lock = NSLock()
    private var headers: [String: ELFHeader?] = [:]
    private var symbolTables: [String: [ObjSymbol]?] = [:]
    private var lineCache: [String: [UInt64: [SymbolFrame]]] = [:]

    /// Where `PPROF_BINARY_PATH` and `HOME` come from, for the paths a "no binary" note lists.
    let searchEnvironment: [String: String]

    package init(
        runner: any ChildRunner = SpawnRunner(), tools: Tools, probe: FileSystemProbe = .live, searchEnvironment: [String: String] = [:]
    ) {
        self.searchEnvironment = searchEnvironment
        self.runner = runner
        self.tools = tools
        self.probe = probe
    }

    /// A path safe to pass as an argument: one starting with `-` gets `./` so no tool reads it
    /// as an option.
    static func argPath(_ path: String) -> String { path.hasPrefix("-") ? "./" + path : path }

    func header(_ path: String) -> ELFHeader? {
        if let h = lock.withLock({ headers[path] }) { return h }
        let h = ELFHeader.read(path: path)
        lock.withLock { headers[path] = .some(h) }
        return h
    }

    /// Go 1.19 objTool's `offset`: mapping start minus the object's load address.
    package func offset(_ m: Mapping) -> UInt64 {
        guard m.start != 0, let load = header(m.file)?.loadAddress else { return 0 }
        return m.start &- load
    }

    package func objectAddress(mapping: Mapping, address: UInt64) -> UInt64 { address }

    /// Source frames (innermost first) for object addresses of `file`; an address with no
    /// line information maps to no frames.
    package func sourceFrames(file: String, addresses: [UInt64]) -> [UInt64: [SymbolFrame]] {
        var cached = lock.withLock { lineCache[file] ?? [:] }
        let missing = Array(Set(addresses.filter { cached[$0] == nil })).sorted()
        if !missing.isEmpty, header(file) != nil {
            let input = Array(missing.map { "0x" + String($0, radix: 16) + "\n" }.joined().utf8)
            var answers: [[SymbolFrame]]?
            if let tool = tools.llvmSymbolizer,
                let r = runner.run(
                    [tool, "--inlines", "--functions=short", "--no-demangle", "--output-style=LLVM", "--obj=" + file],
                    stdin: input, timeoutSeconds: Self.timeoutSeconds, maxOutput: Self.maxOutput),
                r.status == 0, !r.timedOut, !r.truncated
            {
                answers = Self.parseLLVMSymbolizer(r.stdout, count: missing.count)
            } else if let tool = tools.addr2line,
                let r = runner.run(
                    [tool, "-a", "-f", "-i", "-e", Self.argPath(file)], stdin: input, timeoutSeconds: Self.timeoutSeconds,
                    maxOutput: Self.maxOutput),
                r.status == 0, !r.timedOut, !r.truncated
            {
                answers = Self.parseAddr2line(r.stdout, count: missing.count)
            }
            for (i, a) in missing.enumerated() { cached[a] = answers.map { $0[i] } ?? [] }
            lock.withLock { lineCache[file] = cached }
        }
        var out: [UInt64: [SymbolFrame]] = [:]
        for a in addresses { out[a] = cached[a] ?? [] }
        return out
    }

    /// llvm-symbolizer's LLVM style: per address, function and `file:line:column` lines per
    /// frame, then an empty line.
    static func parseLLVMSymbolizer(_ bytes: [UInt8], count: Int) -> [[SymbolFrame]]? {
        let text = String(decoding: bytes, as: UTF8.self)
        var blocks = text.components(separatedBy: "\n\n").map { $0.split(separator: "\n", omittingEmptySubsequences: true) }
        blocks = blocks.filter { !$0.isEmpty }
        guard blocks.count == count else { return nil }
        return blocks.map { lines in
            stride(from: 0, to: lines.count - 1, by: 2).compactMap { i in frame(function: lines[i], location: lines[i + 1], columns: true) }
        }
    }

    /// addr2line -a -f -i: per address a `0x...` line, then function and `file:line` lines per frame.
    static func parseAddr2line(_ bytes: [UInt8], count: Int) -> [[SymbolFrame]]? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var out: [[SymbolFrame]] = []
        var i = 0
        while i < lines.count {
            if lines[i].hasPrefix("0x") {
                out.append([])
                i += 1
                continue
            }
            guard !out.isEmpty, i + 1 < lines.count else { break }
            if let f = frame(function: lines[i], location: lines[i + 1], columns: false) { out[out.count - 1].append(f) }
            i += 2
        }
        return out.count == count ? out : nil
    }

    private static func frame(function: Substring, location: Substring, columns: Bool) -> SymbolFrame? {
        var loc = location
        if let d = loc.range(of: " (discriminator ") { loc = loc[..<d.lowerBound] }
        var parts = loc.split(separator: ":", omittingEmptySubsequences: false)
        if columns && parts.count >= 3 { parts.removeLast() }
        guard parts.count >= 2, let line = Int(parts[parts.count - 1]) else { return nil }
        var file = parts.dropLast().joined(separator: ":")
        // llvm-symbolizer joins a compile directory of "." (Go's) onto the name; Go's own line
        // table, which go tool pprof reads, has the name alone.
        if file.hasPrefix("./") { file.removeFirst(2) }
        let fn = function == "??" ? "" : String(function)
        if file == "??" || file.isEmpty {
            return fn.isEmpty ? nil : SymbolFrame(function: fn, file: "", line: 0)
        }
        return SymbolFrame(function: fn, file: file, line: line)
    }

    /// Go 1.19's objTool `SourceLine` for C and Go code alike: the innermost frame's file and
    /// line with the enclosing (outermost) function's name; no inlined frames.
    package static func goFrame(_ frames: [SymbolFrame]) -> SymbolFrame? {
        guard let inner = frames.first, !inner.file.isEmpty, let outer = frames.last else { return nil }
        return SymbolFrame(function: outer.function, file: inner.file, line: inner.line)
    }

    /// Go 1.19 reads a Go binary's own line table: an address inside a Go function with no
    /// line there still gets the function, with no file and line -1. nil for other binaries.
    package func goTableFrame(file: String, address: UInt64) -> SymbolFrame? {
        guard isGoBinary(file), let table = symbolTable(file) else { return nil }
        // Go's function table runs each function up to the next one's entry (padding included).
        guard let s = table.filter({ $0.start <= address && $0.end >= $0.start }).max(by: { $0.start < $1.start }),
            let name = s.names.first, !name.isEmpty, name != "runtime.text"
        else { return nil }
        return SymbolFrame(function: name, file: "", line: -1)
    }

    // MARK: ObjectTool

    package func sourceLines(file: String, addresses: [UInt64]) -> [UInt64: (file: String, line: Int)] {
        var out: [UInt64: (file: String, line: Int)] = [:]
        for (a, frames) in sourceFrames(file: file, addresses: addresses) {
            if let f = frames.first, !f.file.isEmpty { out[a] = (f.file, f.line) }
        }
        return out
    }

    package func triedPaths(for mapping: Mapping) -> [String] {
        [mapping.file] + BinarySearch(environment: searchEnvironment).tried(mapping)
    }

    package func symbols(mapping: Mapping, matching regex: GoRegex, address: UInt64) throws -> [ObjSymbol] {
        if let failure = probe.openObjectFailure(mapping.file) { throw PprofError(failure) }
        let all = symbolTable(mapping.file) ?? []
        return all.filter { s in
            regex.matches(s.names.first ?? "") && (address == 0 || (s.start <= address && address <= s.end))
        }
    }

    /// Symbols with an address or size, as Go's objfile lists an ELF symbol table.
    func symbolTable(_ file: String) -> [ObjSymbol]? {
        if let t = lock.withLock({ symbolTables[file] }) { return t }
        var table: [ObjSymbol]?
        if header(file) != nil, let nm = tools.nm,
            let r = runner.run([nm, "-S", "-n", "--", Self.argPath(file)], stdin: [], timeoutSeconds: Self.timeoutSeconds, maxOutput: Self.maxOutput),
            r.status == 0, !r.timedOut, !r.truncated
        {
            table = Self.parseNM(r.stdout, file: file)
        }
        lock.withLock { symbolTables[file] = .some(table) }
        return table
    }

    /// `nm -S -n` lines: `address [size] type name`.
    static func parseNM(_ bytes: [UInt8], file: String) -> [ObjSymbol] {
        var out: [ObjSymbol] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
            guard f.count >= 3, let addr = UInt64(f[0], radix: 16) else { continue }
            var size: UInt64 = 0
            var name: Substring
            if f.count == 4, f[2].count == 1, let s = UInt64(f[1], radix: 16) {
                size = s
                name = f[3]
            } else {
                name = f.count == 4 ? f[2] + " " + f[3] : f[2]
            }
            if addr == 0 && size == 0 { continue }
            out.append(ObjSymbol(names: [String(name)], file: file, start: addr, end: addr &+ size &- 1))
        }
        return out
    }

    package func disassemble(file: String, start: UInt64, end: UInt64) throws -> [ObjInstruction] {
        guard let objdump = tools.objdump else { throw PprofError("disasm: objdump not found on $PATH (install binutils)") }
        guard end > start else { return [] }
        guard let r = runner.run(
            [objdump, "-d", "--no-show-raw-insn", "--start-address=0x" + String(start, radix: 16),
             "--stop-address=0x" + String(end, radix: 16), "--", Self.argPath(file)],
            stdin: [], timeoutSeconds: Self.timeoutSeconds, maxOutput: Self.maxOutput)
        else { throw PprofError("disasm: cannot run \(objdump)") }
        if r.timedOut { throw PprofError("disasm: objdump timed out on \(file)") }
        guard r.status == 0 else { throw PprofError("disasm: objdump failed on \(file) (exit status \(r.status))") }
        var insts = Self.parseObjdump(r.stdout).filter { $0.address >= start && $0.address < end }
        // Go's disassembler gives a Go binary's instructions their file and line from its own
        // line table (none for other binaries, whose lines come from the samples only).
        if isGoBinary(file) {
            let frames = sourceFrames(file: file, addresses: insts.map(\.address))
            for i in insts.indices {
                if let f = frames[insts[i].address]?.first, !f.file.isEmpty {
                    insts[i].file = f.file
                    insts[i].line = f.line
                } else {
                    insts[i].line = -1
                }
            }
        }
        return insts
    }

    /// A Go binary has Go's function table; nm shows its `runtime.text` symbol.
    func isGoBinary(_ file: String) -> Bool {
        symbolTable(file)?.contains(where: { $0.names.first == "runtime.text" }) ?? false
    }

    /// objdump -d lines `  401136:\ttest   %rdi,%rdi` (tabs and runs of spaces become one space).
    static func parseObjdump(_ bytes: [UInt8]) -> [ObjInstruction] {
        var out: [ObjInstruction] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), line.first == " " else { continue }
            let addrText = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard let addr = UInt64(addrText, radix: 16) else { continue }
            let rest = line[line.index(after: colon)...]
            let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !words.isEmpty else { continue }
            out.append(ObjInstruction(address: addr, text: words.joined(separator: " ")))
        }
        return out
    }
}
