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

    /// A session whose `list` reads `/src/main.go` from memory.
    static func session(_ profile: Profile = make()) -> Session {
        let sources = InMemorySourceProvider(files: ["/src/main.go": mainSource.joined(separator: "\n") + "\n"])
        return Session(profile: profile, environment: ReportEnvironment(sources: sources))
    }

    static func view() -> ProfileView {
        (try? ViewBuilder.build(session: session())) ?? ProfileView(report: Report(profile: Profile(), options: ReportOptions(), total: 0))
    }

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
    static func state(width: Int = 80, height: Int = 24, profile: Profile = make()) -> AppState {
        var s = AppState(session: session(profile), title: "cpu.pb.gz", width: width, height: height)
        run(&s, s.start())
        return s
    }

    /// Performs rebuild and listing effects synchronously, feeding their events back.
    static func run(_ s: inout AppState, _ effects: [Effect]) {
        var pending = effects
        var rounds = 0
        while !pending.isEmpty && rounds < 10 {
            rounds += 1
            var next: [Effect] = []
            for e in pending {
                switch e {
                case .rebuild(let gen, let session):
                    // As the runner does: the Top half, then the Tree's.
                    ViewBuilder.post(generation: gen, session: session) { next += s.handle($0) }
                case .rebuildLive(let gen, let session, let live):
                    next += s.handle(ViewBuilder.liveEvent(generation: gen, session: session, live: live))
                case .loadSource(let node, let function, let session):
                    do {
                        next += s.handle(.sourceLoaded(node: node, rows: try ViewBuilder.sourceRows(session: session, function: function), error: nil))
                    } catch {
                        next += s.handle(.sourceLoaded(node: node, rows: nil, error: "\(error)"))
                    }
                case .loadAssembly(let node, let function, let session):
                    do {
                        next += s.handle(.assemblyLoaded(node: node, rows: try ViewBuilder.assemblyRows(session: session, function: function), error: nil))
                    } catch {
                        next += s.handle(.assemblyLoaded(node: node, rows: nil, error: "\(error)"))
                    }
                case .buildFlame(let gen, let zoom, let view):
                    next += s.handle(.flameReady(generation: gen, FlameBuilder.compute(view, zoom: zoom)))
                case .buildSandwich(let request, let view, let index):
                    next += s.handle(.sandwichReady(SandwichCount.compute(request, view: view, index: index)))
                case .buildTags(let gen, let report):
                    next += s.handle(.tagsReady(generation: gen, TagsRow.rows(of: report)))
                case .loadSourceSides(let node, let function, let sides):
                    next += s.handle(.sourceSidesLoaded(node: node, LineSides.compute(sides, function: function)))
                case .buildGrowth(let gen, let points, let session):
                    next += s.handle(.growthReady(generation: gen, GrowthTable.compute(points, session)))
                default: break
                }
            }
            pending = next
        }
    }

    /// Keys, with their effects performed.
    @discardableResult
    static func press(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
        var all: [Effect] = []
        for k in keys {
            let fx = s.handle(.key(k))
            all += fx
            run(&s, fx)
        }
        return all
    }
}
