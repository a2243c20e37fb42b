import Foundation
import PprofModel
import Testing

@testable import PprofReports

#if canImport(FoundationXML)
    import FoundationXML
#endif

private let graphvizLike = """
    <?xml version="1.0" encoding="UTF-8" standalone="no"?>
    <svg width="620pt" height="400pt"
     viewBox="0.00 0.00 620.00 400.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
    <g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 396)">
    <title>unnamed &amp; co &;</title>
    <text>esc\u{1b}here</text>
    </g>
    </svg>

    """

private func parses(_ s: String) -> Bool { XMLParser(data: Data(s.utf8)).parse() }

@Suite struct SVGMassageTests {
    @Test func replacesSizeAddsViewportAndScript() {
        #expect(!parses(graphvizLike))
        let s = massageSVG(graphvizLike)
        #expect(parses(s))
        #expect(s.contains("<svg width=\"100%\" height=\"100%\" xmlns="))
        #expect(!s.contains("viewBox"))
        #expect(s.contains("<script type=\"text/ecmascript\"><![CDATA["))
        #expect(s.contains("<g id=\"viewport\" transform=\"scale(0.5,0.5) translate(0,0)\"><g id=\"graph0\""))
        #expect(s.contains("</g>\n</g></svg>"))
        #expect(s.contains("&amp;;"))
        #expect(!panZoomScript.contains("]]>"))
        #expect(!flameScript.contains("]]>"))
    }

    @Test func leavesUnrecognisedDocumentsAlone() {
        let plain = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"
        #expect(massageSVG(plain) == "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>".replacingOccurrences(of: "</svg>", with: "</g></svg>"))
    }

    /// The real pipeline: DOT of a hostile profile through Graphviz, then the massage.
    @Test func graphvizOutputOfHostileNamesParses() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }) else {
            Issue.record("Graphviz `dot` is not installed; skipping")
            return
        }
        let r = handReport(hostileProfile()) { $0.outputFormat = .dot }
        let raw = try runDot(dotForGraphviz(r.printDOT()), format: "svg")
        let svg = massageSVG(String(decoding: raw, as: UTF8.self))
        #expect(parses(svg), "\(svg)")
        #expect(svg.contains("&lt;script&gt;"))
    }
}

/// `dot -T<format>` run directly (the product's runner lives in PprofCLI).
private func runDot(_ dot: String, format: String) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["dot", "-T" + format]
    let input = Pipe(), output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(Data(dot.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return [UInt8](out)
}
