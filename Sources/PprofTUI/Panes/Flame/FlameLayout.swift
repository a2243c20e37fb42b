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
        let total = v.frames[root].cum.magnitude
        guard total > 0, width > 0, rows > 0 else { return [] }
        var out: [FlameBox] = []
        // (frame, row, start value)
        var stack: [(Int, Int, UInt64)] = [(root, 0, 0)]
        while let (f, row, start) = stack.popLast() {
            let end = start + v.frames[f].cum.magnitude
            let x0 = Int(Double(start) * Double(width) / Double(total))
            let x1 = Int(min(Double(width), Double(end) * Double(width) / Double(total)))
            if x1 - x0 < 1 { continue }
            out.append(FlameBox(frame: f, row: row, x: x0, width: x1 - x0))
            guard row + 1 < rows else { continue }
            for c in v.frames[f].children.reversed() {
                stack.append((c, row + 1, start &+ v.frames[c].offset))
            }
        }
        return out
    }
}
