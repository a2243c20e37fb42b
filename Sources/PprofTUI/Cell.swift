/// A terminal colour: the 8 ANSI colours, a 256-colour index, or the terminal's default.
package enum TermColor: Sendable, Hashable {
    case none
    case black, red, green, yellow, blue, magenta, cyan, white
    case indexed(UInt8)

    /// The nearest of the 8 basic colours (for 8-colour terminals); index in 0...7, -1 = default.
    package var basicIndex: Int {
        switch self {
        case .none: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .indexed(let i):
            if i < 8 { return Int(i) }
            if i < 16 { return Int(i) - 8 }
            if i >= 232 { return i < 244 ? 0 : 7 }
            // 6x6x6 cube: pick the dominant channels.
            let c = Int(i) - 16
            let r = c / 36 >= 3 ? 1 : 0, g = (c / 6) % 6 >= 3 ? 1 : 0, b = c % 6 >= 3 ? 1 : 0
            return r | (g << 1) | (b << 2)
        }
    }
}

/// Text attributes a cell can carry.
package struct CellAttrs: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }
    package static let bold = CellAttrs(rawValue: 1)
    package static let reverse = CellAttrs(rawValue: 2)
    package static let underline = CellAttrs(rawValue: 4)
    package static let dim = CellAttrs(rawValue: 8)
}

/// A style applied to written text.
package struct CellStyle: Sendable, Hashable {
    package var fg: TermColor = .none
    package var bg: TermColor = .none
    package var attrs: CellAttrs = []
    package init(fg: TermColor = .none, bg: TermColor = .none, attrs: CellAttrs = []) {
        self.fg = fg
        self.bg = bg
        self.attrs = attrs
    }
    package static let plain = CellStyle()
}

/// One screen cell. A wide character occupies its cell and the next one, which is marked
/// `isWideTail` so the backend skips it and diffing still compares whole cells.
package struct Cell: Sendable, Equatable {
    /// Always printable: text is made inert before it reaches a cell.
    package var character: Character
    package var fg: TermColor
    package var bg: TermColor
    package var attrs: CellAttrs
    package var isWideTail: Bool

    package init(_ character: Character = " ", style: CellStyle = .plain, isWideTail: Bool = false) {
        self.character = character
        self.fg = style.fg
        self.bg = style.bg
        self.attrs = style.attrs
        self.isWideTail = isWideTail
    }

    package var style: CellStyle { CellStyle(fg: fg, bg: bg, attrs: attrs) }
    package static let blank = Cell()
}
