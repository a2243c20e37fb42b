import Dispatch

extension Profile {
    /// pprof's `compatible`: same period type and the same sample types, in order.
    /// - Throws: `incompatible period types ...` / `incompatible sample types ...`.
    package func checkCompatible(with other: Profile) throws {
        let pt = periodType ?? ValueType(type: "", unit: "")
        let opt = other.periodType ?? ValueType(type: "", unit: "")
        if pt != opt {
            throw PprofError("incompatible period types &\(Self.describe(pt)) and &\(Self.describe(opt))")
        }
        if sampleTypes != other.sampleTypes {
            throw PprofError(
                "incompatible sample types \(Self.describe(sampleTypes)) and \(Self.describe(other.sampleTypes))")
        }
    }

    /// pprof prints `%v` of its ValueType structs, whose two string-table index fields are
    /// always 0 after decoding. (For sample types pprof prints pointer addresses; the
    /// struct form is used instead.)
    static func describe(_ t: ValueType) -> String { "{\(t.type) \(t.unit) 0 0}" }
    static func describe(_ ts: [ValueType]) -> String { "[" + ts.map { describe($0) }.joined(separator: " ") + "]" }

    /// pprof's `Merge`: one new profile holding every non-zero sample of `profiles`.
    ///
    /// Samples with the same (merged) stack and the same labels (per key, values in order)
    /// are summed; locations, functions and mappings are deduplicated by pprof's keys
    /// (location: address relative to its mapping start, mapping, lines, folded flag;
    /// function: start line, name, system name, file; mapping: size rounded up to 4 KiB,
    /// offset, build id or else file) and renumbered 1, 2, ... in order of first use, the
    /// first profile's first mapping first. Headers: the first profile's sample types,
    /// period type and drop/keep frames; the earliest time (a zero time is replaced by the
    /// next profile's, but a zero time after the first wins), the summed durations, the
    /// largest period, distinct comments in order, the first non-empty default sample type.
    /// Samples that sum to zero are dropped by merging once more. Labels of a merged sample are stored grouped by key (sorted).
    /// - Throws: `no profiles to merge`, or the incompatibility of a later profile with the first.
    ///
    /// A single profile (the usual load) is merged in place in its own sample table, without
    /// a copy when the caller hands the profile over.
    ///
    /// With `sumsOnly`, a single profile whose merge a report of sums could not tell apart
    /// (`ProfileMerger.mergeIsInvisible`) keeps its own tables and samples: only the headers
    /// are combined, so the scan of every stack that merging costs is skipped.
    package static func merge(_ profiles: consuming [Profile], sumsOnly: Bool = false) throws -> Profile {
        try checkMergeable(profiles)
        var header = combineHeaders(profiles)
        var merged: Profile
        if sumsOnly && profiles.count == 1 && ProfileMerger.mergeIsInvisible(profiles[0]) {
            let alone = profiles.removeLast()
            header.samples = alone.samples
            header.mappings = alone.mappings
            header.locations = alone.locations
            header.functions = alone.functions
            header.unmergedSource = UnmergedSource(alone)
            return header
        }
        if profiles.count == 1, let alone = ProfileMerger.mergeAlone(&profiles[0], header: header) {
            merged = alone
        } else {
            // The merge is usually about as large as its largest input: reserve once instead of
            // regrowing arrays of tens of millions of frames.
            if let largest = profiles.max(by: { $0.samples.stacks.count < $1.samples.stacks.count }) {
                header.samples.stacks.reserveCapacity(largest.samples.stacks.count)
                header.samples.stackOffsets.reserveCapacity(largest.samples.count + 1)
                header.samples.values.reserveCapacity(largest.samples.values.count)
                header.samples.labelOffsets.reserveCapacity(largest.samples.count + 1)
            }
            let expected = profiles.map(\.samples.count).max() ?? 0
            var merger = ProfileMerger(header: header, expectedSamples: expected)
            for src in profiles { merger.add(src) }
            merged = merger.profile
        }
        let table = merged.samples
        if (0..<table.count).contains(where: { s in table.values(s).allSatisfy { $0 == 0 } }) {
            return try merge([merged])
        }
        return merged
    }

