import PprofFormats
import PprofModel

/// A generated report: text for the terminal, or bytes for a file (images, protobuf).
package struct Rendered: Sendable {
    package var bytes: [UInt8]
    /// Set for outputs that must not go to a terminal: written to a new `profileNNN.<ext>`
    /// when no output file is named (pprof's awayFromTTY).
    package var fileExtension: String?
    package var warnings: [String] = []
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package init(text: String) {
        bytes = Array(text.utf8)
        fileExtension = nil
    }
    package init(bytes: [UInt8], fileExtension: String?) {
        self.bytes = bytes
        self.fileExtension = fileExtension
    }
}

extension Report {
    /// pprof's `report.Generate` plus the command's post-processing (Graphviz, svg massage).
    package func render(command: String, environment: ReportEnvironment) throws -> Rendered {
        guard let spec = CommandTable.command(named: command) else {
            throw PprofError("unrecognized command: \(GoQuote.quote(command))")
        }
        let base: Rendered
        switch options.outputFormat {
        // Text reports get a last terminal-safety pass (a no-op unless the profile holds
        // control characters outside the names each report already escapes).
        case .text: base = Rendered(text: sanitizeLinesForTerminal(printText()))
        case .tree: base = Rendered(text: sanitizeLinesForTerminal(try checkedPrintTree()))
        case .traces: base = Rendered(text: sanitizeLinesForTerminal(printTraces()))
        case .raw: base = Rendered(text: sanitizeLinesForTerminal(printRaw()))
        case .tags: base = Rendered(text: sanitizeLinesForTerminal(printTags()))
        case .comments: base = Rendered(text: sanitizeLinesForTerminal(printComments()))
        case .list: base = Rendered(text: sanitizeLinesForTerminal(try printSource(environment.sources)))
        case .dot: base = Rendered(text: printDOT())
        case .collapsed: base = Rendered(text: sanitizeLinesForTerminal(printCollapsed()))
        case .flameSVG: base = Rendered(bytes: Array(printFlameSVG().utf8), fileExtension: "svg")
        case .proto: base = Rendered(bytes: try ProfileEncoder.encodeGzip(profile), fileExtension: nil)
        case .callgrind: base = Rendered(text: sanitizeLinesForTerminal(printCallgrind()))
        case .dis: base = Rendered(text: sanitizeLinesForTerminal(try printAssembly(environment.objects)))
        case .topProto: base = Rendered(bytes: try ProfileEncoder.encodeGzip(topProtoProfile()), fileExtension: nil)
        case .webList:
            // The page goes to a file (pprof's visualizer opens it in a browser).
            return Rendered(bytes: Array(try printWebList(environment.objects, environment.sources).utf8), fileExtension: "html")
        }
        switch spec.post {
        case .none: return base
        case .graphviz(let format):
            return Rendered(bytes: try environment.graphviz.render(dot: dotForGraphviz(base.text), format: format), fileExtension: format)
        case .svg:
            let svg = try environment.graphviz.render(dot: dotForGraphviz(base.text), format: "svg")
            return Rendered(bytes: Array(massageSVG(String(decoding: svg, as: UTF8.self)).utf8), fileExtension: "svg")
        case .binary(let ext):
            var r = base
            r.fileExtension = ext
            return r
        case .visualizer:
            throw PprofError("\(command): needs a desktop viewer; use svg (or -svg -output=FILE) and open the file instead")
        }
    }

    /// Reports that can be far larger than memory should hold as one string (`traces` and
    /// `raw` of a million-sample profile run to gigabytes) are written in chunks instead.
    /// Returns false for every other format.
    package func writeStreaming(_ sink: (String) -> Void) -> Bool {
        switch options.outputFormat {
        case .traces:
            writeTraces { sink(sanitizeLinesForTerminal($0)) }
            return true
        case .raw:
            writeRaw { sink(sanitizeLinesForTerminal($0)) }
            return true
        default:
            return false
        }
    }
}
