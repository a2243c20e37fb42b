import GoRegex
import PprofModel
import PprofReports
import Testing

@testable import PprofTUI

/// A binary held in memory: one symbol per function of TestProfile-like locations, four-byte
/// instructions, a line table that puts every instruction on line 12 or 13 of /src/main.go.
struct FakeObjects: ObjectTool {
    var present = true
    func symbols(mapping: Mapping, matching regex: GoRegex, address: UInt64) throws -> [ObjSymbol] {
        guard present else { throw PprofError("open \(mapping.file): no such file or directory") }
        return [ObjSymbol(names: ["main.run"], file: mapping.file, start: 0x1000, end: 0x101f)].filter { regex.matches($0.names[0]) }
    }
    func objectAddress(mapping: Mapping, address: UInt64) -> UInt64 { address }
    func disassemble(file: String, start: UInt64, end: UInt64) throws -> [ObjInstruction] {
        stride(from: start, to: end, by: 4).map { ObjInstruction(address: $0, text: "op_\(String($0, radix: 16))") }
    }
    func sourceLines(file: String, addresses: [UInt64]) -> [UInt64: (file: String, line: Int)] {
        Dictionary(uniqueKeysWithValues: addresses.map { ($0, ("/src/main.go", $0 < 0x1010 ? 12 : 13)) })
    }
    func triedPaths(for mapping: Mapping) -> [String] { [mapping.file, "/bins/server"] }
}

@Suite struct AssemblyPaneTests {
    /// main.run at three addresses of one mapping (samples 50, 30, 20), called from main.main.
    static func state(present: Bool = true) -> AppState {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count")]
        var m = Mapping(id: 1)
        m.file = "/bin/server"
        m.start = 0x1000
        m.limit = 0x2000
        m.hasFunctions = true
        p.mappings = [m]
        p.functions = [
            Function(id: 1, name: "main.run", systemName: "main.run", filename: "/src/main.go"),
            Function(id: 2, name: "main.main", systemName: "main.main", filename: "/src/main.go"),
        ]
        for (i, (addr, fn, line)) in [(UInt64(0x1004), Int32(0), Int64(12)), (0x1014, 0, 13), (0x1018, 0, 13), (0x2000, 1, 12)].enumerated() {
            var l = Location(id: UInt64(i + 1))
            l.mapping = 0
            l.address = addr
            l.lines = [Line(function: fn, line: line)]
            p.locations.append(l)
        }
        p.samples = SampleTable(valueCount: 1)
        for (leaf, n) in [(Int32(0), Int64(50)), (1, 30), (2, 20)] { p.samples.append(stack: [leaf, 3], values: [n], labels: []) }
        let sources = InMemorySourceProvider(files: ["/src/main.go": TestProfile.mainSource.joined(separator: "\n") + "\n"])
        let session = Session(profile: p, environment: ReportEnvironment(sources: sources, objects: FakeObjects(present: present)))
        var s = AppState(session: session, title: "server.pb.gz", width: 90, height: 20)
        TestProfile.run(&s, s.start())
        return s
    }

    func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height, fill: Cell("¤"))
        Renderer.draw(s, into: &g)
        #expect(!g.text().contains("¤"), "a cell was not drawn")
        return g
    }

    @Test func annotatedViewInterleavesSourceAndFindsTheHottestInstruction() throws {
        var s = Self.state()
        TestProfile.press(&s, [.char("a")])
        #expect(s.pane == .source && s.source.assembly.shown)
        let rows = try #require(s.source.assembly.rows)
        let kinds = rows.map { r -> String in
            switch r {
            case .routine(let n, _, _, _): return "R " + n
            case .source(_, let l, let t): return "S \(l) \(t)"
            case .instruction(let a, _, let f, _, _, _): return "I \(String(a, radix: 16)) \(f)"
            case .note(let m): return "N " + m
            }
        }
        #expect(kinds == [
            "R main.run", "S 12 \trun()", "I 1000 0", "I 1004 50", "I 1008 0", "I 100c 0",
            "S 13 \tfor i := 0; i < n; i++ { compute(i) } // 日本語 comment", "I 1010 0", "I 1014 30", "I 1018 20", "I 101c 0",
        ])
        // The cursor starts on the hottest instruction; n/N walk by cost and wrap.
        #expect(s.source.assembly.list.selection == 3)
        TestProfile.press(&s, [.char("n")])
        #expect(s.source.assembly.list.selection == 8)
        TestProfile.press(&s, [.char("n")])
        #expect(s.source.assembly.list.selection == 9)
        TestProfile.press(&s, [.char("n")])
        #expect(s.source.assembly.list.selection == 3)
        TestProfile.press(&s, [.char("N")])
        #expect(s.source.assembly.list.selection == 9)
        let g = render(s)
        let text = g.text()
        #expect(text.contains("ROUTINE main.run") && text.contains("op_1004") && text.contains("main.go:13"))
        // `a` again: back to the listing.
        TestProfile.press(&s, [.char("a")])
        #expect(!s.source.assembly.shown)
        #expect(render(s).text().contains("list main.run"))
    }

    @Test func withoutTheBinaryThePaneSaysWhereItLooked() {
        var s = Self.state(present: false)
        TestProfile.press(&s, [.char("a")])
        #expect(s.source.assembly.rows == nil)
        let text = render(s).text()
        #expect(text.contains("open /bin/server: no such file or directory"))
        #expect(text.contains("/bins/server") && text.contains("PPROF_BINARY_PATH"))
    }
}

@Suite struct WebListTests {
    @Test func pageHasPprofsStructure() throws {
        let s = AssemblyPaneTests.state()
        let report = try s.session.prepareReport(command: "weblist", symbol: "main\\.run")
        let html = try report.printWebList(s.session.environment.objects, s.session.environment.sources)
        #expect(html.hasPrefix("\n<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Pprof listing</title>"))
        #expect(html.contains("<div class=\"legend\">") && html.contains("Total: 100</div>"))
        #expect(html.contains("<h2>main.run</h2><p class=\"filename\">/src/main.go</p>\n<pre onClick=\"pprof_toggle_asm(event)\">"))
        // Line 12 holds the 50-sample instruction, shown under it on click.
        let line12 = try #require(html.split(separator: "\n").first { $0.contains("<span class=line>     12</span>") })
        #expect(line12.contains("<span class=livesrc>") && line12.contains("50") && line12.contains("<span class=asm>"))
        #expect(html.contains("1004: ") && html.contains("op_1004"))
        #expect(html.contains("<span class=line>     11</span> <span class=nop>"))
        #expect(html.hasSuffix("</pre>\n</body>\n</html>\n"))
        #expect(html.components(separatedBy: "<pre").count == html.components(separatedBy: "</pre>").count)
        #expect(htmlEscape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&#34;")
    }
}