    private static func checkMergeable(_ profiles: [Profile]) throws {
        guard let first = profiles.first else { throw PprofError("no profiles to merge") }
        for other in profiles.dropFirst() { try first.checkCompatible(with: other) }
        for src in profiles where src.samples.count > 0 && src.samples.valueCount != src.sampleTypes.count {
            throw PprofError(
                "mismatch: sample has \(src.samples.valueCount) values vs. \(src.sampleTypes.count) types")
        }
    }

    /// pprof's `Compact`: a merge of this profile alone (drops zero samples, unreferenced
    /// locations / functions / mappings, and renumbers ids).
    package mutating func compact() {
        if let merged = try? Self.merge([self]) { self = merged }
    }

    static func combineHeaders(_ profiles: [Profile]) -> Profile {
        var timeNanos: Int64 = 0
        var durationNanos: Int64 = 0
        var period: Int64 = 0
        var comments: [String] = []
        var seen: Set<String> = []
        var defaultSampleType = ""
        var docURL = ""
        for s in profiles {
            if timeNanos == 0 || s.timeNanos < timeNanos { timeNanos = s.timeNanos }
            durationNanos = durationNanos &+ s.durationNanos
            if period == 0 || period < s.period { period = s.period }
            for c in s.comments where !seen.contains(c) {
                comments.append(c)
                seen.insert(c)
            }
            if defaultSampleType.isEmpty { defaultSampleType = s.defaultSampleType }
            if docURL.isEmpty { docURL = s.docURL }
        }
        var p = Profile()
        let first = profiles.first ?? Profile()
        p.sampleTypes = first.sampleTypes
        p.dropFrames = first.dropFrames
        p.keepFrames = first.keepFrames
        p.timeNanos = timeNanos
        p.durationNanos = durationNanos
        p.periodType = first.periodType
        p.period = period
        p.comments = comments
        p.defaultSampleType = defaultSampleType
        p.docURL = docURL
        p.samples = SampleTable(valueCount: first.sampleTypes.count)
        return p
    }
}

/// The state of one `Profile.merge`: global dedup tables plus per-source memo arrays indexed
/// by the source's own location / function / mapping indices.
struct ProfileMerger {
    struct LocationKey: Hashable {
        var addr: UInt64
        var mappingID: UInt64
        var lines: [Int64]
        var isFolded: Bool
    }

    struct FunctionKey: Hashable {
        var startLine: Int64
        var name: String
        var systemName: String
        var filename: String
    }

    struct MappingKey: Hashable {
        var size: UInt64
        var offset: UInt64
        var buildIDOrFile: String
    }

    var profile: Profile
    private var locationByKey: [LocationKey: Int32] = [:]
    private var functionByKey: [FunctionKey: Int32] = [:]
    private var mappingByKey: [MappingKey: Int32] = [:]

    /// Open-addressing table: 0 = empty, else the high 32 bits of the sample's hash (a tag
    /// that avoids touching the sample on most mismatches) over merged index + 1.
    private var slots: [UInt64]
    private var sampleHashes: [Int] = []

    // Per-source memo: -2 = not yet mapped, -1 = maps to nothing.
    private var locMemo: [Int32] = []
    private var fnMemo: [Int32] = []
    private var mapMemo: [Int32] = []
    private var mapOffset: [Int64] = []

    private var srcLocations: [Location] = []
    private var srcFunctions: [Function] = []
    private var srcMappings: [Mapping] = []

    private var stackBuffer: [Int32] = []
    private var labelBuffer: [SampleLabel] = []

