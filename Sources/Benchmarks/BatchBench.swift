import Foundation
import PprofFormats
import PprofModel
import PprofReports

/// `Benchmarks batch PROFILE`: the phases of `-top -nodecount=20` on PROFILE, each the best of
/// `rounds` (wall and CPU, user+sys of the whole process): decode, combine (merge, demangle,
/// drop_frames), prepare (the report pipeline) and report (graph builds and the text).
enum BatchBench {
    static func run(bytes: [UInt8], rounds: Int = 3) throws -> String {
        var best: [String: (wall: Double, cpu: Double)] = [:]
        func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let cpu0 = cpuSeconds()
            let t0 = Date()
            let r = try body()
            let wall = Date().timeIntervalSince(t0) * 1000
            let cpu = (cpuSeconds() - cpu0) * 1000
            let old = best[name] ?? (.infinity, .infinity)
            best[name] = (min(old.wall, wall), min(old.cpu, cpu))
            return r
        }
        var config = Config()
        config.nodeCount = 20
        config.compat = .go119
        var lines = 0
        for _ in 0..<rounds {
            let p = try time("decode") { try ProfileDecoder.decodeTyped(bytes) }
            let combined = try time("combine") { try Profile.combine(sources: [p], sumsOnly: true) }
            let prepared = try time("prepare") {
                try Pipeline.prepare(profile: combined, command: "top", symbol: nil, config: config)
            }
            lines = try time("report") {
                try prepared.report.render(command: "top", environment: ReportEnvironment()).bytes.count
            }
        }
        precondition(lines > 0)
        var out = ""
        for name in ["decode", "combine", "prepare", "report"] {
            guard let b = best[name] else { continue }
            out += String(format: "batch_%@_wall_ms %.1f\nbatch_%@_cpu_ms %.1f\n", name, b.wall, name, b.cpu)
        }
        return out
    }

    private static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        let t = [u.ru_utime, u.ru_stime]
        return t.reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }
}
