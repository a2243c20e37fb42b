import Foundation
import PprofModel

extension GrowthPane {
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        let body = layout.body
        let points = s.seriesPoints
        let t = s.growth.table
        let n = t?.points.count ?? points.count
        let trendWidth = max(5, n)
        let slopeTitle = t?.seconds != nil ? "slope/s" : "slope/pt"
        let head =
            Renderer.pad("first", 10) + " " + Renderer.pad("last", 10) + " " + Renderer.pad("change", 11) + " "
            + Renderer.pad(slopeTitle, 10) + "  "
            + "trend".padding(toLength: trendWidth, withPad: " ", startingAt: 0) + "  "
        g.writePadded(head + "name (\(n) profiles, by growth)", x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        for row in 0..<body.height { g.writePadded("", x: 0, y: body.y + row, width: g.width) }
        guard let t else {
            let msg =
                s.growth.error
                ?? (points.count < 2
                    ? "Growth needs more than one profile (several on the command line, or live snapshots)"
                    : "comparing \(points.count) profiles…")
            g.writePadded(msg, x: 1, y: body.y, width: g.width - 1, style: s.growth.error != nil ? CellStyle(fg: .red) : .plain)
            return
        }
        let rowsShown = max(0, body.height - 1)
        let scale = t.rows.reduce(UInt64(0)) { max($0, $1.change.magnitude) }
        let secs = t.seconds
        let nameWidth = max(1, g.width - DisplayWidth.of(head))
        for row in 0..<rowsShown {
            let i = s.growth.list.scroll + row
            guard i < t.rows.count else { break }
            let r = t.rows[i]
            let y = body.y + row
            let isSel = i == s.growth.list.selection
            let slope = r.slope(secs)
            // Clamped: a slope of extreme values must not trap converting back to Int64.
            let slopeValue = slope.isFinite ? Int64(max(-9.2e18, min(9.2e18, slope.rounded()))) : 0
            let slopeText = (slopeValue > 0 ? "+" : "") + t.report.formatValue(slopeValue)
            let changeText =
                Renderer.diffMark(r.change)
                + t.report.formatValue(r.change.magnitude > UInt64(Int64.max) ? Int64.max : Int64(r.change.magnitude))
            let style = isSel ? Renderer.selected : Renderer.diffText(r.change, scale: scale)
            var x = g.write(
                Renderer.pad(t.report.formatValue(r.first), 10) + " " + Renderer.pad(t.report.formatValue(r.last), 10) + " ", x: 0, y: y,
                style: isSel ? Renderer.selected : .plain)
            x += g.write(Renderer.pad(changeText, 11), x: x, y: y, style: style)
            x += g.write(" " + Renderer.pad(slopeText, 10) + "  ", x: x, y: y, style: isSel ? Renderer.selected : .plain)
            x += g.write(
                GrowthTable.sparkline(r.values).padding(toLength: trendWidth, withPad: " ", startingAt: 0) + "  ", x: x, y: y, style: style)
            let shown = shortenName(r.name, nameWidth)
            g.writePadded(shown, x: x, y: y, width: g.width - x, style: isSel ? Renderer.selected : .plain)
            if !isSel { Renderer.markOwn(s, r.name, shown, x: x, y: y, &g) }
        }
        // The x axis: each point's time stamp (time_nanos) and file, oldest first.
        let axis = zip(t.times.indices, t.points).map { GrowthTable.stamp(t.times[$0], index: $0) + " " + $1 }.joined(separator: " → ")
        if body.height > 0 { g.writePadded("x: " + axis, x: 0, y: body.y + body.height - 1, width: g.width, style: CellStyle(attrs: .dim)) }
    }
}