    init(header: Profile, expectedSamples: Int) {
        profile = header
        var capacity = 16
        while capacity < expectedSamples * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    /// Sets up the per-source memo tables (the first profile's first mapping goes first).
    private mutating func startSource(_ src: Profile) {
        locMemo = [Int32](repeating: -2, count: src.locations.count)
        fnMemo = [Int32](repeating: -2, count: src.functions.count)
        mapMemo = [Int32](repeating: -2, count: src.mappings.count)
        mapOffset = [Int64](repeating: 0, count: src.mappings.count)
        srcLocations = src.locations
        srcFunctions = src.functions
        srcMappings = src.mappings
        if mappingByKey.isEmpty && !src.mappings.isEmpty {
            _ = mapMapping(0)
        }
    }

    private mutating func finishSource() {
        srcLocations = []
        srcFunctions = []
        srcMappings = []
    }

    mutating func add(_ src: Profile) {
        startSource(src)
        let table = src.samples
        let n = table.valueCount
        for s in 0..<table.count {
            let base = s * n
            var zero = true
            for i in 0..<n where table.values[base + i] != 0 {
                zero = false
                break
            }
            if zero { continue }
            addSample(s, table)
        }
        finishSource()
    }

    /// `merge([src])` of a single profile, done in `src`'s own sample table: the same
    /// locations, functions and mappings as the general path (mapped in the same order of
    /// first use), zero samples dropped, and each sample folded into the first one with the
    /// same stack and labels. The table is compacted in place, so when `src` holds the only
    /// reference no second copy of tens of millions of frames is made. Returns nil (with
    /// `src` unchanged but for label order) when a stack holds an invalid location index.
    static func mergeAlone(_ src: inout Profile, header: Profile) -> Profile? {
        if src.samples.labels.count > 1 { canonicalizeLabels(&src.samples) }
        var merger = ProfileMerger(header: header, expectedSamples: src.samples.count)
        merger.startSource(src)
        guard let target = merger.scanAlone(src.samples) else { return nil }
        let memo = merger.locMemo
        merger.finishSource()
        var p = merger.profile
        // Moving the table out leaves `src` holding no reference, so the edits are in place.
        var table = src.samples
        src.samples = SampleTable()
        let identity = p.locations.count == memo.count && memo.indices.allSatisfy { memo[$0] == Int32($0) }
        let untouched = target.indices.allSatisfy { target[$0] == Int32($0) }
        if !(identity && untouched) { compact(&table, target: target, memo: memo) }
        table.valueCount = p.samples.valueCount
        p.samples = table
        return p
    }

    /// Whether `merge([p])` would change nothing that a report of sums over the samples
    /// shows: no value is negative and no column's sum overflows (a total adds each sample's
    /// absolute value, which folding samples would change), no sample is all zero (merging
    /// drops those, and their labels' units), every
    /// location is on some stack, every function on some location, and the mappings are
    /// distinct and first used in their own order (as the merge would renumber them). What
    /// merging would still do, folding equal samples, locations and functions together and
    /// renumbering ids, changes no sum and no name. One sequential pass over the stacks.
    static func mergeIsInvisible(_ p: Profile) -> Bool {
        let table = p.samples
        let count = table.count
        // Large tables are scanned in two halves at once; the halves' findings combine exactly.
        let mid = count / 2
        let ranges = count >= 100_000 ? [0..<mid, mid..<count] : [0..<count]
        var parts = [StackScan?](repeating: nil, count: ranges.count)
        parts.withUnsafeMutableBufferPointer { out in
            // Each worker writes only its own element.
            let shared = UnsafeSendableBox(out)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { r in
                shared.value[r] = StackScan(p, ranges[r])
            }
        }
        var sums = [Int64](repeating: 0, count: table.valueCount)
        var seenLocation = [Bool](repeating: false, count: p.locations.count)
        var seenLocations = 0
        // The merge maps the first mapping before any sample, then each in order of first use.
        var seenMapping = [Bool](repeating: false, count: p.mappings.count)
        var nextMapping = 0
        if !p.mappings.isEmpty {
            seenMapping[0] = true
            nextMapping = 1
        }
        for part in parts {
            guard let part else { return false }
            for i in sums.indices {
                let (sum, overflow) = sums[i].addingReportingOverflow(part.sums[i])
                if overflow { return false }
                sums[i] = sum
            }
            for l in part.seenLocation.indices where part.seenLocation[l] && !seenLocation[l] {
                seenLocation[l] = true
                seenLocations += 1
            }
            for m in part.mappingOrder where !seenMapping[m] {
                if m != nextMapping { return false }
                seenMapping[m] = true
                nextMapping += 1
            }
        }
        guard seenLocations == p.locations.count && nextMapping == p.mappings.count else { return false }
        var usedFunction = [Bool](repeating: false, count: p.functions.count)
        var usedFunctions = 0
        for loc in p.locations {
            for ln in loc.lines {
                let f = Int(ln.function)
                guard f >= 0 && f < usedFunction.count else { return false }
                if !usedFunction[f] {
                    usedFunction[f] = true
                    usedFunctions += 1
                }
            }
        }
        guard usedFunctions == p.functions.count else { return false }
        var keys: Set<MappingKey> = []
        for m in p.mappings where !keys.insert(mappingKey(m)).inserted { return false }
        return true
    }

    /// What `mergeIsInvisible` learns from some samples: their column sums, the locations on
    /// their stacks, the mappings in order of first use; nil when a value is negative, a sum
    /// overflows, a sample is all zero or a stack holds an invalid location.
    struct StackScan {
        var sums: [Int64]
        var seenLocation: [Bool]
        var mappingOrder: [Int] = []

        init?(_ p: Profile, _ range: Range<Int>) {
            let table = p.samples
            let n = table.valueCount
            let locCount = p.locations.count
            var sums = [Int64](repeating: 0, count: n)
            var seenLocation = [Bool](repeating: false, count: locCount)
            var seenMapping = [Bool](repeating: false, count: p.mappings.count)
            if !p.mappings.isEmpty { seenMapping[0] = true }
            var order: [Int] = []
            var ok = true
            p.locations.withUnsafeBufferPointer { locations in
                table.stacks.withUnsafeBufferPointer { stacks in
                    table.values.withUnsafeBufferPointer { values in
                        table.stackOffsets.withUnsafeBufferPointer { offsets in
                            var unseen = locCount
                            // Once every location has been seen, stacks can add nothing but an
                            // invalid location: the rest of them is checked in one flat loop.
                            var allSeenAt = range.upperBound
                            for s in range {
                                var zero = true
                                for i in 0..<n {
                                    let v = values[s * n + i]
                                    let (sum, overflow) = sums[i].addingReportingOverflow(v)
                                    if v < 0 || overflow {
                                        ok = false
                                        return
                                    }
                                    sums[i] = sum
                                    if v != 0 { zero = false }
                                }
                                if zero {
                                    ok = false
                                    return
                                }
                                if unseen == 0 {
                                    if allSeenAt == range.upperBound { allSeenAt = s }
                                    continue
                                }
                                for k in offsets[s]..<offsets[s + 1] {
                                    let l = Int(stacks[k])
                                    guard l >= 0 && l < locCount else {
                                        ok = false
                                        return
                                    }
                                    if seenLocation[l] { continue }
                                    seenLocation[l] = true
                                    unseen -= 1
                                    let m = Int(locations[l].mapping)
                                    guard m >= 0 && m < seenMapping.count, !seenMapping[m] else { continue }
                                    seenMapping[m] = true
                                    order.append(m)
                                }
                            }
                            // A negative index reads as a large one.
                            let rest = offsets[allSeenAt]..<offsets[range.upperBound]
                            var highest: UInt32 = 0
                            for k in rest { highest = Swift.max(highest, UInt32(bitPattern: stacks[k])) }
                            if !rest.isEmpty && Int(highest) >= locCount { ok = false }
                        }
                    }
                }
            }
            guard ok else { return nil }
            self.sums = sums
            self.seenLocation = seenLocation
            mappingOrder = order
        }
    }

    /// Groups every sample's labels by key in place (see `canonicalize`).
    static func canonicalizeLabels(_ table: inout SampleTable) {
        var buffer: [SampleLabel] = []
        for s in 0..<table.count {
            let lo = table.labelOffsets[s]
            let hi = table.labelOffsets[s + 1]
            if hi - lo < 2 { continue }
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: table.labels[lo..<hi])
            canonicalize(&buffer)
            for (i, label) in buffer.enumerated() where table.labels[lo + i] != label { table.labels[lo + i] = label }
        }
    }

