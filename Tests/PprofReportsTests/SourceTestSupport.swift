import Foundation
import PprofModel
import PprofReports

/// The text of the fixture's main.go: 30 numbered lines, line 4 indented with a tab.
func sourceFixtureMainGo() -> String {
    (1...30).map { $0 == 4 ? "\tline \($0)" : "line \($0)" }.joined(separator: "\n") + "\n"
}

/// Functions in one file (/tmp/rep2src/app/main.go) with start lines, an inlined call,
/// a function recorded without a file, and a standard-library path as -trimpath writes it.
func sourceFixture() -> Profile {
    var b = HandBuiltProfile(types: [("samples", "count"), ("cpu", "nanoseconds")], period: 10_000_000, periodType: ("cpu", "nanoseconds"))
    let file = "/tmp/rep2src/app/main.go"
    let main = b.function("main.main", file: file, startLine: 3)
    let helper = b.function("main.helper", file: file, startLine: 20)
    let nofile = b.function("main.nofile")
    let rt = b.function("runtime.spin", file: "runtime/spin.go", startLine: 2)
    let lMain5 = b.location(address: 0x10, [(main, 5)])
    let lInl = b.location(address: 0x20, [(helper, 22), (main, 8)])
    let lNofile = b.location(address: 0x30, [(nofile, 0)])
    let lRt = b.location(address: 0x40, [(rt, 3)])
    b.sample([lMain5], [1, 10_000_000])
    b.sample([lInl], [5, 50_000_000])
    b.sample([lNofile, lMain5], [2, 20_000_000])
    b.sample([lRt, lInl], [3, 30_000_000])
    return b.p
}
