/// An in-memory screen: panes write cells here, never to the terminal. The backend
/// compares it with the previous grid and sends only the cells that changed.
package struct Grid: Sendable, Equatable {
    package private(set) var width: Int
    package private(set) var height: Int
    package private(set) var cells: [Cell]

    package init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    package subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills a rectangle (clipped to the grid).
    package mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 { cells[row * width + col] = cell }
        }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` cells (and the grid). Untrusted text is
    /// made inert first; wide characters take two cells and are never split at the right
    /// edge; combining marks join the previous character. Returns the cells used.
    @discardableResult
    package mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: CellStyle = .plain) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + max(0, maxWidth ?? width))
        var col = x
        var last = -1
        for u in Inert.text(text).unicodeScalars {
            let w = DisplayWidth.of(u)
            if w == 0 {
                // Join a combining mark to the cell just written, when it forms one character.
                if last >= 0, last < width, col <= limit {
                    let joined = String(cells[y * width + last].character) + String(u)
                    if joined.count == 1, let ch = joined.first { cells[y * width + last].character = ch }
                }
                continue
            }
            if col + w > limit { break }
            if col >= 0 {
                cells[y * width + col] = Cell(Character(u), style: style)
                if w == 2 { cells[y * width + col + 1] = Cell(" ", style: style, isWideTail: true) }
                last = col
            }
            col += w
        }
        // A wide character cut in half by a later write would leave a stray tail: clear it.
        if col < width, col >= 0, cells[y * width + col].isWideTail {
            cells[y * width + col] = Cell(" ", style: cells[y * width + col].style)
        }
        return col - x
    }

    /// Writes `text` then pads with spaces to exactly `width` cells (the whole span is styled).
    package mutating func writePadded(_ text: String, x: Int, y: Int, width w: Int, style: CellStyle = .plain) {
        guard w > 0 else { return }
        let used = write(text, x: x, y: y, maxWidth: w, style: style)
        fill(x: x + used, y: y, width: w - used, height: 1, with: Cell(" ", style: style))
    }

    /// The grid as plain text, one line per row (wide tails skipped): for golden screens.
    package func text() -> String {
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for col in 0..<width where !cells[row * width + col].isWideTail {
                line.append(cells[row * width + col].character)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One letter per cell for the style: `.` plain, `r` reverse, `b` bold, `u` underline,
    /// `d` dim, `*` several; upper case when a colour is set. Lets golden screens pin highlights.
    package func styleMap() -> String {
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for col in 0..<width {
                let c = cells[row * width + col]
                var ch: Character
                switch c.attrs {
                case []: ch = "."
                case .reverse: ch = "r"
                case .bold: ch = "b"
                case .underline: ch = "u"
                case .dim: ch = "d"
                default: ch = "*"
                }
                if c.fg != .none || c.bg != .none {
                    ch = ch == "." ? "c" : Character(String(ch).uppercased())
                }
                line.append(ch)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// Shortens text to `width` display cells, ending with "…" when cut.
package func truncateToWidth(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let safe = Inert.text(text)
    if DisplayWidth.of(safe) <= width { return safe }
    var out = String.UnicodeScalarView()
    var w = 0
    for u in safe.unicodeScalars {
        let uw = DisplayWidth.of(u)
        if w + uw > width - 1 { break }
        out.append(u)
        w += uw
    }
    return String(out) + "…"
}

/// Shortens a function name to `width` keeping its own name visible: drops leading package
/// path and receiver parts first ("…/pkg.(*T).Method" → "…(*T).Method" → "…Method").
package func shortenName(_ name: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let safe = Inert.text(name)
    if DisplayWidth.of(safe) <= width { return safe }
    // Keep the tail: the function's own name is at the end of a Go/C++ symbol.
    let scalars = Array(safe.unicodeScalars)
    var w = 1
    var start = scalars.count
    while start > 0 {
        let uw = DisplayWidth.of(scalars[start - 1])
        if w + uw > width { break }
        w += uw
        start -= 1
    }
    // Prefer cutting at a separator so the kept part starts cleanly.
    var cut = start
    var i = start
    while i < scalars.count {
        let c = scalars[i]
        if c == "/" || c == "." || c == ":" {
            if i + 1 < scalars.count, scalars.count - (i + 1) >= 4 { cut = i + 1 }
            break
        }
        i += 1
    }
    if cut - start > (scalars.count - start) / 2 { cut = start }
    var out = String.UnicodeScalarView()
    out.append("…")
    out.append(contentsOf: scalars[cut...])
    return String(out)
}