    /// Rewrites `table` in place: sample `s` is dropped (`target[s] < 0`), kept with its stack
    /// renumbered through `memo` (`target[s] == s`), or added into the earlier kept sample
    /// `target[s]`. Every write lands at or before what it replaces, so nothing is overwritten
    /// before it is read.
    static func compact(_ table: inout SampleTable, target: [Int32], memo: [Int32]) {
        let n = table.valueCount
        let count = table.count
        // Taken out of the table so that each is uniquely referenced and edited in place.
        var stacks = table.stacks
        var offsets = table.stackOffsets
        var values = table.values
        var labels = table.labels
        var labelOffsets = table.labelOffsets
        table = SampleTable(valueCount: n)
        let hasLabels = !labels.isEmpty
        var newIndex = [Int32](repeating: -1, count: count)
        var kept = 0
        var w = 0
        var lw = 0
        var oldLo = offsets[0]
        var oldLabelLo = labelOffsets[0]
        memo.withUnsafeBufferPointer { memo in
            stacks.withUnsafeMutableBufferPointer { stacks in
                values.withUnsafeMutableBufferPointer { values in
                    offsets.withUnsafeMutableBufferPointer { offsets in
                        for s in 0..<count {
                            let lo = oldLo
                            let hi = offsets[s + 1]
                            oldLo = hi
                            let labelLo = oldLabelLo
                            let labelHi = hasLabels ? labelOffsets[s + 1] : 0
                            oldLabelLo = labelHi
                            let t = Int(target[s])
                            if t < 0 { continue }
                            if t != s {
                                let into = Int(newIndex[t]) * n
                                for i in 0..<n { values[into + i] = values[into + i] &+ values[s * n + i] }
                                continue
                            }
                            let r = kept
                            kept += 1
                            newIndex[s] = Int32(truncatingIfNeeded: r)
                            for k in lo..<hi {
                                stacks[w] = memo[Int(stacks[k])]
                                w += 1
                            }
                            offsets[r + 1] = w
                            if r != s {
                                for i in 0..<n { values[r * n + i] = values[s * n + i] }
                            }
                            if hasLabels {
                                for k in labelLo..<labelHi {
                                    if lw != k { labels[lw] = labels[k] }
                                    lw += 1
                                }
                                labelOffsets[r + 1] = lw
                            }
                        }
                    }
                }
            }
        }
        stacks.removeLast(stacks.count - w)
        offsets.removeLast(offsets.count - (kept + 1))
        values.removeLast(values.count - kept * n)
        if hasLabels {
            labels.removeLast(labels.count - lw)
            labelOffsets.removeLast(labelOffsets.count - (kept + 1))
        } else {
            labelOffsets = [Int](repeating: 0, count: kept + 1)
        }
        table.stacks = stacks
        table.stackOffsets = offsets
        table.values = values
        table.labels = labels
        table.labelOffsets = labelOffsets
    }

