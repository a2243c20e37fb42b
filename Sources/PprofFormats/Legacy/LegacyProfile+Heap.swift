#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PprofModel

/// Text heap profiles (pprof's `parseHeap`): gperftools' `heapprofile`, `heap_v2`/`heapz_v2`,
/// Go's legacy `heap/<2·rate>`, growth and fragmentation profiles.
///
/// Header: `heap profile: <inuse n>: <inuse bytes> [<alloc n>: <alloc bytes>] @ <kind>[/<rate>]`;
/// samples: the same four numbers `@ 0x<addr>...`, leaf first.
enum LegacyHeap {
    static let header = LegacyRegex(
        #"heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*)"#)
    static let sample = LegacyRegex(#"(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)"#)
    static let growthHeader = LegacyRegex(#"heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?"#)
    static let fragmentationHeader = LegacyRegex(
        #"heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?"#)

    static func parse(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        guard let header, let sample, let growthHeader, let fragmentationHeader else {
            throw .failed("internal error: heap patterns")
        }
        var s = LegacyLineScanner(data)
        if !s.scan() {
            try s.check()
            throw .unrecognized
        }
        let line = s.text
        var sampling = ""
        var period: Int64 = 0
        var hasAlloc = false
        if let h = header.submatches(line) {
            if !h[6].isEmpty {
                guard let r = try? LegacyText.parseInt(h[6], base: 10) else { throw .unrecognized }
                period = r
            }
            hasAlloc = (h[3] != h[1] && h[3] != Array("0".utf8)) || (h[4] != h[2] && h[4] != Array("0".utf8))
            switch LegacyText.string(h[5]) {
            case "heapz_v2", "heap_v2":
                sampling = "v2"
            case "heapprofile":
                period = 1
            case "heap":
                // Go's legacy writer recorded twice the sampling rate.
                sampling = "v2"
                period /= 2
            default:
                throw .unrecognized
            }
        } else if growthHeader.match(line) != nil || fragmentationHeader.match(line) != nil {
            period = 1
        } else {
            throw .unrecognized
        }

        var p = LegacyProfile(valueCount: hasAlloc ? 4 : 2, limits: limits)
        p.periodType = ValueType(type: "space", unit: "bytes")
        p.period = period
        if hasAlloc {
            // alloc before inuse, so that the default (last) sample type is inuse_space.
            p.sampleTypes = [
                ValueType(type: "alloc_objects", unit: "count"), ValueType(type: "alloc_space", unit: "bytes"),
                ValueType(type: "inuse_objects", unit: "count"), ValueType(type: "inuse_space", unit: "bytes"),
            ]
        } else {
            p.sampleTypes = [ValueType(type: "objects", unit: "count"), ValueType(type: "space", unit: "bytes")]
        }

        while s.scan() {
            let line = LegacyText.trimSpace(s.text)
            if LegacyText.isSpaceOrComment(line) { continue }
            if LegacyText.isMemoryMapSentinel(line) { break }
            let (values, blockSize, addrs) = try parseSample(
                line, sample, rate: period, v2: sampling == "v2", includeAlloc: hasAlloc)
            var stack: [Int32] = []
            stack.reserveCapacity(addrs.count)
            for a in addrs { stack.append(try p.location(a &- 1)) }
            try p.addSample(stack, values, blockSize: blockSize)
        }
        try s.check()
        try LegacyCounts.additionalSections(&s, &p)
        return p.finish()
    }

    /// pprof's `parseHeapSample`: values (alloc pair first when present), the block size label
    /// and the addresses.
    static func parseSample(_ line: [UInt8], _ re: LegacyRegex, rate: Int64, v2: Bool, includeAlloc: Bool)
        throws(LegacyFailure) -> ([Int64], Int64, [UInt64])
    {
        guard let g = re.submatches(line) else {
            throw .failed("unexpected number of sample values: got 0, want 6")
        }
        var values: [Int64] = []
        var blockSize: Int64 = 0
        func add(_ countText: [UInt8], _ sizeText: [UInt8], _ label: String) throws(LegacyFailure) {
            let count: Int64
            let size: Int64
            do {
                count = try LegacyText.parseInt(countText, base: 10)
            } catch {
                throw .failed(malformed(line, LegacyText.numberError("ParseInt", countText, error)))
            }
            do {
                size = try LegacyText.parseInt(sizeText, base: 10)
            } catch {
                throw .failed(malformed(line, LegacyText.numberError("ParseInt", sizeText, error)))
            }
            if count == 0 && size != 0 {
                throw .failed("\(label) count was 0 but \(label) bytes was \(size)")
            }
            var c = count
            var sz = size
            if count != 0 {
                blockSize = LegacyText.divide(size, count)
                if v2 { (c, sz) = scale(count: count, size: size, rate: rate) }
            }
            values.append(c)
            values.append(sz)
        }
        if includeAlloc { try add(g[3], g[4], "allocation") }
        try add(g[1], g[2], "inuse")
        let addrs: [UInt64]
        do {
            addrs = try LegacyText.hexAddresses(g[5])
        } catch .failed(let why) {
            throw .failed(malformed(line, why))
        } catch {
            throw error
        }
        return (values, blockSize, addrs)
    }

    static func malformed(_ line: [UInt8], _ why: String) -> String {
        "malformed sample: \(LegacyText.string(line)): \(why)"
    }

    /// pprof's `scaleHeapSample`: a sample of average size S was recorded with probability
    /// 1 - exp(-S/rate); divide by it. Rates of 0 or 1 mean "not sampled".
    static func scale(count: Int64, size: Int64, rate: Int64) -> (Int64, Int64) {
        if count == 0 || size == 0 { return (0, 0) }
        if rate <= 1 { return (count, size) }
        let avg = Double(size) / Double(count)
        let factor = 1 / (1 - exp(-avg / Double(rate)))
        return (LegacyText.goInt64(Double(count) * factor), LegacyText.goInt64(Double(size) * factor))
    }
}
