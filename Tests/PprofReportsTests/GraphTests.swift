import PprofModel
import Testing

@testable import PprofReports

/// Builds small profiles by hand: functions by name, locations as lists of function names
/// (callee first, so more than one name means inlined frames), samples as location lists.
struct ProfileBuilder {
    var profile = Profile()
    private var functionIndex: [String: Int32] = [:]

    init(sampleType: String = "cpu", unit: String = "nanoseconds") {
        profile.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: sampleType, unit: unit)]
        profile.samples = SampleTable(valueCount: 2)
        var m = Mapping(id: 1)
        m.file = "/bin/prog"
        m.hasFunctions = true
        m.hasFilenames = true
        m.hasLineNumbers = true
        m.hasInlineFrames = true
        profile.mappings = [m]
    }

    mutating func function(_ name: String, file: String = "main.go") -> Int32 {
        if let i = functionIndex[name] { return i }
        let i = Int32(profile.functions.count)
        profile.functions.append(Function(id: UInt64(i + 1), name: name, systemName: name, filename: file))
        functionIndex[name] = i
        return i
    }

    /// A location whose frames are `names`, innermost (inlined) first.
    mutating func location(_ names: [String], address: UInt64 = 0, line: Int64 = 10, mapping: Int32 = 0) -> Int32 {
        var l = Location(id: UInt64(profile.locations.count + 1))
        l.address = address
        l.mapping = mapping
        l.lines = names.map { Line(function: function($0), line: line) }
        profile.locations.append(l)
        return Int32(profile.locations.count - 1)
    }

    /// A sample with its stack leaf first, as location indices.
    mutating func sample(_ stack: [Int32], _ value: Int64) {
        profile.samples.append(stack: stack, values: [value, value * 10_000_000], labels: [])
    }

    /// A report with pprof's `-top` defaults; `durationNanos` set means real profile labels.
    func report(durationNanos: Int64 = 0, _ configure: (inout ReportOptions) -> Void = { _ in }) -> Report {
        var profile = self.profile
        profile.durationNanos = durationNanos
        var o = ReportOptions()
        o.sampleIndex = 1
        o.sampleType = "cpu"
        o.sampleUnit = "nanoseconds"
        o.profileLabels = durationNanos == 0 ? ["Type: cpu"] : []
        o.nodeFraction = 0.005
        o.edgeFraction = 0.001
        configure(&o)
        return Report(profile: profile, options: o, total: Report.computeTotal(profile, options: o))
    }
}

func node(_ g: Graph, _ name: String) -> GraphNode? { g.nodes.first { $0.info.name == name } }

func edge(_ g: Graph, _ from: String, _ to: String) -> GraphEdge? {
    g.edges.first { g.node($0.src).info.name == from && g.node($0.dest).info.name == to }
}

