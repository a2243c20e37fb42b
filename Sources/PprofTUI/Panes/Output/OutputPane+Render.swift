import PprofModel

extension Renderer {
    static func drawOutput(_ s: AppState, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        g.writePadded("(pprof) " + s.output.title, x: 0, y: 1, width: g.width, style: header)
        for row in 0..<body.height {
            let i = s.output.scroll + row
            g.writePadded(i < s.output.lines.count ? expandTabs(s.output.lines[i]) : "", x: 0, y: body.y + row, width: g.width)
        }
    }
}
