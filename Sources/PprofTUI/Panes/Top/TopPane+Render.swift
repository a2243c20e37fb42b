import PprofModel

extension Renderer {
    static func drawTop(_ s: AppState, _ v: ProfileView, _ g: inout Grid, _ body: (y: Int, height: Int)) {
        let head = pad("flat", 10) + " " + pad("flat%", 6) + " " + pad("sum%", 6) + " " + pad("cum", 10) + " " + pad("cum%", 6) + "  "
        let sortMark = v.byCum ? "(sorted by cum)" : "(sorted by flat)"
        let labels = v.labels.last.map { "  " + $0 } ?? ""
        g.writePadded(head + "name " + sortMark + labels, x: 0, y: 1, width: g.width, style: header)
        var sum: Int64 = 0
        // sum% accumulates from the first row, including rows scrolled off.
        for i in 0..<min(s.top.scroll, v.nodes.count) { sum &+= v.nodes[i].flat }
        let nameWidth = max(1, g.width - DisplayWidth.of(head))
        for row in 0..<(body.height) {
            let i = s.top.scroll + row
            let y = body.y + row
            guard i < v.nodes.count else {
                g.writePadded("", x: 0, y: y, width: g.width)
                continue
            }
            let n = v.nodes[i]
            sum &+= n.flat
            let isSel = i == s.top.selection
            let match = s.searchRegex?.matches(n.name) ?? false
            let style = isSel ? selected : (match ? CellStyle(fg: .yellow, attrs: .bold) : .plain)
            let cols = pad(n.flatText, 10) + " " + v.percent(n.flat) + " " + v.percent(sum) + " " + pad(n.cumText, 10) + " " + v.percent(n.cum) + "  "
            let label = n.inlineLabel.isEmpty ? "" : " " + n.inlineLabel
            g.writePadded(cols + shortenName(n.name, nameWidth - DisplayWidth.of(label)) + label, x: 0, y: y, width: g.width, style: style)
        }
    }
}
