import PprofModel

/// Samples, decoded as they arrive (in the first pass, while a gzip input is still being
/// inflated) straight into `SampleTable`'s flat arrays. The location ids are kept as
/// provisional indices (`id - 1`) and resolved once the location table, which pprof writes
/// after the samples, is known: when the ids are 1...n in order (as Go writes them) the
/// provisional indices are the indices and no second pass over the frames runs.
struct SampleAccumulator {
    var stackOffsets: [Int] = [0]
    /// `id - 1` for ids 1...2^31; any other id as `-1 - k`, `k` indexing `oddIDs`.
    var stacks: [Int32] = []
    var oddIDs: [UInt64] = []
    /// The largest provisional index (ids up to 2^31), -1 before any.
    var maxIndex: Int32 = -1
    var values: [Int64] = []
    var labelOffsets: [Int] = [0]
    var labels: [RawLabel] = []
    /// The number of values of the first sample, and the first sample with another number
    /// (index, its count), to report pprof's value-count mismatch without a per-sample array.
    var firstValueCount: Int?
    var otherValueCount: (sample: Int, count: Int)?
    /// The first error inside a sample message; decoding of samples stops there, and the
    /// error is thrown after the rest of the first pass, where pprof's order puts it.
    var failure: PprofError?

    struct RawLabel {
        var key: Int64
        var str: Int64
        var num: Int64
        var unit: Int64
    }

    var count: Int { stackOffsets.count - 1 }

    /// Reserves for an input of about `bytes` bytes: every frame and value takes at least one
    /// byte. Only address space is reserved; pages are committed as the arrays fill.
    mutating func reserve(forInputBytes bytes: Int) {
        // About two bytes per location id in real profiles; a profile with more regrows once.
        // Capped, so that a crafted size hint reserves well under a gigabyte of address space.
        stacks.reserveCapacity(min(bytes / 2, 1 << 27))
        values.reserveCapacity(min(bytes / 16, 1 << 24))
        stackOffsets.reserveCapacity(min(bytes / 32, 1 << 23))
        labelOffsets.reserveCapacity(min(bytes / 32, 1 << 23))
    }
}

extension ProfileWireDecoder {
    /// Decodes one sample message into `samples` (unless an earlier one failed).
    mutating func sample(_ sub: WireReader) {
        if samples.failure != nil { return }
        do throws(PprofError) {
            try decodeSample(sub)
        } catch {
            samples.failure = error
        }
    }

    private mutating func decodeSample(_ sub: WireReader) throws(PprofError) {
        var s = sub
        let stackStart = samples.stacks.count
        let valueStart = samples.values.count
        let labelStart = samples.labels.count
        let maxDepth = limits.maxStackDepth
        let maxLabels = limits.maxLabelsPerSample
        while !s.atEnd {
            let (f, w) = try s.key()
            switch f {
            case 1:
                if w == 2 {
                    let stop = try s.lengthEnd()
                    if !appendPackedLocations(s.base, from: s.pos, to: stop) {
                        while s.pos < stop {
                            appendLocation(try s.varint())
                        }
                    } else {
                        s.pos = stop
                    }
                } else {
                    appendLocation(try s.scalar(w, "sample.location_id"))
                }
                if samples.stacks.count - stackStart > maxDepth { throw limits.exceeded(.stackDepth) }
            case 2:
                if w == 2 {
                    let stop = try s.lengthEnd()
                    while s.pos < stop {
                        samples.values.append(Int64(bitPattern: try s.varint()))
                    }
                } else {
                    samples.values.append(Int64(bitPattern: try s.scalar(w, "sample.value")))
                }
                try limits.check(samples.values.count - valueStart, .valuesPerSample)
            case 3:
                samples.labels.append(try rawLabel(s.sub(s.delimited(w, "sample.label"))))
                if samples.labels.count - labelStart > maxLabels { throw limits.exceeded(.labelsPerSample) }
            default:
                try s.skip(w)
            }
        }
        let n = samples.values.count - valueStart
        if let first = samples.firstValueCount {
            if n != first && samples.otherValueCount == nil { samples.otherValueCount = (samples.count, n) }
        } else {
            samples.firstValueCount = n
        }
        samples.stackOffsets.append(samples.stacks.count)
        samples.labelOffsets.append(samples.labels.count)
    }

