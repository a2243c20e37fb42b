import PprofModel

extension OutputPane {
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        g.writePadded("(pprof) " + s.output.title, x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        for row in 0..<body.height {
            let i = s.output.scroll + row
            g.writePadded(i < s.output.lines.count ? Renderer.expandTabs(s.output.lines[i]) : "", x: 0, y: body.y + row, width: g.width)
        }
    }
}
