import PprofModel

/// The line-oriented count profiles: Go's `<type> profile: total N` (goroutine, threadcreate),
/// `--- threadz` thread dumps, and contention profiles (`--- contentionz `, Go's `--- mutex:` and
/// `--- contention:`), as pprof's `parseGoCount`, `parseThread` and `parseContention` read them.
enum LegacyCounts {
    static let countStart = LegacyRegex(#"\A(\S+) profile: total \d+\z"#)
    static let count = LegacyRegex(#"\A(\d+) @(( 0x[0-9a-f]+)+)\z"#)
    static let contentionSample = LegacyRegex(#"(\d+) *(\d+) @([ x0-9a-f]*)"#)
    static let threadzStart = LegacyRegex(#"--- threadz \d+ ---"#)
    static let threadStart = LegacyRegex(#"--- Thread ([[:xdigit:]]+) \(name: (.*)/(\d+)\) stack: ---"#)

    /// pprof's `parseAdditionalSections`: skip to a memory-map sentinel, then read the map.
    static func additionalSections(_ s: inout LegacyLineScanner, _ p: inout LegacyProfile) throws(LegacyFailure) {
        while !LegacyText.isMemoryMapSentinel(s.text) && s.scan() {}
        try s.check()
        try p.parseMemoryMap(&s)
    }

    static func parseGoCount(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        guard let countStart, let count else { throw .failed("internal error: count patterns") }
        var s = LegacyLineScanner(data)
        while s.scan() && LegacyText.isSpaceOrComment(s.text) {}
        try s.check()
        guard let m = countStart.submatches(s.text) else { throw .unrecognized }
        let type = LegacyText.string(m[1])
        var p = LegacyProfile(valueCount: 1, limits: limits)
        p.periodType = ValueType(type: type, unit: "count")
        p.period = 1
        p.sampleTypes = [ValueType(type: type, unit: "count")]
        while s.scan() {
            let line = s.text
            if LegacyText.isSpaceOrComment(line) { continue }
            if LegacyText.hasPrefix(line, "---") { break }
            guard let g = count.submatches(line), let n = try? LegacyText.parseInt(g[1], base: 0) else {
                throw .malformed
            }
            var stack: [Int32] = []
            for field in g[2].split(separator: UInt8(ascii: " ")) {
                guard let a = try? LegacyText.parseUint(Array(field), base: 0) else { throw .malformed }
                stack.append(try p.location(a &- 1))
            }
            try p.addSample(stack, [n])
        }
        try s.check()
        try additionalSections(&s, &p)
        return p.finish()
    }

    static func parseThread(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        guard let threadzStart, let threadStart else { throw .failed("internal error: thread patterns") }
        var s = LegacyLineScanner(data)
        while s.scan() && LegacyText.isSpaceOrComment(s.text) {}
        var line = s.text
        if threadzStart.match(line) != nil {
            // Skip the comments before the first thread.
            while s.scan() {
                line = s.text
                if LegacyText.isMemoryMapSentinel(line) || LegacyText.hasPrefix(line, "-") { break }
            }
        } else if threadStart.match(line) == nil {
            throw .unrecognized
        }
        var p = LegacyProfile(valueCount: 1, limits: limits)
        p.sampleTypes = [ValueType(type: "thread", unit: "count")]
        p.periodType = ValueType(type: "thread", unit: "count")
        p.period = 1
        while !LegacyText.isMemoryMapSentinel(line) {
            if LegacyText.hasPrefix(line, "---- no stack trace for") {
                line = []
                break
            }
            if threadStart.match(line) == nil { throw .unrecognized }
            let (next, addrs) = try threadSample(&s)
            line = next
            guard let addrs else {
                // "same as previous thread": one more of the previous stack.
                if p.sampleCount > 0 { p.values[p.values.count - 1] &+= 1 }
                continue
            }
            var stack: [Int32] = []
            stack.reserveCapacity(addrs.count)
            for (i, a) in addrs.enumerated() { stack.append(try p.location(i > 0 ? a &- 1 : a)) }
            try p.addSample(stack, [1])
        }
        try additionalSections(&s, &p)
        p.cleanupDuplicateLocations()
        return p.finish()
    }

    /// pprof's `parseThreadSample`: the addresses of one thread's lines up to the next "---"
    /// line (returned), or nil for a "same as previous thread" marker.
    static func threadSample(_ s: inout LegacyLineScanner) throws(LegacyFailure) -> ([UInt8], [UInt64]?) {
        var line: [UInt8] = []
        var same = false
        var addrs: [UInt64] = []
        while s.scan() {
            line = LegacyText.trimSpace(s.text)
            if line.isEmpty { continue }
            if LegacyText.hasPrefix(line, "---") { break }
            if LegacyText.contains(line, "same as previous thread") {
                same = true
                continue
            }
            do {
                addrs.append(contentsOf: try LegacyText.hexAddresses(line))
            } catch .failed(let why) {
                throw .failed("malformed sample: \(LegacyText.string(line)): \(why)")
            } catch {
                throw error
            }
        }
        try s.check()
        return (line, same ? nil : addrs)
    }

    static func parseContention(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        guard let contentionSample else { throw .failed("internal error: contention patterns") }
        var s = LegacyLineScanner(data)
        if !s.scan() {
            try s.check()
            throw .unrecognized
        }
        let first = s.text
        guard
            LegacyText.hasPrefix(first, "--- contentionz ") || LegacyText.hasPrefix(first, "--- mutex:")
                || LegacyText.hasPrefix(first, "--- contention:")
        else { throw .unrecognized }
        var p = LegacyProfile(valueCount: 2, limits: limits)
        p.periodType = ValueType(type: "contentions", unit: "count")
        p.period = 1
        p.sampleTypes = [ValueType(type: "contentions", unit: "count"), ValueType(type: "delay", unit: "nanoseconds")]

        var cpuHz: Int64 = 0
        // "key = value" attributes before the samples.
        while s.scan() {
            let line = LegacyText.trimSpace(s.text)
            if LegacyText.isSpaceOrComment(line) { continue }
            if LegacyText.hasPrefix(line, "---") { break }
            guard let eq = line.firstIndex(of: UInt8(ascii: "=")) else { break }
            let key = LegacyText.string(LegacyText.trimSpace(Array(line[..<eq])))
            let value = LegacyText.trimSpace(Array(line[(eq + 1)...]))
            func number() throws(LegacyFailure) -> Int64 {
                guard let v = try? LegacyText.parseInt(value, base: 0) else { throw .unrecognized }
                return v
            }
            switch key {
            case "cycles/second": cpuHz = try number()
            case "sampling period": p.period = try number()
            case "ms since reset": p.durationNanos = try number() &* 1000 &* 1000
            case "discarded samples": break
            default: throw .unrecognized  // includes Java's "format" and "resolution"
            }
        }
        try s.check()

        while true {
            let line = LegacyText.trimSpace(s.text)
            if LegacyText.hasPrefix(line, "---") { break }
            if !LegacyText.isSpaceOrComment(line) {
                let (values, addrs) = try contentionValues(line, contentionSample, period: p.period, cpuHz: cpuHz)
                var stack: [Int32] = []
                stack.reserveCapacity(addrs.count)
                for a in addrs { stack.append(try p.location(a &- 1)) }
                try p.addSample(stack, values)
            }
            if !s.scan() { break }
        }
        try s.check()
        try additionalSections(&s, &p)
        return p.finish()
    }

    /// pprof's `parseContentionSample`: `<delay> <count> @ addrs`, unsampled by the period and
    /// with delays converted from cycles to nanoseconds when the clock rate is known.
    static func contentionValues(_ line: [UInt8], _ re: LegacyRegex, period: Int64, cpuHz: Int64)
        throws(LegacyFailure) -> ([Int64], [UInt64])
    {
        guard let g = re.submatches(line) else { throw .unrecognized }
        func malformed(_ why: String) -> LegacyFailure {
            .failed("malformed sample: \(LegacyText.string(line)): \(why)")
        }
        var v1: Int64
        var v2: Int64
        do {
            v1 = try LegacyText.parseInt(g[1], base: 10)
        } catch {
            throw malformed(LegacyText.numberError("ParseInt", g[1], error))
        }
        do {
            v2 = try LegacyText.parseInt(g[2], base: 10)
        } catch {
            throw malformed(LegacyText.numberError("ParseInt", g[2], error))
        }
        if period > 0 {
            if cpuHz > 0 {
                let cpuGHz = Double(cpuHz) / 1e9
                v1 = LegacyText.goInt64(Double(v1) * Double(period) / cpuGHz)
            }
            v2 = v2 &* period
        }
        do {
            return ([v2, v1], try LegacyText.hexAddresses(g[3]))
        } catch .failed(let why) {
            throw malformed(why)
        } catch {
            throw error
        }
    }
}
