import PprofModel

/// The Top's number columns, as `-top` prints them.
enum TopColumn: CaseIterable {
    case flat, flatPercent, sumPercent, cum, cumPercent

    var title: String {
        switch self {
        case .flat: return "flat"
        case .flatPercent: return "flat%"
        case .sumPercent: return "sum%"
        case .cum: return "cum"
        case .cumPercent: return "cum%"
        }
    }

    var width: Int { self == .flat || self == .cum ? 10 : 6 }
}

extension TopPane {
    /// Names get at least this many cells before number columns are dropped.
    static let minNameWidth = 24

    /// The columns that leave the name room on a screen `width` wide: all of them, then
    /// without sum%, then without flat% and cum% (the least useful go first). Every row
    /// uses the same set, so the columns stay aligned.
    static func columns(width: Int) -> [TopColumn] {
        let choices: [[TopColumn]] = [TopColumn.allCases, [.flat, .flatPercent, .cum, .cumPercent], [.flat, .cum]]
        return choices.first { width - prefixWidth($0) >= minNameWidth } ?? choices[choices.count - 1]
    }

    /// Cells before the name: each column and a space, then one more.
    static func prefixWidth(_ cols: [TopColumn]) -> Int { cols.reduce(1) { $0 + $1.width + 1 } }

    /// The largest flat and cum magnitudes: the full intensity of the diff colours.
    static func diffScales(_ nodes: [ProfileView.Node]) -> (flat: UInt64, cum: UInt64) {
        nodes.reduce((UInt64(0), UInt64(0))) { (max($0.0, $1.flat.magnitude), max($0.1, $1.cum.magnitude)) }
    }

    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        guard let v = s.aggregate else { return }
        let body = layout.body
        let cols = columns(width: g.width)
        let head = cols.map { Renderer.pad($0.title, $0.width) }.joined(separator: " ") + "  "
        let sortMark = v.byCum ? "(sorted by cum)" : "(sorted by flat)"
        let labels = v.labels.last.map { "  " + $0 } ?? ""
        g.writePadded(head + "name " + sortMark + labels, x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        var sum: Int64 = 0
        // sum% accumulates from the first row, including rows scrolled off.
        for i in 0..<min(s.top.list.scroll, v.nodes.count) { sum &+= v.nodes[i].flat }
        let nameWidth = max(1, g.width - DisplayWidth.of(head))
        let scales = s.isDiff ? diffScales(v.nodes) : (0, 0)
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
            let text = cols.map { c -> String in
                switch c {
                case .flat: return Renderer.pad(n.flatText, c.width)
                case .flatPercent: return Renderer.pad(v.percent(n.flat), c.width)
                case .sumPercent: return Renderer.pad(v.percent(sum), c.width)
                case .cum: return Renderer.pad(n.cumText, c.width)
                case .cumPercent: return Renderer.pad(v.percent(n.cum), c.width)
                }
            }
            let label = n.inlineLabel.isEmpty ? "" : " " + n.inlineLabel
            let name = shortenName(n.name, nameWidth - DisplayWidth.of(label)) + label
            if s.isDiff && !isSel {
                drawDiffRow(n, cols, text, name, scales, v.byCum, &g, y)
                continue
            }
            // A selected diff row keeps its mark (the selection hides the colour).
            let prefix = text.joined(separator: " ") + (s.isDiff ? " " + Renderer.diffMark(v.byCum ? n.cum : n.flat) : "  ")
            g.writePadded(prefix + name, x: 0, y: y, width: g.width, style: style)
            if !isSel, !match { Renderer.markOwn(s, n.name, name, x: DisplayWidth.of(prefix), y: y, &g) }
        }
    }

    /// A diff row: each number in the colour of its own sign and size, then the mark of the
    /// sorted column's change (`+`/`-`, readable without colour) before the name.
    static func drawDiffRow(
        _ n: ProfileView.Node, _ cols: [TopColumn], _ text: [String], _ name: String, _ scales: (flat: UInt64, cum: UInt64), _ byCum: Bool,
        _ g: inout Grid, _ y: Int
    ) {
        var x = 0
        for (c, t) in zip(cols, text) {
            let isFlat = c == .flat || c == .flatPercent || c == .sumPercent
            x += g.write(t, x: x, y: y, style: Renderer.diffText(isFlat ? n.flat : n.cum, scale: isFlat ? scales.flat : scales.cum))
            x += g.write(" ", x: x, y: y)
        }
        let key = byCum ? n.cum : n.flat
        let style = Renderer.diffText(key, scale: byCum ? scales.cum : scales.flat)
        x += g.write(Renderer.diffMark(key), x: x, y: y, style: style)
        g.writePadded(name, x: x, y: y, width: g.width - x, style: style)
    }
}