    /// The packed location ids in `base[from..<to]`, decoded into a scratch buffer and
    /// appended at once (one array update per sample, not one per frame). False, with nothing
    /// appended, unless every id is a well-formed varint ending inside the range: the
    /// per-varint loop then reads it exactly as before (and reports what is wrong).
    private mutating func appendPackedLocations(_ base: UnsafePointer<UInt8>, from: Int, to stop: Int) -> Bool {
        guard stop > from, base[stop - 1] < 0x80 else { return stop == from }
        // Every id takes at least one byte: the byte count bounds the ids without counting them.
        let n = stop - from
        let oddBefore = samples.oddIDs.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { out -> Bool in
            var p = from
            var k = 0
            var maxIndex = samples.maxIndex
            while p < stop {
                // Eight bytes at once while they are inside the range: an id of one to four
                // bytes (every id of a profile with under 2^28 locations) is found and
                // assembled without a branch per byte.
                if stop - p >= 8 {
                    let w = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                    let length = ((~w & 0x8080_8080_8080_8080).trailingZeroBitCount + 1) >> 3
                    if length <= 4 {
                        let x7 = w & 0x7f7f_7f7f
                        let id =
                            ((x7 & 0x7f) | ((x7 >> 1) & 0x3f80) | ((x7 >> 2) & 0x1f_c000) | ((x7 >> 3) & 0xfe0_0000))
                            & ((1 &<< UInt64(7 * length)) &- 1)
                        if id != 0 {
                            let x = Int32(truncatingIfNeeded: id &- 1)
                            if x > maxIndex { maxIndex = x }
                            out[k] = x
                            k += 1
                            p += length
                            continue
                        }
                    }
                }
                var b = UInt64(base[p])
                p += 1
                var id = b & 0x7f
                var length = 1
                while b >= 0x80 && length < 10 {
                    b = UInt64(base[p])
                    p += 1
                    id |= (b & 0x7f) &<< UInt64(7 * length)
                    length += 1
                }
                // Eleven bytes or more: not a varint.
                if b >= 0x80 {
                    samples.oddIDs.removeLast(samples.oddIDs.count - oddBefore)
                    return false
                }
                if id &- 1 < 1 << 31 {
                    let x = Int32(truncatingIfNeeded: id &- 1)
                    if x > maxIndex { maxIndex = x }
                    out[k] = x
                } else {
                    out[k] = Int32(truncatingIfNeeded: -1 - samples.oddIDs.count)
                    samples.oddIDs.append(id)
                }
                k += 1
            }
            samples.maxIndex = maxIndex
            samples.stacks.append(contentsOf: UnsafeBufferPointer(rebasing: out[0..<k]))
            return true
        }
    }

    @inline(__always)
    private mutating func appendLocation(_ id: UInt64) {
        if id &- 1 < 1 << 31 {
            let x = Int32(truncatingIfNeeded: id &- 1)
            if x > samples.maxIndex { samples.maxIndex = x }
            samples.stacks.append(x)
        } else {
            samples.stacks.append(Int32(truncatingIfNeeded: -1 - samples.oddIDs.count))
            samples.oddIDs.append(id)
        }
    }

