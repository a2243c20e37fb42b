/// The prompt line: `:` and the text with the cursor on it, or Ctrl-R's search.
extension Renderer {
    static func drawPrompt(_ p: PromptState, _ g: inout Grid, y: Int) {
        g.writePadded("", x: 0, y: y, width: g.width)
        var before: String, after: String
        var x = 0
        if let rs = p.search {
            before = Inert.text(rs.label(p.history))
            after = ""
        } else {
            x = g.write(":", x: 0, y: y, style: header)
            before = Inert.text(p.editor.beforeCursor)
            after = Inert.text(String(p.editor.text.dropFirst(p.editor.cursor)))
        }
        // Keep the cursor visible: drop the start of the line until it fits before the edge.
        let room = max(1, g.width - x - 1)
        while DisplayWidth.of(before) >= room, !before.isEmpty { before.removeFirst() }
        x += g.write(before, x: x, y: y)
        let under = after.first.map { String($0) } ?? " "
        if !after.isEmpty { after.removeFirst() }
        x += g.write(under, x: x, y: y, style: selected)
        g.write(after, x: x, y: y, maxWidth: g.width - x)
    }
}
