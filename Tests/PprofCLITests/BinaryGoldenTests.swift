import Foundation
import Testing
import TestSupport

/// The binary fixtures (Fixtures/binaries/: a C program built with gcc -g, a stripped copy, a
/// PIE mapped at an ASLR base) symbolized and disassembled through the system's binutils,
/// compared with what `go tool pprof` printed for the same build (scripts/record-binary-goldens.sh).
/// The binaries are built here (scripts/build-binary-fixtures.sh); when this build's hashes differ
/// from the recorded ones, the expectations come from `go tool pprof` run now instead.
/// `disasm` compares addresses, costs and source annotations: the instruction text is objdump's
/// (AT&T), Go 1.19's pprof prints Go's own (Plan 9) syntax.
@Suite struct BinaryGoldenTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var env: [String: String]
        var args: [String]
        var description: String { name }
    }

    /// The build directory, and whether its binaries are the recorded ones; nil when the tools
    /// to build are missing.
    static let build: (dir: String, recorded: Bool)? = {
        _ = CLIHarness.setUp
        let dir = NSTemporaryDirectory() + "pprof-tui-binaries-\(getpid())"
        guard run(["/bin/bash", TestPaths.root.path + "/scripts/build-binary-fixtures.sh", dir]) != nil,
            let hashes = run(["/usr/bin/sha256sum", "hot", "hot_pie", "hot_stripped", "gohot"], cwd: dir)
        else { return nil }
        let recorded = (try? String(contentsOfFile: TestPaths.fixture("binaries/goldens/BUILD.sha256"), encoding: .utf8)) ?? ""
        return (dir, hashes == recorded)
    }()
    static let goAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/go")
    /// Compared with recorded goldens, or with pprof live; neither when the build differs and Go is missing.
    static var enabled: Bool { build.map { $0.recorded || goAvailable } ?? false }

    static func run(_ argv: [String], cwd: String? = nil, env: [String: String]? = nil) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        if let env { p.environment = env }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    static func cases() -> [Case] {
        guard let text = try? String(contentsOfFile: TestPaths.fixture("binaries/goldens/CASES.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            var env: [String: String] = [:]
            var args: [String] = []
            for w in parts[1].split(separator: " ").map(String.init) {
                if args.isEmpty, let eq = w.firstIndex(of: "="), w[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" }) {
                    env[String(w[..<eq])] = String(w[w.index(after: eq)...])
                } else {
                    args.append(w)
                }
            }
            return Case(name: String(parts[0]), env: env, args: args)
        }
    }

    /// `disasm` lines without the instruction text: flat, cum, address and the `;loc` note (a
    /// note on a line of its own joins the instruction after it).
    static func withoutInstructionText(_ s: String) -> String {
        var out: [String] = []
        var pendingLoc: String?
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count == 1, f[0].hasPrefix(";"), line.hasPrefix(String(repeating: " ", count: 74)) {
                pendingLoc = String(f[0])
                continue
            }
            if f.count >= 3, f[2].hasSuffix(":"), UInt64(f[2].dropLast(), radix: 16) != nil {
                let loc = pendingLoc ?? line.range(of: ";", options: .backwards).map { String(line[$0.lowerBound...]) } ?? ""
                pendingLoc = nil
                out.append("\(f[0]) \(f[1]) \(f[2]) \(loc)")
                continue
            }
            out.append(String(line))
        }
        return out.joined(separator: "\n")
    }

    @Test(.enabled(if: enabled, "needs gcc, binutils and python3; a build differing from the recorded one needs go"), arguments: cases())
    func matchesPprof(_ c: Case) throws {
        let (dir, recorded) = try #require(Self.build)
        let subst = { (s: String) in s.replacingOccurrences(of: "{dir}", with: dir) }
        let args = c.args.map(subst)
        var env = c.env.mapValues(subst)
        env["PPROF_BINARY_PATH"] = env["PPROF_BINARY_PATH"] ?? "/nonexistent"
        env["HOME"] = dir
        let (_, out) = CLIHarness.run(args, environment: env)
        var expectedOut: String
        var expectedErr: String
        if recorded {
            let g = TestPaths.fixture("binaries/goldens/" + c.name)
            expectedOut = subst((try? String(contentsOfFile: g, encoding: .utf8)) ?? "")
            expectedErr = subst((try? String(contentsOfFile: g + ".stderr", encoding: .utf8)) ?? "")
        } else {
            var goEnv = ProcessInfo.processInfo.environment.merging(env) { $1 }
            goEnv["TZ"] = "UTC"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/go")
            p.arguments = ["tool", "pprof"] + args
            p.environment = goEnv
            let o = Pipe(), e = Pipe()
            p.standardOutput = o
            p.standardError = e
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let errData = e.fileHandleForReading.readDataToEndOfFile()
            expectedOut = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            expectedErr = String(decoding: errData, as: UTF8.self)
        }
        var ours = out.stdout
        if c.args.contains(where: { $0.hasPrefix("-disasm") }) {
            ours = Self.withoutInstructionText(ours)
            expectedOut = Self.withoutInstructionText(expectedOut)
        }
        #expect(ours == expectedOut, "\(c.name) stdout:\n\(Golden.lineDiff(expected: expectedOut, actual: ours))")
        #expect(out.stderr == expectedErr, "\(c.name) stderr:\n\(Golden.lineDiff(expected: expectedErr, actual: out.stderr))")
    }
}
