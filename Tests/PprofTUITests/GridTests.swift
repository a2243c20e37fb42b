import PprofTUI
import Testing

@Suite struct GridTests {
    @Test func widthsOfScalars() {
        #expect(DisplayWidth.of("a" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("处" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of("\u{1F600}" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("é" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("main.处理数据") == 13)
        #expect(DisplayWidth.of("e\u{301}x") == 2)
    }

    @Test func wideCharactersTakeTwoCells() {
        var g = Grid(width: 6, height: 1, fill: Cell("#"))
        let used = g.write("a处b", x: 0, y: 0)
        #expect(used == 4)
        #expect(g[0, 0].character == "a")
        #expect(g[1, 0].character == "处")
        #expect(g[2, 0].isWideTail)
        #expect(g[3, 0].character == "b")
        #expect(g[4, 0].character == "#")
        #expect(g.text() == "a处b##")
    }

    @Test func wideCharacterNeverSplitAtEdge() {
        var g = Grid(width: 4, height: 1, fill: Cell("#"))
        let used = g.write("abc处", x: 0, y: 0)
        #expect(used == 3)
        #expect(g.text() == "abc#")
        #expect(!g[3, 0].isWideTail)
    }

    @Test func combiningMarkJoinsPreviousCell() {
        var g = Grid(width: 3, height: 1, fill: Cell("#"))
        #expect(g.write("e\u{301}x", x: 0, y: 0) == 2)
        #expect(g[0, 0].character == "e\u{301}")
        #expect(g[1, 0].character == "x")
    }

    @Test func controlAndEscapeSequencesAreInert() {
        var g = Grid(width: 40, height: 1)
        g.write("a\u{1b}[31mb\u{7f}\u{9b}\u{202e}c\td", x: 0, y: 0)
        let text = g.text()
        #expect(text.hasPrefix("a\\x1b[31mb\\x7f\\x9b\\u202ec\\x09d"))
        for c in g.cells {
            for u in c.character.unicodeScalars { #expect(!Inert.isUnsafe(u.value)) }
        }
    }

    @Test func writesAreClipped() {
        var g = Grid(width: 5, height: 2, fill: Cell("#"))
        g.write("hello world", x: 2, y: 1)
        g.write("zzz", x: -2, y: 0)
        g.write("x", x: 0, y: 5)
        #expect(g.text() == "z####\n##hel")
    }

    @Test func shortenKeepsFunctionName() {
        let name = "github.com/example/project/internal/compute.(*Engine).Compute"
        let s = shortenName(name, 30)
        #expect(DisplayWidth.of(s) <= 30)
        #expect(s.hasPrefix("…"))
        #expect(s.hasSuffix("(*Engine).Compute"))
        #expect(shortenName("short", 30) == "short")
        #expect(shortenName(name, 1) == "…")
    }

    @Test func basicColourFallback() {
        #expect(TermColor.indexed(196).basicIndex == 1)
        #expect(TermColor.indexed(46).basicIndex == 2)
        #expect(TermColor.red.basicIndex == 1)
        #expect(TermColor.none.basicIndex == -1)
    }
}
