import PprofModel

extension OutputPane {
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        g.writePadded("(pprof) " + s.output.title, x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        for row in 0..<body.height {
            let i = s.output.scroll + row
            let line = i < s.output.lines.count ? s.output.lines[i] : ""
            let style = s.isDiff ? Renderer.diffText(Int64(lineSign(line)), scale: 1) : .plain
            g.writePadded(Renderer.expandTabs(line), x: 0, y: body.y + row, width: g.width, style: style)
        }
    }

    /// The sign of a report line's first column (pprof prints a value first: `-150ms`,
    /// `1.20MB`, `.` for zero): -1, 1, or 0 for text lines and zero values. The text keeps
    /// pprof's own `-`, so the colour has its mark.
    static func lineSign(_ line: String) -> Int {
        guard let word = line.split(separator: " ", omittingEmptySubsequences: true).first, let c0 = word.first else { return 0 }
        let digits = word.drop { $0 == "-" }
        guard let d0 = digits.first, d0.isNumber || (d0 == "." && digits.count > 1) else { return 0 }
        guard digits.contains(where: { $0.isNumber && $0 != "0" }) else { return 0 }
        return c0 == "-" ? -1 : 1
    }
}
