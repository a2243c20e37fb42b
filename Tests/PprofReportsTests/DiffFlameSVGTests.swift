import Foundation
import PprofFormats
import PprofModel
import TestSupport
import Testing

@testable import PprofReports

/// `-flame_svg` with `-base`: the crafted pair, whose main.parse (−150ms) and main.flush
/// (−120ms) net with main.cacheLookup (+140ms) to −10ms higher up.
@Suite struct DiffFlameSVGTests {
    func sides() throws -> Profile {
        func load(_ n: String) throws -> Profile {
            let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/" + n)))
            return try ProfileDecoder.decode(Array(data))
        }
        return try Profile.combine(sources: [try load("new.pb.gz")], bases: [try load("base.pb.gz")], diffBase: true)
    }

    @Test func everyChangeKeepsItsWidthAndSign() throws {
        var report = try Pipeline.prepare(profile: try sides(), command: "flame_svg", symbol: nil, config: Config()).report
        report.options.differential = true
        let svg = report.printFlameSVG()
        let (c, err) = FrameCollector.parse(svg)
        #expect(err == nil, "\(err ?? "")")
        let by = Dictionary(c.frames.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let root = try #require(by["all"], "\(c.frames.map(\.name))")
        let parse = try #require(by["main.parse"], "\(c.frames.map { ($0.name, $0.width) })")
        let flush = try #require(by["main.flush"])
        let lookup = try #require(by["main.cacheLookup"])
        let render = try #require(by["main.render"])
        // Widths: the larger side stack by stack (parse 500, flush 120, lookup 140, render 420).
        let unit = root.width / Double(500 + 140 + 420 + 120 + 110)
        #expect(abs(parse.width - 500 * unit) < 0.05)
        #expect(abs(flush.width - 120 * unit) < 0.05, "a removed stack is drawn")
        #expect(abs(lookup.width - 140 * unit) < 0.05)
        // main.render nets to zero over its subtree yet keeps its width.
        #expect(abs(render.width - 540 * unit) < 0.05)
        #expect(parse.title == "main.parse (new 350ms, base 500ms, change -150ms)")
        #expect(lookup.title == "main.cacheLookup (new 140ms, base 0, change +140ms)")
        #expect(svg.contains("differential"))
        // Growth red, shrinkage blue, unchanged grey.
        #expect(diffFlameColor(140, scale: 150).hasPrefix("rgb(255,"))
        #expect(diffFlameColor(-150, scale: 150) == "rgb(0,0,255)")
        #expect(diffFlameColor(0, scale: 150) == "rgb(210,210,210)")
    }

    @Test func withoutBaseTheGraphIsUnchanged() throws {
        var plain = HandBuiltProfile(types: [("cpu", "nanoseconds")])
        let m = plain.function("main.main")
        plain.sample([plain.location([(m, 0)])], [100])
        let svg = handReport(plain.p).printFlameSVG()
        #expect(!svg.contains("differential"))
        #expect(svg.contains("<title>main.main (100ns, 100.00%)</title>"))
    }
}
