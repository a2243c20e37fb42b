import PprofModel

extension FlamePane {
    static func draw(_ s: AppState, _ g: inout Grid, _ layout: ScreenLayout) {
        guard let v = s.aggregate else { return }
        let body = layout.body
        let zoom = s.flame.root.isEmpty ? "whole profile" : "zoom: " + s.flame.root.joined(separator: " › ")
        let title = !v.diffFlame ? "Flame (icicle, width ∝ cum) — "
            : s.flame.sizedByBase ? "Flame (differential, width ∝ base, colour = change, b: larger side) — "
            : "Flame (differential, width ∝ larger of new and base, colour = change, b: base) — "
        g.writePadded(title + zoom, x: 0, y: layout.header.y, width: g.width, style: Renderer.header)
        for row in 0..<body.height { g.writePadded("", x: 0, y: body.y + row, width: g.width) }
        if !s.flameCurrent {
            g.writePadded("building flame…", x: 0, y: body.y, width: g.width)
            return
        }
        let sel = s.resolveFrame(s.flame.selected)
        let palette = Renderer.flamePalette
        let colors = v.flameIndex?.color ?? []
        let boxes = FlameLayout.layout(s)
        // Full colour at the largest change drawn below the zoom root.
        let scale = v.diffFlame ? boxes.reduce(UInt64(0)) { $1.row == 0 ? $0 : max($0, v.frames[$1.frame].cum.magnitude) } : 0
        for b in boxes where b.row < body.height {
            let name = v.frameName(b.frame)
            let id = v.frames[b.frame].name
            let slot = id >= 0 && id < colors.count ? Int(colors[id]) : Int(Renderer.paletteSlot(name))
            var style = CellStyle(fg: .black, bg: .indexed(palette[slot]))
            // In a diff the sign is also a mark before the name: the frame reads without colour.
            let mark = v.diffFlame ? Renderer.diffMark(v.frames[b.frame].cum) : ""
            if v.diffFlame { style = Renderer.diffBox(v.frames[b.frame].cum, scale: scale) }
            // Own code (MyCode): bold and underlined over its package colour.
            if !v.diffFlame, b.frame > 0, s.myCode.isMine(name) { style.attrs.formUnion([.bold, .underline]) }
            if let re = s.searchRegex, b.frame > 0, re.matches(name) { style = CellStyle(fg: .black, bg: .magenta, attrs: .bold) }
            if b.frame == sel { style = Renderer.selected }
            let label = b.width >= 3 ? mark + shortenName(name, b.width - 1 - mark.count) : (b.width == 2 ? mark : "")
            g.writePadded(label, x: b.x, y: body.y + b.row, width: b.width - (b.width > 1 ? 1 : 0), style: style)
        }
    }
}

/// Flame colours, shared with `FlameBuilder`, which picks them per package.
extension Renderer {
    /// FNV-1a of some bytes.
    static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// A symbol's flame colour: its package part's hash picks the palette slot.
    package static func paletteSlot(_ name: String) -> UInt8 {
        var name = name
        return name.withUTF8 { UInt8(fnv(packageName($0)) % UInt64(flamePalette.count)) }
    }

    /// The package part of a symbol's bytes: of the last non-empty part between '/'s, the
    /// first non-empty part between '.'s (the whole when there is no such part).
    static func packageName(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var end = name.count
        while end > 0 && name[end - 1] == slash { end -= 1 }
        var part = name[...]
        if end > 0 {
            var start = end
            while start > 0 && name[start - 1] != slash { start -= 1 }
            part = name[start..<end]
        }
        guard let first = part.firstIndex(where: { $0 != dot }) else { return UnsafeBufferPointer(rebasing: part) }
        let stop = part[first...].firstIndex(of: dot) ?? part.endIndex
        return UnsafeBufferPointer(rebasing: name[first..<stop])
    }

    /// Flame colours, picked per package name.
    package static let flamePalette: [UInt8] = [166, 172, 178, 208, 214, 220, 130, 136, 173, 179]
}
