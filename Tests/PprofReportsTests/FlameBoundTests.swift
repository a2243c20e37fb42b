import PprofModel
import PprofReports
import Testing

/// The flame graph SVG stays bounded whatever the input (#12 class 3): frames narrower than a
/// pixel are culled, and past a frame budget the deepest levels are left out.
@Suite struct FlameBoundTests {
    static func frameCount(_ svg: String) -> Int { svg.components(separatedBy: "<g class=\"f\"").count - 1 }

    @Test func deepChainIsCutAtTheFrameBudget() throws {
        let svg = try HostileDepthTests.run(HostileDepthTests.chain(depth: 100_000), "flame_svg", nil)
        // Every level is one full-width frame: the root "all" and 32,767 levels of the chain.
        #expect(Self.frameCount(svg) == 32_768)
        #expect(svg.contains("[67233 frames deeper than 32767 levels not drawn]"), "\(svg.prefix(2000))")
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func framesNarrowerThanAPixelAreCulled() throws {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count")]
        p.functions = [Function(id: 1, name: "main.main", systemName: "main.main", filename: "main.go")]
        var root = Location(id: 1)
        root.lines = [Line(function: 0, line: 1)]
        p.locations = [root]
        var s = SampleTable(valueCount: 1)
        // 5,000 leaves of one sample each: 1180 px / 5000 = 0.24 px per leaf.
        for i in 0..<5_000 {
            p.functions.append(Function(id: UInt64(i + 2), name: "leaf\(i)", systemName: "leaf\(i)", filename: "leaf.go"))
            var l = Location(id: UInt64(i + 2))
            l.lines = [Line(function: Int32(i + 1), line: 1)]
            p.locations.append(l)
            s.append(stack: [Int32(i + 1), 0], values: [1], labels: [SampleLabel]())
        }
        p.samples = s
        let svg = try HostileDepthTests.run(p, "flame_svg", nil)
        // "all" and main.main; none of the leaves, and no note (no level was cut).
        #expect(Self.frameCount(svg) == 2)
        #expect(!svg.contains("not drawn"))
    }
}
