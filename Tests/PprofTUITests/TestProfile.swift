import PprofModel
import PprofReports
import PprofTUI

/// A small hand-built CPU profile: main → run → {compute → hash, parse}, with a long Go
/// package path, a CJK name and a name carrying an escape sequence.
enum TestProfile {
    static let names = [
        "main.main", "main.run", "github.com/example/project/internal/compute.(*Engine).Compute",
        "crypto/sha256.block", "encoding/json.(*decodeState).parse", "runtime.mallocgc",
        "main.处理数据", "evil\u{1b}[31mred",
    ]

    static func make() -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        p.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        p.period = 10_000_000
        for (i, n) in names.enumerated() {
            p.functions.append(Function(id: UInt64(i + 1), name: n, systemName: n, filename: i < 2 ? "/src/main.go" : "/src/pkg\(i).go", startLine: 10))
            var loc = Location(id: UInt64(i + 1))
            loc.address = 0x1000 + UInt64(i) * 16
            loc.lines = [Line(function: Int32(i), line: 12 + Int64(i))]
            p.locations.append(loc)
        }
        p.samples = SampleTable(valueCount: 2)
        // Stacks are leaf first, as location indices.
        let stacks: [([Int32], Int64)] = [
            ([3, 2, 1, 0], 40), ([2, 1, 0], 15), ([4, 1, 0], 25), ([5, 4, 1, 0], 8),
            ([6, 1, 0], 7), ([7, 0], 3), ([5, 2, 1, 0], 2),
        ]
        for (stack, n) in stacks {
            p.samples.append(stack: stack, values: [n, n * 10_000_000], labels: [])
        }
        return p
    }

    static func view() -> ProfileView { ProfileView.build(profile: make(), sampleIndex: 1) }

    static let mainSource = (1...40).map { i -> String in
        switch i {
        case 10: return "func main() {"
        case 12: return "\trun()"
        case 13: return "\tfor i := 0; i < n; i++ { compute(i) } // 日本語 comment"
        case 14: return "}"
        default: return "// line \(i)"
        }
    }

    /// A state with the view loaded, as after the first aggregation.
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var s = AppState(session: Session(profile: make()), title: "cpu.pb.gz", width: width, height: height)
        let fx = s.start()
        if case .rebuild(let gen, _)? = fx.first { _ = s.handle(.viewReady(generation: gen, view())) }
        return s
    }
}
