import PprofModel
import Testing

@testable import PprofReports

@Suite struct CollapsedTests {
    private func profile() -> Profile {
        var b = HandBuiltProfile(types: [("samples", "count"), ("cpu", "nanoseconds")])
        let main = b.function("main.main")
        let work = b.function("main.work")
        let inl = b.function("main.inlined")
        let leaf = b.function("runtime;memmove")
        let lm = b.location([(main, 0)])
        let lw = b.location([(inl, 0), (work, 0)])
        let ll = b.location([(leaf, 0)])
        b.sample([ll, lw, lm], [1, 10])
        b.sample([ll, lw, lm], [2, 20])
        b.sample([lw, lm], [3, 30])
        b.sample([lm], [4, 0])
        return b.p
    }

    @Test func foldsStacksRootFirstWithInlinedFrames() {
        let out = handReport(profile()).printCollapsed()
        #expect(out == """
            main.main;main.work;main.inlined 30
            main.main;main.work;main.inlined;runtime:memmove 30

            """)
    }

    @Test func sampleIndexSelectsTheValue() {
        let out = handReport(profile(), index: 0).printCollapsed()
        #expect(out == """
            main.main 4
            main.main;main.work;main.inlined 3
            main.main;main.work;main.inlined;runtime:memmove 3

            """)
    }

    @Test func divideByScalesEachStackSum() {
        let out = handReport(profile()) { $0.ratio = 1.0 / 7 }.printCollapsed()
        #expect(out == """
            main.main;main.work;main.inlined 4
            main.main;main.work;main.inlined;runtime:memmove 4

            """)
    }

    @Test func controlCharactersAndSeparatorsAreReplaced() {
        let out = handReport(hostileProfile()).printCollapsed()
        for line in out.split(separator: "\n") {
            #expect(line.split(separator: ";").count <= 2)
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        }
        #expect(out.contains("main.main;two?lines\\and:semi?[31m 200"))
    }
}
