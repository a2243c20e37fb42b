import PprofModel

/// Java profiles (pprof's `parseJavaProfile`, `javaCPUProfile`): `--- heapz 1 ---` or
/// `--- contentionz 1 ---`, `key = value` attributes, `<v1> <v2> @ addrs` samples, then
/// `0x<addr> <frame>` lines that name each address. The binary CPU variant has the gperftools
/// header with 1 in its third word and the same frame lines after the samples.
enum LegacyJava {
    static let attribute = LegacyRegex(#"([\w ]+)=([\w ]+)"#)
    static let sample = LegacyRegex(#" *(\d+) +(\d+) +@ +([ x0-9a-f]*)"#)
    static let location = LegacyRegex(#"^\s*0x([[:xdigit:]]+)\s+(.*)\s*$"#)
    static let locationFileLine = LegacyRegex(#"^(.*)\s+\((.+):(-?[[:digit:]]+)\)$"#)
    static let locationPath = LegacyRegex(#"^(.*)\s+\((.*)\)$"#)
    /// Java sections are split by hand rather than by a line scanner, so pprof has no line limit
    /// here; this one keeps the regex scratch space bounded.
    static let maxLineLength = 1 << 20
    static let heapSamplingRate: Int64 = 524_288

    /// The lines of `data[from...]` that end in "\n" (as the header/sample loops see them), trimmed;
    /// returns each line's start so the caller can resume at it.
    static func nextLine(_ data: [UInt8], _ pos: Int) throws(LegacyFailure) -> (line: [UInt8], next: Int)? {
        guard let nl = data[pos...].firstIndex(of: 10) else { return nil }
        if nl - pos > maxLineLength {
            throw .failed("line of \(nl - pos) bytes exceeds the limit of \(maxLineLength) bytes")
        }
        return (LegacyText.trimSpace(Array(data[pos..<nl])), nl + 1)
    }

    static func parse(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        guard let firstNL = data.firstIndex(of: 10) else { throw .unrecognized }
        let type: String
        switch LegacyText.string(LegacyText.trimSpace(Array(data[..<firstNL]))) {
        case "--- heapz 1 ---": type = "heap"
        case "--- contentionz 1 ---": type = "contention"
        default: throw .unrecognized
        }
        var p = LegacyProfile(valueCount: 2, limits: limits)
        p.periodType = ValueType(type: "", unit: "")
        var pos = try header(type, data, firstNL + 1, &p)
        pos = try samples(type, data, pos, &p)
        try locations(data, pos, &p)
        return try aggregated(&p)
    }

    /// The CPU variant: binary samples (not adjusted: Java frames are exact), then frame lines.
    static func cpu(_ w: LegacyCPU.Words, from start: Int, period: Int64, limits: DecodeLimits) throws(LegacyFailure)
        -> Profile
    {
        var p = LegacyCPU.newProfile(period: period, limits: limits)
        let rest = try LegacyCPU.samples(w, from: start, adjust: false, into: &p)
        try locations(w.data, rest ?? w.data.count, &p)
        return try aggregated(&p)
    }

    /// pprof's `Aggregate(true, true, true, true, false)` (addresses forgotten, so frames merge by
    /// name and line) and the validity check it ends with.
    static func aggregated(_ p: inout LegacyProfile) throws(LegacyFailure) -> Profile {
        for i in p.locationAddress.indices { p.locationAddress[i] = 0 }
        let profile = p.finish()
        do {
            try profile.checkValid()
        } catch {
            let prefix = "malformed profile: "
            let m = error.message
            throw .failed(m.hasPrefix(prefix) ? String(m.dropFirst(prefix.count)) : m)
        }
        return profile
    }

    static func header(_ type: String, _ data: [UInt8], _ start: Int, _ p: inout LegacyProfile) throws(LegacyFailure)
        -> Int
    {
        guard let attribute else { throw .failed("internal error: java patterns") }
        var pos = start
        while let r = try nextLine(data, pos) {
            let line = r.line
            if !line.isEmpty {
                guard let h = attribute.submatches(line) else { return pos }
                let key = LegacyText.string(LegacyText.trimSpace(h[1]))
                let value = LegacyText.trimSpace(h[2])
                let valueText = LegacyText.string(value)
                func number() throws(LegacyFailure) -> Int64 {
                    do {
                        return try LegacyText.parseInt(value, base: 0)
                    } catch {
                        throw .failed(
                            "failed to parse attribute \(LegacyText.string(line)): "
                                + LegacyText.numberError("ParseInt", value, error))
                    }
                }
                switch type + "/" + key {
                case "heap/format", "cpu/format", "contention/format":
                    if valueText != "java" { throw .unrecognized }
                case "heap/resolution":
                    p.sampleTypes = [
                        ValueType(type: "inuse_objects", unit: "count"), ValueType(type: "inuse_space", unit: valueText),
                    ]
                case "contention/resolution":
                    p.sampleTypes = [
                        ValueType(type: "contentions", unit: "count"), ValueType(type: "delay", unit: valueText),
                    ]
                case "contention/sampling period":
                    p.periodType = ValueType(type: "contentions", unit: "count")
                    p.period = try number()
                case "contention/ms since reset":
                    p.durationNanos = try number() &* 1000 &* 1000
                default:
                    throw .unrecognized
                }
            }
            pos = r.next
        }
        return pos
    }

    static func samples(_ type: String, _ data: [UInt8], _ start: Int, _ p: inout LegacyProfile) throws(LegacyFailure)
        -> Int
    {
        guard let sample else { throw .failed("internal error: java patterns") }
        var pos = start
        while let r = try nextLine(data, pos) {
            let line = r.line
            if !line.isEmpty {
                guard let g = sample.submatches(line) else { return pos }
                let text = LegacyText.string(line)
                let addrs: [UInt64]
                do {
                    addrs = try LegacyText.hexAddresses(g[3])
                } catch .failed(let why) {
                    throw .failed("malformed sample: \(text): \(why)")
                } catch {
                    throw error
                }
                var stack: [Int32] = []
                stack.reserveCapacity(addrs.count)
                for a in addrs { stack.append(try p.location(a)) }
                // Java writes the fields the other way round: the second number comes first.
                var values: [Int64] = [0, 0]
                for (k, field) in [g[2], g[1]].enumerated() {
                    do {
                        values[k] = try LegacyText.parseInt(field, base: 0)
                    } catch {
                        throw .failed("parsing sample \(text): " + LegacyText.numberError("ParseInt", field, error))
                    }
                }
                var blockSize: Int64?
                switch type {
                case "heap":
                    if values[0] == 0 { throw .failed("parsing sample \(text): second value must be non-zero") }
                    blockSize = LegacyText.divide(values[1], values[0])
                    (values[0], values[1]) = LegacyHeap.scale(count: values[0], size: values[1], rate: heapSamplingRate)
                default:
                    if p.period != 0 {
                        values[0] = values[0] &* p.period
                        values[1] = values[1] &* p.period
                    }
                }
                try p.addSample(stack, values, blockSize: blockSize)
            }
            pos = r.next
        }
        return pos
    }

    /// pprof's `parseJavaLocations`: names the sampled addresses ("function (file:line)",
    /// "function (library path)", JIT stubs, or a bare state name such as "GC"), then renumbers.
    static func locations(_ data: [UInt8], _ start: Int, _ p: inout LegacyProfile) throws(LegacyFailure) {
        guard let location, let locationFileLine, let locationPath else {
            throw .failed("internal error: java patterns")
        }
        var functionByName: [[UInt8]: Int] = [:]
        var pos = start
        while pos < data.count {
            let nl = data[pos...].firstIndex(of: 10) ?? data.count
            if nl - pos > maxLineLength {
                throw .failed("line of \(nl - pos) bytes exceeds the limit of \(maxLineLength) bytes")
            }
            let line = LegacyText.trimSpace(Array(data[pos..<nl]))
            pos = nl + 1
            if line.isEmpty { continue }
            guard let j = location.submatches(line) else { continue }
            let address: UInt64
            do {
                address = try LegacyText.parseUint(j[1], base: 16)
            } catch {
                throw .failed(
                    "parsing sample \(LegacyText.string(line)): " + LegacyText.numberError("ParseUint", j[1], error))
            }
            guard let loc = p.locationByAddress[address] else { continue }
            let frame = j[2]
            let name: [UInt8]
            var file: [UInt8] = []
            var lineNumber: Int64 = 0
            if let f = locationFileLine.submatches(frame) {
                name = f[1]
                file = f[2]
                if let n = try? LegacyText.parseInt(f[3], base: 10), n > 0 { lineNumber = n }
            } else if let f = locationPath.submatches(frame) {
                // A shared library: only its base name is interesting.
                name = f[1]
                file = Array(baseName(LegacyText.string(f[2])).utf8)
            } else if LegacyText.contains(frame, "generated stub/JIT") {
                name = Array("STUB".utf8)
            } else {
                // The agent's internal states ("GC", "VM") come as bare names.
                name = frame
            }
            let fn: Int
            if let f = functionByName[name] {
                fn = f
            } else {
                fn = p.functions.count
                functionByName[name] = fn
                p.functions.append((LegacyText.string(name), LegacyText.string(file)))
            }
            p.locationLine[Int(loc)] = (fn, lineNumber)
            p.locationAddress[Int(loc)] = 0
        }
        p.remapLocations()
        p.remapFunctions()
        p.remapMappings()
    }

    /// Go's `filepath.Base`.
    static func baseName(_ path: String) -> String {
        if path.isEmpty { return "." }
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
        return s.isEmpty ? "/" : String(s)
    }
}