    private func rawLabel(_ sub: WireReader) throws(PprofError) -> SampleAccumulator.RawLabel {
        var r = sub
        var l = SampleAccumulator.RawLabel(key: 0, str: 0, num: 0, unit: 0)
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: l.key = Int64(bitPattern: try r.scalar(wire, "label.key"))
            case 2: l.str = Int64(bitPattern: try r.scalar(wire, "label.str"))
            case 3: l.num = Int64(bitPattern: try r.scalar(wire, "label.num"))
            case 4: l.unit = Int64(bitPattern: try r.scalar(wire, "label.num_unit"))
            default: try r.skip(wire)
            }
        }
        return l
    }

    /// Completes the samples once the tables are resolved: location ids to indices (-1 for
    /// an unknown id), labels' strings. Returns pprof's `CheckValid` message for the first bad
    /// sample (a value count mismatch before an unknown location, as pprof checks them), if any.
    mutating func finishSamples(into p: inout Profile, locationIndex: IDIndex) -> String? {
        let valueCount = p.sampleTypes.count
        var acc = samples
        samples = SampleAccumulator()
        let firstUnknown = Self.resolveLocations(&acc, locations: p.locations, locationIndex: locationIndex)
        // pprof keeps a label as a string when `str` is set, as a number when `num` or `unit`
        // is set, and drops it otherwise.
        var labels: [SampleLabel] = []
        var labelOffsets: [Int]
        if acc.labels.isEmpty {
            labelOffsets = acc.labelOffsets
        } else {
            labels.reserveCapacity(acc.labels.count)
            labelOffsets = [0]
            labelOffsets.reserveCapacity(acc.labelOffsets.count)
            for i in 0..<acc.count {
                for l in acc.labels[acc.labelOffsets[i]..<acc.labelOffsets[i + 1]] {
                    let k = string(l.key, "label.key")
                    if l.str != 0 {
                        labels.append(SampleLabel(key: k, str: string(l.str, "label.str")))
                    } else if l.num != 0 || l.unit != 0 {
                        labels.append(
                            SampleLabel(key: k, num: l.num, unit: l.unit != 0 ? string(l.unit, "label.num_unit") : ""))
                    }
                }
                labelOffsets.append(labels.count)
            }
        }
        var mismatch: (sample: Int, count: Int)?
        if let first = acc.firstValueCount, first != valueCount {
            mismatch = (0, first)
        } else if let other = acc.otherValueCount {
            mismatch = other
        }
        var problem: String?
        if let mismatch, mismatch.sample <= (firstUnknown ?? .max) {
            problem = "mismatch: sample has \(mismatch.count) values vs. \(valueCount) types"
        } else if firstUnknown != nil {
            problem = "sample has nil location"
        }
        p.samples = SampleTable(valueCount: valueCount)
        p.samples.stackOffsets = acc.stackOffsets
        p.samples.stacks = acc.stacks
        p.samples.values = acc.values
        p.samples.labelOffsets = labelOffsets
        p.samples.labels = labels
        return problem
    }

    /// Turns provisional indices into location indices; returns the first sample holding an
    /// unknown id, if any. Ids 1...n in order (the common case) need no pass over the frames.
    private static func resolveLocations(_ acc: inout SampleAccumulator, locations: [Location], locationIndex: IDIndex)
        -> Int?
    {
        let n = locations.count
        let identity = acc.oddIDs.isEmpty && Int(acc.maxIndex) < n
            && locations.indices.allSatisfy { locations[$0].id == UInt64($0) + 1 }
        if identity { return nil }
        var firstUnknownFrame: Int?
        let odd = acc.oddIDs
        acc.stacks.withUnsafeMutableBufferPointer { frames in
            for k in frames.indices {
                let x = frames[k]
                let id = x >= 0 ? UInt64(x) + 1 : odd[Int(-1 - x)]
                let idx = locationIndex.lookup(id)
                if idx < 0 && firstUnknownFrame == nil { firstUnknownFrame = k }
                frames[k] = idx
            }
        }
        acc.oddIDs = []
        guard let frame = firstUnknownFrame else { return nil }
        // The sample whose stack holds that frame: the first with an offset beyond it.
        var lo = 0
        var hi = acc.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if acc.stackOffsets[mid + 1] <= frame { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
