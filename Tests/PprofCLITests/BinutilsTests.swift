import Foundation
import GoRegex
import PprofModel
import Testing

@testable import PprofCLI

/// A ChildRunner that answers from a script and records every argument vector.
final class ScriptedRunner: ChildRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [[String]] = []
    let answer: @Sendable ([String], [UInt8]) -> ChildResult?
    init(_ answer: @escaping @Sendable ([String], [UInt8]) -> ChildResult?) { self.answer = answer }
    var argvs: [[String]] { lock.withLock { calls } }
    func run(_ argv: [String], stdin: [UInt8], timeoutSeconds: Double, maxOutput: Int) -> ChildResult? {
        lock.withLock { calls.append(argv) }
        return answer(argv, stdin)
    }
}

@Suite struct BinutilsTests {
    static let elf = "/bin/sh"

    @Test func llvmSymbolizerFramesGiveGo119SourceLines() {
        let out = "helper\n/src/hot.c:16:9\nouter\n/src/hot.c:20:20\n\nwork\n/src/hot.c:9:10\n\n??\n??:0:0\n\n"
        let runner = ScriptedRunner { _, _ in ChildResult(stdout: Array(out.utf8), status: 0) }
        let b = Binutils(runner: runner, tools: .init(llvmSymbolizer: "/usr/bin/llvm-symbolizer", addr2line: "/usr/bin/addr2line"))
        let frames = b.sourceFrames(file: Self.elf, addresses: [0x30, 0x10, 0x20, 0x10])
        #expect(Binutils.goFrame(frames[0x10] ?? []) == SymbolFrame(function: "outer", file: "/src/hot.c", line: 16))
        #expect(Binutils.goFrame(frames[0x20] ?? []) == SymbolFrame(function: "work", file: "/src/hot.c", line: 9))
        #expect(frames[0x30] == [])
        #expect(runner.argvs.count == 1)
        #expect(runner.argvs.first?.last == "--obj=" + Self.elf)
        // Cached per binary: asking again runs nothing.
        _ = b.sourceFrames(file: Self.elf, addresses: [0x20])
        #expect(runner.argvs.count == 1)
    }

    @Test func addr2lineIsTheFallbackAndOptionLikeNamesGetDotSlash() throws {
        let out = "0x10\nouter\n/src/hot.c:16 (discriminator 3)\n0x20\n??\n??:0\n"
        let runner = ScriptedRunner { argv, _ in
            argv[0].hasSuffix("llvm-symbolizer") ? nil : ChildResult(stdout: Array(out.utf8), status: 0)
        }
        let b = Binutils(runner: runner, tools: .init(llvmSymbolizer: "/usr/bin/llvm-symbolizer", addr2line: "/usr/bin/addr2line"))
        let frames = b.sourceFrames(file: Self.elf, addresses: [0x10, 0x20])
        #expect(frames[0x10] == [SymbolFrame(function: "outer", file: "/src/hot.c", line: 16)])
        #expect(frames[0x20] == [])
        let a2l = try #require(runner.argvs.last)
        #expect(a2l == ["/usr/bin/addr2line", "-a", "-f", "-i", "-e", Self.elf])
        // A relative name that reads as an option reaches no tool as one.
        #expect(Binutils.argPath("-v") == "./-v" && Binutils.argPath("--help") == "./--help")
        #expect(Binutils.argPath("/x/-v") == "/x/-v")
    }

    @Test func failedOrTruncatedToolRunsGiveNoFrames() {
        let runner = ScriptedRunner { _, _ in ChildResult(stdout: Array("work\n/x.c:1:1\n\n".utf8), status: 0, truncated: true) }
        let b = Binutils(runner: runner, tools: .init(llvmSymbolizer: "/usr/bin/llvm-symbolizer"))
        #expect(b.sourceFrames(file: Self.elf, addresses: [1]) == [1: []])
        // A file that is not an object is never handed to a tool.
        _ = b.sourceFrames(file: "/dev/zero", addresses: [1])
        #expect(runner.argvs.count == 1)
    }