    /// The first pass of `mergeAlone`: maps every location of the non-zero samples in order
    /// of first use and finds, per sample, where it goes: -1 (dropped: all values zero),
    /// itself (the first with its stack and labels), or the earlier sample it merges into.
    /// Nil when a stack holds an invalid location index (the general path drops the frame).
    private mutating func scanAlone(_ table: SampleTable) -> [Int32]? {
        let n = table.valueCount
        let locCount = locMemo.count
        let count = table.count
        var target = [Int32](repeating: -1, count: count)
        sampleHashes = [Int](repeating: 0, count: count)
        let mask = slots.count - 1
        for s in 0..<count {
            let base = s * n
            var zero = true
            for i in 0..<n where table.values[base + i] != 0 {
                zero = false
                break
            }
            if zero { continue }
            let lo = table.stackOffsets[s]
            let hi = table.stackOffsets[s + 1]
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(hi - lo)
            for k in lo..<hi {
                let l = Int(table.stacks[k])
                guard l >= 0 && l < locCount else { return nil }
                var m = locMemo[l]
                if m == -2 { m = mapLocation(l) }
                h = (h ^ UInt64(UInt32(bitPattern: m))) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
            let labels = table.labels(s)
            if !labels.isEmpty {
                var hasher = Hasher()
                hasher.combine(labels.count)
                for label in labels { hasher.combine(label) }
                h ^= UInt64(bitPattern: Int64(hasher.finalize()))
            }
            let hash = Self.finish(h)
            var slot = hash & mask
            let tag = Self.tag(hash)
            var into = s
            while true {
                let existing = slots[slot]
                if existing == 0 { break }
                let e = Int(existing & 0xFFFF_FFFF) - 1
                if existing & ~0xFFFF_FFFF == tag && sampleHashes[e] == hash && sameSample(table, e, s) {
                    into = e
                    break
                }
                slot = (slot + 1) & mask
            }
            target[s] = Int32(truncatingIfNeeded: into)
            if into == s {
                sampleHashes[s] = hash
                slots[slot] = tag | UInt64(s + 1)
            }
        }
        return target
    }

    /// Whether samples `a` and `b` (both mapped) have the same merged stack and labels.
    private func sameSample(_ table: SampleTable, _ a: Int, _ b: Int) -> Bool {
        let sa = table.stack(a)
        let sb = table.stack(b)
        if sa.count != sb.count { return false }
        for (x, y) in zip(sa, sb) where locMemo[Int(x)] != locMemo[Int(y)] { return false }
        return table.labels(a).elementsEqual(table.labels(b))
    }

    /// murmur's fmix64, so that the low bits used for the slot are well mixed.
    @inline(__always)
    private static func finish(_ x: UInt64) -> Int {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(bitPattern: UInt(h))
    }

    private mutating func addSample(_ s: Int, _ table: SampleTable) {
        stackBuffer.removeAll(keepingCapacity: true)
        let locCount = locMemo.count
        for l in table.stack(s) {
            guard l >= 0 && Int(l) < locCount else { continue }
            var m = locMemo[Int(l)]
            if m == -2 { m = mapLocation(Int(l)) }
            if m >= 0 { stackBuffer.append(m) }
        }
        labelBuffer.removeAll(keepingCapacity: true)
        labelBuffer.append(contentsOf: table.labels(s))
        if labelBuffer.count > 1 { Self.canonicalize(&labelBuffer) }

        // A cheap multiplicative hash over the frames (finished with murmur's fmix64 so the low
        // bits used for the slot are well mixed); labels, usually absent, go through Hasher.
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(stackBuffer.count)
        for l in stackBuffer {
            h = (h ^ UInt64(UInt32(bitPattern: l))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        if !labelBuffer.isEmpty {
            var hasher = Hasher()
            hasher.combine(labelBuffer.count)
            for label in labelBuffer { hasher.combine(label) }
            h ^= UInt64(bitPattern: Int64(hasher.finalize()))
        }
        let hash = Self.finish(h)

        let mask = slots.count - 1
        var slot = hash & mask
        let tag = Self.tag(hash)
        let n = profile.samples.valueCount
        let srcValues = table.values(s)
        while true {
            let existing = slots[slot]
            if existing == 0 { break }
            let e = Int(existing & 0xFFFF_FFFF) - 1
            if existing & ~0xFFFF_FFFF == tag && sampleHashes[e] == hash
                && profile.samples.stack(e).elementsEqual(stackBuffer)
                && profile.samples.labels(e).elementsEqual(labelBuffer)
            {
                var i = e * n
                for v in srcValues {
                    profile.samples.values[i] = profile.samples.values[i] &+ v
                    i += 1
                }
                return
            }
            slot = (slot + 1) & mask
        }
        let index = profile.samples.count
        profile.samples.append(stack: stackBuffer, values: srcValues, labels: labelBuffer)
        sampleHashes.append(hash)
        slots[slot] = tag | UInt64(index + 1)
        if sampleHashes.count * 2 > slots.count { grow() }
    }

    @inline(__always)
    private static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & ~0xFFFF_FFFF }

    private mutating func grow() {
        var newSlots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (i, h) in sampleHashes.enumerated() {
            var slot = h & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Self.tag(h) | UInt64(i + 1)
        }
        slots = newSlots
    }

    /// Groups labels by key (string labels before numeric ones of the same key), keeping the
    /// order of values within a key, which is what pprof's per-key label maps compare.
    static func canonicalize(_ labels: inout [SampleLabel]) {
        let indexed = labels.enumerated().sorted { a, b in
            if a.element.key != b.element.key { return a.element.key < b.element.key }
            if a.element.isNumeric != b.element.isNumeric { return !a.element.isNumeric }
            return a.offset < b.offset
        }
        labels = indexed.map(\.element)
    }

    private mutating func mapLocation(_ l: Int) -> Int32 {
        let srcLoc = srcLocations[l]
        let mapped = mapMapping(Int(srcLoc.mapping))
        var loc = Location(id: UInt64(profile.locations.count + 1))
        loc.mapping = mapped
        let offset = mapped >= 0 ? mapOffset[Int(srcLoc.mapping)] : 0
        loc.address = UInt64(bitPattern: Int64(bitPattern: srcLoc.address) &+ offset)
        loc.isFolded = srcLoc.isFolded
        loc.lines = srcLoc.lines.map { ln in
            Line(function: mapFunction(ln.function), line: ln.line, column: ln.column)
        }
        var key = LocationKey(addr: loc.address, mappingID: 0, lines: [], isFolded: loc.isFolded)
        if mapped >= 0 {
            let m = profile.mappings[Int(mapped)]
            key.addr = key.addr &- m.start
            key.mappingID = m.id
        }
        key.lines.reserveCapacity(loc.lines.count * 2)
        for ln in loc.lines {
            key.lines.append(Int64(ln.function))
            key.lines.append(ln.line)
        }
        if let existing = locationByKey[key] {
            locMemo[l] = existing
            return existing
        }
        let index = Int32(truncatingIfNeeded: profile.locations.count)
        profile.locations.append(loc)
        locationByKey[key] = index
        locMemo[l] = index
        return index
    }

    /// pprof's mapping key: the size rounded up to 4 KiB, the offset, the build id or else the file.
    static func mappingKey(_ m: Mapping) -> MappingKey {
        var size = m.limit &- m.start
        size = size &+ 0xFFF
        size = size - size % 0x1000
        return MappingKey(size: size, offset: m.offset, buildIDOrFile: !m.buildID.isEmpty ? m.buildID : m.file)
    }

    /// Maps a source mapping; records the address shift between it and the merged mapping.
    private mutating func mapMapping(_ m: Int) -> Int32 {
        guard m >= 0 && m < srcMappings.count else { return -1 }
        if mapMemo[m] != -2 { return mapMemo[m] }
        let srcMap = srcMappings[m]
        let key = Self.mappingKey(srcMap)
        if let existing = mappingByKey[key] {
            mapMemo[m] = existing
            mapOffset[m] =
                Int64(bitPattern: profile.mappings[Int(existing)].start) &- Int64(bitPattern: srcMap.start)
            return existing
        }
        var copy = srcMap
        copy.id = UInt64(profile.mappings.count + 1)
        let index = Int32(truncatingIfNeeded: profile.mappings.count)
        profile.mappings.append(copy)
        mappingByKey[key] = index
        mapMemo[m] = index
        mapOffset[m] = 0
        return index
    }

    private mutating func mapFunction(_ f: Int32) -> Int32 {
        guard f >= 0 && Int(f) < srcFunctions.count else { return -1 }
        let memo = fnMemo[Int(f)]
        if memo != -2 { return memo }
        var fn = srcFunctions[Int(f)]
        let key = FunctionKey(startLine: fn.startLine, name: fn.name, systemName: fn.systemName, filename: fn.filename)
        if let existing = functionByKey[key] {
            fnMemo[Int(f)] = existing
            return existing
        }
        fn.id = UInt64(profile.functions.count + 1)
        let index = Int32(truncatingIfNeeded: profile.functions.count)
        profile.functions.append(fn)
        functionByKey[key] = index
        fnMemo[Int(f)] = index
        return index
    }
}
