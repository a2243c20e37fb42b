import PprofModel

/// gperftools' binary CPU profile (pprof's `parseCPU`): words of 32 or 64 bits in either byte
/// order, told apart by the header (0, 3, 0 for C++ or 1 for Java, period in µs > 0, 0).
enum LegacyCPU {
    /// Reads words of one width and byte order. `pos == nil` plays Go's nil slice: reading
    /// past the end yields 0 and nil, and stays nil.
    struct Words {
        let data: [UInt8]
        let width: Int
        let bigEndian: Bool

        func read(_ pos: Int?) -> (UInt64, Int?) {
            guard let pos, data.count - pos >= width else { return (0, nil) }
            var v: UInt64 = 0
            for k in 0..<width {
                let b = UInt64(data[bigEndian ? pos + k : pos + width - 1 - k])
                v = v << 8 | b
            }
            return (v, pos + width)
        }
    }

    static func parse(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        for (width, big) in [(4, false), (4, true), (8, false), (8, true)] {
            let w = Words(data: data, width: width, bigEndian: big)
            var pos: Int? = 0
            var header: [UInt64] = []
            for _ in 0..<5 {
                let (v, next) = w.read(pos)
                header.append(v)
                pos = next
            }
            guard let start = pos, header[0] == 0, header[1] == 3, header[3] > 0, header[4] == 0 else { continue }
            if header[2] == 0 {
                return try cpp(w, from: start, period: Int64(bitPattern: header[3]), limits: limits)
            }
            if header[2] == 1 {
                return try LegacyJava.cpu(w, from: start, period: Int64(bitPattern: header[3]), limits: limits)
            }
        }
        throw .unrecognized
    }

    static func newProfile(period: Int64, limits: DecodeLimits) -> LegacyProfile {
        var p = LegacyProfile(valueCount: 2, limits: limits)
        p.period = period &* 1000
        p.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        return p
    }

    /// pprof's `cpuProfile`: samples, signal-frame stripping, memory map, duplicate leaves.
    static func cpp(_ w: Words, from start: Int, period: Int64, limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        var p = newProfile(period: period, limits: limits)
        let rest = try samples(w, from: start, adjust: true, into: &p)
        stripSignalFrames(&p)
        var s = LegacyLineScanner(w.data, from: rest ?? w.data.count)
        try p.parseMemoryMap(&s)
        p.cleanupDuplicateLocations()
        return p.finish()
    }

    /// pprof's `parseCPUSamples`: (count, depth, addresses...) records until the (0, 1, 0)
    /// marker. Returns where the trailer starts (nil: the data ended without a marker).
    static func samples(_ w: Words, from start: Int, adjust: Bool, into p: inout LegacyProfile) throws(LegacyFailure)
        -> Int?
    {
        var pos: Int? = start
        while let at = pos, at < w.data.count {
            var count: UInt64
            var depth: UInt64
            (count, pos) = w.read(at)
            (depth, pos) = w.read(pos)
            // The depth is bounded by the bytes left (in 4-byte units, as pprof checks).
            guard let after = pos, depth <= UInt64((w.data.count - after) / 4) else { throw .unrecognized }
            var addrs: [UInt64] = []
            addrs.reserveCapacity(Int(depth))
            for _ in 0..<Int(depth) {
                let (a, next) = w.read(pos)
                addrs.append(a)
                pos = next
            }
            if count == 0 && depth == 1 && addrs[0] == 0 { break }
            var stack: [Int32] = []
            stack.reserveCapacity(addrs.count)
            for (i, a) in addrs.enumerated() {
                // Return addresses point after the call; step back onto it (not the leaf).
                stack.append(try p.location(adjust && i > 0 ? a &- 1 : a))
            }
            let n = Int64(bitPattern: count)
            try p.addSample(stack, [n, n &* p.period])
        }
        return pos
    }

    /// When nearly every sample has the same second frame, it is the signal handler's frame:
    /// remove it (at most twice). One differing sample is allowed per 32.
    static func stripSignalFrames(_ p: inout LegacyProfile) {
        let n = p.sampleCount
        let margin = n / 32
        for _ in 0..<2 {
            var counts: [UInt64: Int] = [:]
            for i in 0..<n {
                let s = p.stack(i)
                if s.count > 1 { counts[p.locationAddress[Int(s[s.startIndex + 1])], default: 0] += 1 }
            }
            // At most one address can reach the threshold, so dictionary order does not matter.
            guard let frame = counts.first(where: { $0.value >= n - margin })?.key else { continue }
            let addresses = p.locationAddress
            p.rewriteStacks { s in
                let a = Array(s)
                if a.count > 1 && addresses[Int(a[1])] == frame { return [a[0]] + a[2...] }
                return a
            }
        }
    }
}
