/// The colours of change (`-base`, `-diff_base`, live deltas): growth warm, shrinkage cool,
/// three intensities by magnitude. Every index maps to red resp. cyan/blue on an 8-colour
/// terminal (`TermColor.basicIndex`), and a `+`/`-` mark is always printed beside the
/// colour so a change also reads without colour (NO_COLOR, monochrome terminals).
extension Renderer {
    /// Backgrounds under black text (flame frames): light to saturated.
    static let growthBackgrounds: [UInt8] = [210, 203, 196]
    static let shrinkBackgrounds: [UInt8] = [123, 81, 39]
    /// Foregrounds on the terminal's own background (numbers, names): readable on dark and
    /// light backgrounds; the strongest level is also bold.
    static let growthForegrounds: [UInt8] = [167, 160, 196]
    static let shrinkForegrounds: [UInt8] = [67, 32, 33]
    /// A frame or line that did not change in a diff.
    static let unchangedBackground: UInt8 = 250

    /// Intensity 0...2 of `value` against the largest magnitude shown (`scale`).
    static func diffLevel(_ value: Int64, scale: UInt64) -> Int {
        guard scale > 0 else { return 2 }
        let r = Double(value.magnitude) / Double(scale)
        return r >= 2.0 / 3 ? 2 : (r >= 1.0 / 3 ? 1 : 0)
    }

    /// Text coloured by the sign of `value` (plain when it is zero).
    static func diffText(_ value: Int64, scale: UInt64) -> CellStyle {
        guard value != 0 else { return .plain }
        let l = diffLevel(value, scale: scale)
        let fg = value > 0 ? growthForegrounds[l] : shrinkForegrounds[l]
        return CellStyle(fg: .indexed(fg), attrs: l == 2 ? .bold : [])
    }

    /// A filled box (flame frame) coloured by the sign of `value`; grey when unchanged.
    static func diffBox(_ value: Int64, scale: UInt64) -> CellStyle {
        guard value != 0 else { return CellStyle(fg: .black, bg: .indexed(unchangedBackground)) }
        let l = diffLevel(value, scale: scale)
        return CellStyle(fg: .black, bg: .indexed(value > 0 ? growthBackgrounds[l] : shrinkBackgrounds[l]))
    }

    /// `+`, `-` or a space: the colourless mark of a change.
    static func diffMark(_ value: Int64) -> String { value > 0 ? "+" : (value < 0 ? "-" : " ") }
}

extension AppState {
    /// Whether the panes show a change (a base was subtracted, or a live delta): values are
    /// then coloured and marked by their sign.
    package var isDiff: Bool { diffSource || (live.map { $0.mode != .snapshot } ?? false) }
}
