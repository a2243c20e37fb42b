import PprofModel

extension TopPane {
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        guard let v = s.aggregate else { return }
        let body = layout.body
        let head = Renderer.pad("flat", 10) + " " + Renderer.pad("flat%", 6) + " " + Renderer.pad("sum%", 6) + " " + Renderer.pad("cum", 10) + " " + Renderer.pad("cum%", 6) + "  "
        let sortMark = v.byCum ? "(sorted by cum)" : "(sorted by flat)"
        let labels = v.labels.last.map { "  " + $0 } ?? ""
        g.writePadded(head + "name " + sortMark + labels, x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        var sum: Int64 = 0
        // sum% accumulates from the first row, including rows scrolled off.
        for i in 0..<min(s.top.list.scroll, v.nodes.count) { sum &+= v.nodes[i].flat }
        let nameWidth = max(1, g.width - DisplayWidth.of(head))
        for row in 0..<(body.height) {
            let i = s.top.list.scroll + row
            let y = body.y + row
            guard i < v.nodes.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let n = v.nodes[i]
            sum &+= n.flat
            let isSel = i == s.top.list.selection
            let match = s.searchRegex?.matches(n.name) ?? false
            let style = isSel ? Renderer.selected : (match ? CellStyle(fg: .yellow, attrs: .bold) : .plain)
            let cols = Renderer.pad(n.flatText, 10) + " " + v.percent(n.flat) + " " + v.percent(sum) + " " + Renderer.pad(n.cumText, 10) + " " + v.percent(n.cum) + "  "
            let label = n.inlineLabel.isEmpty ? "" : " " + n.inlineLabel
            g.writePadded(cols + shortenName(n.name, nameWidth - DisplayWidth.of(label)) + label, x: 0, y: y, width: g.width, style: style)
        }
    }
}
