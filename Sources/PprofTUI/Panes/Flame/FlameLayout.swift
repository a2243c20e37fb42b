/// One placed frame of the icicle (root at the top, callees below).
package struct FlameBox: Sendable, Equatable {
    package var frame: Int
    /// 0 = the zoom root, counted down from the pane's first body row.
    package var row: Int
    package var x: Int
    package var width: Int
}

package enum FlameLayout {
    /// Places the frames under the zoom root, widths proportional to |cum|, children in
    /// name order; frames narrower than one cell are dropped with their subtrees.
    package static func layout(_ s: AppState) -> [FlameBox] {
        // Nothing is placed while the frames of the zoom root are being built.
        guard s.flameCurrent, let v = s.aggregate, !v.frames.isEmpty else { return [] }
        let root = s.resolveFrame(s.flame.root) ?? 0
        let width = s.width
        let rows = s.layout.body.height
        let total = s.flameWidth(root)
        guard total > 0, width > 0, rows > 0 else { return [] }
        if v.diffFlame { return diffLayout(s, root: root, total: total, width: width, rows: rows) }
        var out: [FlameBox] = []
        // (frame, row, start value)
        var stack: [(Int, Int, UInt64)] = [(root, 0, 0)]
        while let (f, row, start) = stack.popLast() {
            // Children's magnitudes can add up past their parent's (mixed signs, values at the
            // edges of Int64): wrap rather than trap, and clamp the cells to the pane.
            let end = start &+ v.frames[f].cum.magnitude
            let x0 = cell(start, of: total, width)
            let x1 = cell(end, of: total, width)
            if x1 - x0 < 1 { continue }
            out.append(FlameBox(frame: f, row: row, x: x0, width: x1 - x0))
            guard row + 1 < rows else { continue }
            for c in v.frames[f].children.reversed() {
                stack.append((c, row + 1, start &+ v.frames[c].offset))
            }
        }
        return out
    }

    /// A differential Flame: children side by side in name order, each as wide as its
    /// `AppState.flameWidth` (frames too narrow to build leave a gap at the parent's end).
    static func diffLayout(_ s: AppState, root: Int, total: UInt64, width: Int, rows: Int) -> [FlameBox] {
        guard let v = s.aggregate else { return [] }
        var out: [FlameBox] = []
        var stack: [(Int, Int, UInt64)] = [(root, 0, 0)]
        while let (f, row, start) = stack.popLast() {
            let x0 = cell(start, of: total, width)
            let x1 = cell(start &+ s.flameWidth(f), of: total, width)
            if x1 - x0 < 1 { continue }
            out.append(FlameBox(frame: f, row: row, x: x0, width: x1 - x0))
            guard row + 1 < rows else { continue }
            var offset = start
            var placed: [(Int, UInt64)] = []
            for c in v.frames[f].children {
                placed.append((c, offset))
                offset &+= s.flameWidth(c)
            }
            for (c, o) in placed.reversed() { stack.append((c, row + 1, o)) }
        }
        return out
    }

    /// The column of `value` on a `width`-cell line that `total` spans, within 0...width.
    package static func cell(_ value: UInt64, of total: UInt64, _ width: Int) -> Int {
        Int(min(Double(width), Double(value) * Double(width) / Double(total)))
    }
}
