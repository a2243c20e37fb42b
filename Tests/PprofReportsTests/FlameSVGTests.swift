import Foundation
import PprofModel
import Testing

@testable import PprofReports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the frames (`<g class="f">`) of a flame graph: name, depth, rect width, title.
final class FrameCollector: NSObject, XMLParserDelegate {
    struct Frame {
        var name: String
        var depth: Int
        var width = 0.0
        var title = ""
    }
    var frames: [Frame] = []
    var scripts = 0
    private var inTitle = false

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                attributes a: [String: String] = [:]) {
        switch e {
        case "g" where a["class"] == "f":
            frames.append(Frame(name: a["data-name"] ?? "", depth: Int(a["data-depth"] ?? "") ?? -1))
        case "rect" where !frames.isEmpty && frames[frames.count - 1].width == 0:
            frames[frames.count - 1].width = Double(a["width"] ?? "") ?? 0
        case "title" where !frames.isEmpty: inTitle = true
        case "script": scripts += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if e == "title" { inTitle = false }
    }
    func parser(_ parser: XMLParser, foundCharacters s: String) {
        if inTitle { frames[frames.count - 1].title += s }
    }

    static func parse(_ svg: String) -> (FrameCollector, String?) {
        let c = FrameCollector()
        let p = XMLParser(data: Data(svg.utf8))
        p.delegate = c
        let ok = p.parse()
        return (c, ok ? nil : "\(p.parserError.map { "\($0)" } ?? "unparsable")")
    }
}

@Suite struct FlameSVGTests {
    private func profile() -> Profile {
        var b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
        let main = b.function("main.main")
        let a = b.function("main.a")
        let c = b.function("main.c")
        let lm = b.location([(main, 0)])
        let la = b.location([(a, 0)])
        let lc = b.location([(c, 0)])
        b.sample([la, lm], [600])
        b.sample([lc, lm], [300])
        b.sample([lm], [100])
        b.sample([la, lm], [-50])  // negative: left out of the flame graph
        return b.p
    }

    @Test func framesAreSizedByCumulativeValue() throws {
        let svg = handReport(profile()).printFlameSVG()
        let (c, err) = FrameCollector.parse(svg)
        #expect(err == nil, "\(err ?? "")")
        let byName = Dictionary(c.frames.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let root = try #require(byName["all"])
        let main = try #require(byName["main.main"])
        let a = try #require(byName["main.a"])
        let cc = try #require(byName["main.c"])
        #expect(c.frames.count == 4)
        #expect(root.depth == 0 && main.depth == 1 && a.depth == 2 && cc.depth == 2)
        #expect(abs(main.width - root.width) < 0.02)
        #expect(abs(a.width / root.width - 0.6) < 0.001)
        #expect(abs(cc.width / root.width - 0.3) < 0.001)
        #expect(a.title == "main.a (600ns, 60.00%)")
        #expect(c.scripts == 1)
    }

    @Test func hostileNamesAreShownLiterally() throws {
        let svg = handReport(hostileProfile()).printFlameSVG()
        let (c, err) = FrameCollector.parse(svg)
        #expect(err == nil, "\(err ?? "")")
        let names = Set(c.frames.map(\.name))
        #expect(names.contains("<script>alert(\"x\")</script>"))
        #expect(names.contains("two\u{240A}lines\\and;semi\u{241B}[31m"))
        #expect(!svg.contains("<script>alert"))
    }

    @Test func emptyProfileIsStillADocument() {
        let b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
        let (c, err) = FrameCollector.parse(handReport(b.p).printFlameSVG())
        #expect(err == nil)
        #expect(c.frames.isEmpty)
    }

    @Test func xmlEscapeCoversMarkupAndControls() {
        #expect(xmlEscape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(xmlEscape("x\u{0}y\u{1b}\u{FFFE}") == "x\u{2400}y\u{241B}\u{FFFD}")
        #expect(xmlEscape("tab\tok") == "tab\tok")
    }
}
