import Foundation
import PprofModel
import PprofReports
import Testing

/// Deep and cyclic call graphs through every batch report: no tree walk may recurse once per
/// frame (a million frames would overflow the stack), and cycles must not loop forever.
@Suite struct HostileDepthTests {
    /// Every text report, with its symbol argument.
    static let reports: [(String, String?)] = [
        ("top", nil), ("tree", nil), ("peek", "."), ("traces", nil), ("tags", nil), ("raw", nil),
        ("comments", nil), ("list", "."), ("dot", nil), ("collapsed", nil), ("flame_svg", nil),
    ]

    struct NoFiles: ReportFiles {
        func newNumberedFile(prefix: String, suffix: String) throws -> String { prefix + "001" + suffix }
        func writeInPlace(path: String, bytes: [UInt8]) throws {}
    }

    static let environment = ReportEnvironment(
        files: NoFiles(), sources: InMemorySourceProvider(files: ["/work/deep.go": "package deep\n\nfunc f() {}\n"]))

    /// One function and one location per frame, `depth` frames called in a chain, all
    /// samples on the one stack (plus a shorter one, so cum and flat differ).
    static func chain(depth: Int) -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count")]
        p.functions.reserveCapacity(depth)
        p.locations.reserveCapacity(depth)
        for i in 0..<depth {
            p.functions.append(Function(id: UInt64(i + 1), name: "deep.f\(i)", systemName: "deep.f\(i)", filename: "/work/deep.go"))
            var l = Location(id: UInt64(i + 1))
            l.address = UInt64(0x1000 + i)
            l.lines = [Line(function: Int32(i), line: Int64(i % 3 + 1))]
            p.locations.append(l)
        }
        var s = SampleTable(valueCount: 1)
        // Leaf first: f0 is the leaf, f(depth-1) the root.
        s.append(stack: (0..<depth).map { Int32($0) }, values: [3], labels: [SampleLabel(key: "k", str: "v")])
        s.append(stack: (depth / 2..<depth).map { Int32($0) }, values: [1], labels: [SampleLabel]())
        p.samples = s
        p.comments = ["a chain \(depth) deep"]
        return p
    }

    /// Three mutually recursive functions: deep stacks that keep revisiting them in different
    /// orders, so the call graph is all cycles and every node is its own ancestor.
    static func cycles(depth: Int) -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        for (i, name) in ["rec.a", "rec.b", "rec.c"].enumerated() {
            p.functions.append(Function(id: UInt64(i + 1), name: name, systemName: name, filename: "/work/deep.go"))
            var l = Location(id: UInt64(i + 1))
            l.address = UInt64(0x2000 + i)
            l.lines = [Line(function: Int32(i), line: Int64(i + 1))]
            p.locations.append(l)
        }
        var s = SampleTable(valueCount: 2)
        s.append(stack: (0..<depth).map { Int32($0 % 3) }, values: [5, 50], labels: [SampleLabel(key: "phase", str: "spin")])
        s.append(stack: (0..<depth).map { Int32(2 - $0 % 3) }, values: [4, 40], labels: [SampleLabel]())
        s.append(stack: (0..<depth).map { Int32(($0 / 7 + $0) % 3) }, values: [2, 20], labels: [SampleLabel]())
        s.append(stack: [0, 0, 0, 1, 1, 2, 0], values: [1, 10], labels: [SampleLabel]())
        p.samples = s
        p.comments = ["all cycles"]
        return p
    }

    /// Runs `command` with default options; a thrown error is a clear refusal, also fine.
    static func run(_ profile: Profile, _ command: String, _ symbol: String?, config: Config = Config()) throws -> String {
        let prepared = try Pipeline.prepare(profile: profile, command: command, symbol: symbol, config: config)
        return try prepared.report.render(command: command, environment: environment).text
    }

    /// The whole graph (a million nodes) is built and trimmed by every report; what is
    /// printed is kept small (100 nodes, two `list`/`peek` functions) so the test is about
    /// depth, not about formatting a million rows in a debug build.
    @Test func millionDeepChainThroughEveryReport() throws {
        let depth = 1_000_000
        let p = Self.chain(depth: depth)
        var cfg = Config()
        cfg.nodeCount = 100
        let pick = "^deep\\.f(0|\(depth - 1))$"
        for (command, symbol) in Self.reports {
            let out = try Self.run(p, command, symbol == nil ? nil : pick, config: cfg)
            switch command {
            case "top":
                // The leaf has all the flat weight; the rest are ties on cum, 100 shown.
                #expect(out.contains("deep.f0\n"), "top lacks the leaf")
                #expect(out.contains("Showing top 100 nodes out of 1000000"), "top header: \(out.prefix(400))")
            case "list":
                #expect(out.contains("ROUTINE ======================== deep.f0 in /work/deep.go"))
                #expect(out.contains("ROUTINE ======================== deep.f\(depth - 1) in /work/deep.go"))
            case "collapsed":
                let lines = out.split(separator: "\n")
                #expect(lines.count == 2)
                #expect(lines.contains { $0.hasPrefix("deep.f\(depth - 1);deep.f\(depth - 2);") && $0.hasSuffix(";deep.f1;deep.f0 3") })
            case "traces":
                #expect(out.contains("deep.f\(depth - 1)\n"))
            case "flame_svg":
                #expect(out.hasPrefix("<?xml") || out.hasPrefix("<svg"))
                #expect(out.hasSuffix("</svg>\n"))
            case "dot":
                #expect(out.hasPrefix("digraph"))
                #expect(out.hasSuffix("}\n"))
            default:
                #expect(!out.isEmpty, "\(command) printed nothing")
            }
        }
    }

    /// 200,000 frames: enough to overflow any thread's stack if a walk recursed per frame.
    @Test func deepChainAsCallTree() throws {
        var cfg = Config()
        cfg.callTree = true
        let p = Self.chain(depth: 200_000)
        for command in ["tree", "dot", "top"] {
            let out = try Self.run(p, command, nil, config: cfg)
            #expect(out.contains("deep.f"), "\(command) with call_tree printed no frames")
        }
    }

    @Test func cyclesThroughEveryReport() throws {
        let p = Self.cycles(depth: 200_000)
        for (command, symbol) in Self.reports {
            let out = try Self.run(p, command, symbol)
            if command == "top" {
                // All three are on every deep stack: each has the full cum (12 of 12 samples).
                for name in ["rec.a", "rec.b", "rec.c"] {
                    let row = out.split(separator: "\n").first { $0.hasSuffix(" " + name) }
                    #expect(row?.contains("100%") == true, "top row for \(name): \(row ?? "missing")")
                }
            }
            #expect(!out.isEmpty, "\(command) printed nothing")
        }
        var cfg = Config()
        cfg.callTree = true
        _ = try Self.run(p, "tree", nil, config: cfg)
    }
}
