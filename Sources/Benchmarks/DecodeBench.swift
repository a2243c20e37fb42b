import Foundation
import PprofFormats
import PprofModel

/// `Benchmarks decode PROFILE`: the decoder alone on PROFILE's bytes, inflating first and
/// inflating while decoding (`InflateStream`), alternated for `rounds` rounds; the best wall
/// and CPU (user+sys of the whole process, every thread) of each. On a busy machine the CPU
/// figures are the ones to compare.
enum DecodeBench {
    static func run(bytes: [UInt8], rounds: Int = 3) throws -> String {
        var best: [String: (wall: Double, cpu: Double)] = [:]
        for _ in 0..<rounds {
            for (name, minBytes) in [("serial", Int.max), ("stream", 0)] {
                let cpu0 = cpuSeconds()
                let t0 = Date()
                let p = try ProfileDecoder.decodeTyped(bytes, streamingMinBytes: minBytes)
                let wall = Date().timeIntervalSince(t0) * 1000
                let cpu = (cpuSeconds() - cpu0) * 1000
                precondition(p.samples.count > 0 || bytes.isEmpty)
                let old = best[name] ?? (.infinity, .infinity)
                best[name] = (min(old.wall, wall), min(old.cpu, cpu))
            }
        }
        var out = ""
        for name in ["serial", "stream"] {
            guard let b = best[name] else { continue }
            out += String(format: "decode_%@_wall_ms %.1f\ndecode_%@_cpu_ms %.1f\n", name, b.wall, name, b.cpu)
        }
        return out
    }

    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        let t = [u.ru_utime, u.ru_stime]
        return t.reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }
}