@Suite struct GraphBuildTests {
    @Test func flatGoesToLeafAndCumToEveryFrame() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let a = b.location(["a"])
        let c = b.location(["c"])
        b.sample([a, main], 3)
        b.sample([c, a, main], 5)
        b.sample([main], 2)
        let g = b.report().newGraph(keptNodes: nil)
        #expect(node(g, "main")?.cum == 100_000_000)
        #expect(node(g, "main")?.flat == 20_000_000)
        #expect(node(g, "a")?.cum == 80_000_000)
        #expect(node(g, "a")?.flat == 30_000_000)
        #expect(node(g, "c")?.flat == 50_000_000)
        #expect(edge(g, "main", "a")?.weight == 80_000_000)
        #expect(edge(g, "a", "c")?.weight == 50_000_000)
        #expect(g.edges.count == 2)
    }

    @Test func recursionIsCountedOncePerSample() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let r1 = b.location(["rec"], line: 5)
        let r2 = b.location(["rec"], line: 5)  // another location, same node
        let leaf = b.location(["leaf"])
        b.sample([leaf, r2, r1, r2, r1, main], 4)
        let g = b.report().newGraph(keptNodes: nil)
        #expect(node(g, "rec")?.cum == 40_000_000)
        #expect(node(g, "main")?.cum == 40_000_000)
        // Self edges are not recorded; main->rec and rec->leaf once each.
        #expect(edge(g, "rec", "rec") == nil)
        #expect(edge(g, "main", "rec")?.weight == 40_000_000)
        #expect(edge(g, "rec", "leaf")?.weight == 40_000_000)
    }

    @Test func inlineFlagHoldsOnlyWhileEveryCallWasInlined() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let inl = b.location(["helper", "caller"])  // helper inlined into caller
        let plain = b.location(["caller"])
        let call = b.location(["helper"])
        b.sample([inl, main], 1)
        b.sample([call, plain, main], 1)
        let g = b.report().newGraph(keptNodes: nil)
        #expect(edge(g, "caller", "helper")?.inline == false)
        #expect(edge(g, "caller", "helper")?.weight == 20_000_000)
        #expect(edge(g, "main", "caller")?.inline == false)

        var only = ProfileBuilder()
        let m2 = only.location(["main"])
        let i2 = only.location(["helper", "caller"])
        only.sample([i2, m2], 1)
        let g2 = only.report().newGraph(keptNodes: nil)
        #expect(edge(g2, "caller", "helper")?.inline == true)
    }

    @Test func droppedFramesMakeResidualEdgesAndNoFlat() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let mid = b.location(["mid"])
        let leaf = b.location(["leaf"])
        b.sample([leaf, mid, main], 2)
        let r = b.report()
        let kept: Set<NodeInfo> = [NodeInfo(name: "main", file: "main.go", lineno: 10), NodeInfo(name: "leaf", file: "main.go", lineno: 10)]
        let g = r.newGraph(keptNodes: kept)
        #expect(g.nodes.count == 2)
        #expect(edge(g, "main", "leaf")?.residual == true)
        #expect(node(g, "leaf")?.flat == 20_000_000)

        // With the leaf itself dropped, the sample has no flat owner.
        let g2 = r.newGraph(keptNodes: [NodeInfo(name: "main", file: "main.go", lineno: 10)])
        #expect(node(g2, "main")?.flat == 0)
        #expect(node(g2, "main")?.cum == 20_000_000)
    }

    @Test func meanDivisorsDivideValues() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        b.sample([main], 4)
        b.sample([main], 2)
        let g = b.report { $0.meanDivisorIndex = 0 }.newGraph(keptNodes: nil)
        let n = node(g, "main")
        #expect(n?.cumDiv == 6)
        #expect(n?.cumValue() == 10_000_000)
        #expect(n?.flatValue() == 10_000_000)
    }

    @Test func zeroNodesDetachButStayOnEdges() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let a = b.location(["a"])
        let c = b.location(["c"])
        b.sample([a, main], 1)
        b.sample([c, main], -1)
        let g = b.report().newGraph(keptNodes: nil)
        #expect(node(g, "main") == nil)
        #expect(g.detachedNodes.map(\.info.name) == ["main"])
        #expect(edge(g, "main", "a")?.weight == 10_000_000)
        #expect(edge(g, "main", "c")?.weight == -10_000_000)

        let neg = b.report { $0.dropNegative = true }.newGraph(keptNodes: nil)
        #expect(neg.nodes.map(\.info.name) == ["a"])
    }

    @Test func objNamesOnlyForBinaryReportsOrNamelessFunctions() {
        var b = ProfileBuilder()
        let l = b.location(["f"])
        b.sample([l], 1)
        #expect(b.report().newGraph(keptNodes: nil).nodes.first?.info.objfile == "")
        let list = b.report { $0.outputFormat = .list }.newGraph(keptNodes: nil)
        #expect(list.nodes.first?.info.objfile == "/bin/prog")

        var u = ProfileBuilder()
        var loc = Location(id: 1)
        loc.address = 0x1234
        loc.mapping = 0
        u.profile.locations = [loc]
        u.sample([0], 1)
        let info = u.report().newGraph(keptNodes: nil).nodes.first?.info
        #expect(info?.printableName() == "0000000000001234 [prog]")
    }

    @Test func fileNamesAreCleanedAndTrimmed() {
        var b = ProfileBuilder()
        _ = b.function("f", file: "/proc/self/cwd/./src//a/../b.go")
        let l = b.location(["f"])
        b.sample([l], 1)
        let g = b.report().newGraph(keptNodes: nil)
        #expect(g.nodes.first?.info.file == "src/b.go")
    }
}