    @Test func nmAndObjdumpOutputsParse() {
        let nm = "                 U printf\n0000000000401000 T _init\n0000000000401136 0000000000000031 T work\n"
        let syms = Binutils.parseNM(Array(nm.utf8), file: "f")
        #expect(syms.map(\.names) == [["_init"], ["work"]])
        #expect(syms.last?.start == 0x401136 && syms.last?.end == 0x401166)
        let od = "\nf:     file format elf64-x86-64\n\nDisassembly of section .text:\n\n0000000000401136 <work>:\n  401136:\ttest   %rdi,%rdi\n  401139:\tje     401163 <work+0x2d>\n"
        let insts = Binutils.parseObjdump(Array(od.utf8))
        #expect(insts.map(\.address) == [0x401136, 0x401139])
        #expect(insts.map(\.text) == ["test %rdi,%rdi", "je 401163 <work+0x2d>"])
    }

    @Test func spawnRunnerBoundsOutputAndFeedsStdin() throws {
        let yes = try #require(findExecutable("yes", path: "/usr/bin:/bin"))
        let r = try #require(SpawnRunner().run([yes], stdin: [], timeoutSeconds: 60, maxOutput: 1000))
        #expect(r.truncated && r.stdout.count == 1000)
        let cat = try #require(findExecutable("cat", path: "/usr/bin:/bin"))
        let input = Array(String(repeating: "abc\n", count: 50_000).utf8)
        let c = try #require(SpawnRunner().run([cat], stdin: input, timeoutSeconds: 60, maxOutput: 1 << 20))
        #expect(c.stdout == input && c.status == 0 && !c.truncated)
        #expect(SpawnRunner().run(["relative-name"], stdin: [], timeoutSeconds: 1, maxOutput: 1) == nil)
    }

    /// Children spawned from several threads at once (parallel symbolization, tests) each get
    /// only their own pipes: a child holding another's stdin open would keep that one from
    /// seeing its end (two such children wait for each other until the deadline).
    @Test func spawnRunnersOnManyThreadsDoNotHoldEachOthersPipes() throws {
        let cat = try #require(findExecutable("cat", path: "/usr/bin:/bin"))
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var slow: [String] = []
            func add(_ s: String) { lock.lock(); slow.append(s); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<12 {
                let input = Array("thread \(t) run \(i)\n".utf8)
                let start = Date()
                let r = SpawnRunner().run([cat], stdin: input, timeoutSeconds: 20, maxOutput: 1 << 16)
                let took = Date().timeIntervalSince(start)
                if r?.stdout != input || r?.timedOut != false || took > 5 { results.add("thread \(t) run \(i): \(took) s") }
            }
        }
        #expect(results.slow.isEmpty, "\(results.slow)")
    }

    @Test func searchPathCandidatesFollowPprof() {
        var m = Mapping(id: 1)
        m.file = "/usr/bin/server"
        m.buildID = "abcdef"
        let s = BinarySearch(environment: ["PPROF_BINARY_PATH": "/b"])
        #expect(s.candidates(m, dir: "/b") == [
            "/b/abcdef/server", "/b/usr/bin/server/abcdef", "/b/ab/cdef.debug", "/b/server", "/b/usr/bin/server",
        ])
        #expect(BinarySearch(environment: ["HOME": "/h"]).directories == ["/h/pprof/binaries"])
        #expect(BinarySearch.clean("/b/../../etc/x") == "/etc/x")
    }

    @Test func elfHeaderReadsLoadAddressAndBuildID() throws {
        let h = try #require(ELFHeader.read(path: Self.elf))
        #expect(h.loadAddress != nil)
        #expect(ELFHeader.read(path: "/dev/zero") == nil)
        #expect(ELFHeader.read(path: "/") == nil)
    }
}