@Suite struct GraphOrderTests {
    @Test func flatNameOrderBreaksTiesByNameThenCum() {
        var b = ProfileBuilder()
        let main = b.location(["main"])
        let x = b.location(["x"])
        let y = b.location(["y"])
        let z = b.location(["zz"])
        b.sample([y, main], 2)
        b.sample([x, main], 2)
        b.sample([z, main], 5)
        var g = b.report().newGraph(keptNodes: nil)
        g.sortNodes(cum: false, visualMode: false)
        #expect(g.nodes.map(\.info.name) == ["zz", "x", "y", "main"])
        g.sortNodes(cum: true, visualMode: false)
        #expect(g.nodes.map(\.info.name) == ["main", "zz", "x", "y"])
        // Edge endpoints follow the nodes when they move.
        #expect(edge(g, "main", "zz")?.weight == 50_000_000)
    }

    @Test func sameNamesFallBackToTheWholeInfo() {
        var b = ProfileBuilder()
        _ = b.function("f", file: "b.go")
        let l1 = b.location(["f"])
        b.profile.functions.append(Function(id: 99, name: "f", systemName: "f", filename: "a.go"))
        var l2 = Location(id: 99)
        l2.lines = [Line(function: Int32(b.profile.functions.count - 1), line: 0)]
        b.profile.locations.append(l2)
        b.sample([l1], 1)
        b.sample([Int32(b.profile.locations.count - 1)], 1)
        var g = b.report().newGraph(keptNodes: nil)
        g.sort(.name)
        // Names tie; Go's Sprint of the infos orders "{f  0 a.go ...}" first.
        #expect(g.nodes.map(\.info.file) == ["a.go", "b.go"])
    }

    @Test func goStringOrderIsByteOrder() {
        #expect(goLess("Z", "a"))
        #expect(goLess("e\u{301}", "é"))  // 0x65 < 0xC3 in UTF-8
        #expect(!goEqual("é", "e\u{301}"))
        #expect(NodeInfo(name: "é") != NodeInfo(name: "e\u{301}"))
    }

    @Test func pathHelpersMatchGo() {
        #expect(goPathClean("a//b/./c/..") == "a/b")
        #expect(goPathClean("/../x") == "/x")
        #expect(goPathClean("../../x/") == "../../x")
        #expect(goPathClean("") == ".")
        #expect(goPathBase("/usr/bin/") == "bin")
        #expect(trimPath("/home/u/proj/pkg/a.go", trimPath: "", searchPath: "/src/proj") == "pkg/a.go")
        #expect(trimPath("/build/x/a.go", trimPath: "/other:/build/x", searchPath: "") == "a.go")
        #expect(trimPath("/proc/self/cwd/a.go", trimPath: "", searchPath: "") == "a.go")
    }

    @Test func sanitizeEscapesControls() {
        #expect(sanitizeForTerminal("a\u{1b}[31m\u{0}b") == "a\\x1b[31m\\x00b")
        #expect(sanitizeForTerminal("x\u{85}\u{7f}\t") == "x\\u0085\\x7f\\t")
        // Bidi overrides/isolates reorder text on screen (Trojan Source): shown inert too.
        #expect(sanitizeForTerminal("plain é \u{202E}") == "plain é \\u202e")
        #expect(sanitizeForTerminal("plain é") == "plain é")
    }
}
