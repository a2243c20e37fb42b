import PprofModel

/// pprof's legacy (pre-profile.proto) formats: gperftools' binary CPU profile, text heap,
/// growth, fragmentation, contention, thread and Go count profiles, and Java profiles, each
/// with the memory map that may follow. `ProfileDecoder` falls back on this when the bytes
/// are not a protobuf, as pprof's `ParseData` does.
///
/// Parsing builds a `LegacyProfile` (locations keyed by address, samples as flat arrays),
/// then applies pprof's fix-ups in its order (mapping merge/renumbering, location and function
/// renumbering by first use, the fake mapping) and converts to a `Profile`.
struct LegacyProfile {
    var sampleTypes: [ValueType] = []
    var periodType: ValueType?
    var period: Int64 = 0
    var durationNanos: Int64 = 0
    var dropFrames = ""
    var keepFrames = ""

    /// Locations by index; `locationLine` is set only for symbolized (Java) frames.
    var locationAddress: [UInt64] = []
    var locationMapping: [Int] = []
    var locationLine: [(function: Int, line: Int64)?] = []
    var locationByAddress: [UInt64: Int32] = [:]
    var functions: [(name: String, filename: String)] = []
    var mappings: [Mapping] = []

    var valueCount: Int
    var stackOffsets: [Int] = [0]
    var stacks: [Int32] = []
    var values: [Int64] = []
    /// Per sample, the "bytes" numeric label of heap profiles (nil: no label).
    var blockSizes: [Int64?] = []
    let limits: DecodeLimits

    init(valueCount: Int, limits: DecodeLimits) {
        self.valueCount = valueCount
        self.limits = limits
    }

    var sampleCount: Int { stackOffsets.count - 1 }

    /// The location for `address`, created on first use (pprof keys legacy locations by address).
    mutating func location(_ address: UInt64) throws(LegacyFailure) -> Int32 {
        if let l = locationByAddress[address] { return l }
        if locationAddress.count >= limits.maxLocations {
            throw .failed(limits.exceeded(.locations).message)
        }
        let l = Int32(locationAddress.count)
        locationAddress.append(address)
        locationMapping.append(-1)
        locationLine.append(nil)
        locationByAddress[address] = l
        return l
    }

    mutating func addSample(_ stack: [Int32], _ sampleValues: [Int64], blockSize: Int64? = nil) throws(LegacyFailure) {
        if sampleCount >= limits.maxSamples {
            throw .failed(limits.exceeded(.samples).message)
        }
        if stack.count > limits.maxStackDepth {
            throw .failed(limits.exceeded(.stackDepth).message)
        }
        stacks.append(contentsOf: stack)
        stackOffsets.append(stacks.count)
        values.append(contentsOf: sampleValues)
        blockSizes.append(blockSize)
    }

    func stack(_ i: Int) -> ArraySlice<Int32> { stacks[stackOffsets[i]..<stackOffsets[i + 1]] }

    /// Rewrites every sample's stack through `transform` (used to drop frames).
    mutating func rewriteStacks(_ transform: (ArraySlice<Int32>) -> [Int32]) {
        var newStacks: [Int32] = []
        newStacks.reserveCapacity(stacks.count)
        var newOffsets = [0]
        newOffsets.reserveCapacity(stackOffsets.count)
        for i in 0..<sampleCount {
            newStacks.append(contentsOf: transform(stack(i)))
            newOffsets.append(newStacks.count)
        }
        stacks = newStacks
        stackOffsets = newOffsets
    }

    /// pprof's `cleanupDuplicateLocations`: drops a second frame that repeats the leaf (the
    /// handler records the leaf from both the signal context and the unwinder, the latter - 1).
    mutating func cleanupDuplicateLocations() {
        let addresses = locationAddress
        rewriteStacks { s in
            let a = Array(s)
            if a.count > 1 && addresses[Int(a[0])] == addresses[Int(a[1])] &+ 1 {
                return [a[0]] + a[2...]
            }
            return a
        }
    }

    // MARK: renumbering

    /// pprof's `remapLocationIDs`: keeps the locations samples use, in order of first use.
    mutating func remapLocations() {
        var newIndex = [Int32](repeating: -1, count: locationAddress.count)
        var order: [Int] = []
        for k in stacks.indices {
            let old = Int(stacks[k])
            if newIndex[old] < 0 {
                newIndex[old] = Int32(order.count)
                order.append(old)
            }
            stacks[k] = newIndex[old]
        }
        locationAddress = order.map { locationAddress[$0] }
        locationMapping = order.map { locationMapping[$0] }
        locationLine = order.map { locationLine[$0] }
        locationByAddress = [:]
    }

    /// pprof's `remapFunctionIDs`: keeps the functions locations use, in order of first use.
    mutating func remapFunctions() {
        var newIndex = [Int](repeating: -1, count: functions.count)
        var order: [Int] = []
        for k in locationLine.indices {
            guard let ln = locationLine[k] else { continue }
            if newIndex[ln.function] < 0 {
                newIndex[ln.function] = order.count
                order.append(ln.function)
            }
            locationLine[k] = (newIndex[ln.function], ln.line)
        }
        functions = order.map { functions[$0] }
    }

    /// pprof's `remapMappingIDs`: heuristics for the main binary's mapping, then each location
    /// with an address gets the mapping containing it, or one fake mapping covering everything.
    mutating func remapMappings() {
        if let m = mappings.first, m.file.hasPrefix("/anon_hugepage"), mappings.count > 1, m.limit == mappings[1].start {
            mappings.removeFirst()
        }
        if var m = mappings.first, m.start &- m.offset == 0x400000 {
            m.start = 0x400000
            m.offset = 0
            mappings[0] = m
        }
        var fake = -1
        for l in locationAddress.indices {
            let a = locationAddress[l]
            if locationMapping[l] >= 0 || a == 0 { continue }
            if let m = mappings.firstIndex(where: { $0.start <= a && a < $0.limit }) {
                locationMapping[l] = m
                continue
            }
            // A mapping split in two whose first part was not recorded: extend it back.
            if let m = mappings.firstIndex(where: { $0.offset != 0 && $0.start &- $0.offset <= a && a < $0.start }) {
                mappings[m].start = mappings[m].start &- mappings[m].offset
                mappings[m].offset = 0
                locationMapping[l] = m
                continue
            }
            if fake < 0 {
                var f = Mapping(id: 1)
                f.limit = UInt64.max
                fake = mappings.count
                mappings.append(f)
            }
            locationMapping[l] = fake
        }
        for i in mappings.indices { mappings[i].id = UInt64(i + 1) }
    }

    /// pprof's `ParseMemoryMapFromScanner`: reads mappings from the rest of the scanner, then
    /// merges/reorders them and renumbers locations, functions and mappings.
    mutating func parseMemoryMap(_ s: inout LegacyLineScanner) throws(LegacyFailure) {
        mappings.append(contentsOf: try LegacyMemoryMap.parse(&s))
        massageMappings()
        remapLocations()
        remapFunctions()
        remapMappings()
    }

    /// pprof's `massageMappings`: merges adjacent pieces of one mapping, moves the likely main
    /// binary first, numbers mappings from 1. (Locations have no mappings yet at this point.)
    mutating func massageMappings() {
        if mappings.count > 1 {
            var merged = [mappings[0]]
            for m in mappings.dropFirst() {
                let last = merged.count - 1
                if LegacyMemoryMap.adjacent(merged[last], m) {
                    merged[last].limit = m.limit
                    if !m.file.isEmpty { merged[last].file = m.file }
                    if !m.buildID.isEmpty { merged[last].buildID = m.buildID }
                    continue
                }
                merged.append(m)
            }
            mappings = merged
        }
        for i in mappings.indices {
            let file = LegacyMemoryMap.trimmedFile(mappings[i].file)
            if file.isEmpty || LegacyMemoryMap.isLibrary(file) || file.hasPrefix("[") { continue }
            mappings.swapAt(0, i)
            break
        }
        for i in mappings.indices { mappings[i].id = UInt64(i + 1) }
    }

    // MARK: frame info and conversion

    /// pprof's `addLegacyFrameInfo`: drop_frames/keep_frames for the allocator, lock or
    /// profiler frames that legacy profiles of each kind contain.
    mutating func addLegacyFrameInfo() {
        let types = sampleTypes.map(\.type)
        if LegacyFrames.heapTypes.contains(types) {
            dropFrames = LegacyFrames.allocDrop
            keepFrames = LegacyFrames.allocKeep
        } else if types == ["contentions", "delay"] {
            dropFrames = LegacyFrames.lockDrop
            keepFrames = ""
        } else {
            dropFrames = LegacyFrames.cpuProfilerDrop
            keepFrames = ""
        }
    }

    /// The flat `Profile`, ids as pprof numbered them (1-based, in table order).
    func makeProfile() -> Profile {
        var p = Profile()
        p.sampleTypes = sampleTypes
        p.periodType = periodType
        p.period = period
        p.durationNanos = durationNanos
        p.dropFrames = dropFrames
        p.keepFrames = keepFrames
        p.mappings = mappings
        p.functions = functions.enumerated().map { i, f in
            Function(id: UInt64(i + 1), name: f.name, systemName: f.name, filename: f.filename)
        }
        p.locations = locationAddress.indices.map { i in
            var l = Location(id: UInt64(i + 1))
            l.address = locationAddress[i]
            l.mapping = Int32(locationMapping[i])
            if let ln = locationLine[i] { l.lines = [Line(function: Int32(ln.function), line: ln.line)] }
            return l
        }
        var table = SampleTable(valueCount: valueCount)
        table.stacks = stacks
        table.stackOffsets = stackOffsets
        table.values = values
        var labels: [SampleLabel] = []
        var labelOffsets = [0]
        labelOffsets.reserveCapacity(blockSizes.count + 1)
        for b in blockSizes {
            if let b { labels.append(SampleLabel(key: "bytes", num: b)) }
            labelOffsets.append(labels.count)
        }
        table.labels = labels
        table.labelOffsets = labelOffsets
        p.samples = table
        return p
    }
}

/// The entry point: pprof's `parseLegacy`, each parser in its order.
package enum LegacyProfileParser {
    /// Parses uncompressed legacy-format bytes into a (not yet validated) profile.
    /// - Throws: `.unrecognized` when no parser recognizes the bytes, `.failed` with pprof's
    ///   message (without the "parsing profile: " prefix) when one recognized them and failed.
    static func parse(_ data: [UInt8], limits: DecodeLimits) throws(LegacyFailure) -> Profile {
        // (Spelled out: an array of typed-throws function values crashes the 6.3 compiler.)
        for k in 0..<6 {
            let p: Profile
            do {
                switch k {
                case 0: p = try LegacyCPU.parse(data, limits: limits)
                case 1: p = try LegacyHeap.parse(data, limits: limits)
                case 2: p = try LegacyCounts.parseGoCount(data, limits: limits)
                case 3: p = try LegacyCounts.parseThread(data, limits: limits)
                case 4: p = try LegacyCounts.parseContention(data, limits: limits)
                default: p = try LegacyJava.parse(data, limits: limits)
                }
            } catch .unrecognized {
                continue
            }
            try checkStringLengths(p, limits)
            return p
        }
        throw .unrecognized
    }

    /// max_string_length holds for legacy profiles as for protobuf ones, on the strings as
    /// stored: a name's invalid UTF-8 is replaced (three bytes each), so it can outgrow its
    /// line, and `-proto` would write a profile that the same limits refuse to read.
    static func checkStringLengths(_ p: Profile, _ limits: DecodeLimits) throws(LegacyFailure) {
        var longest = 0
        func see(_ s: String) { longest = Swift.max(longest, s.utf8.count) }
        for t in p.sampleTypes { see(t.type); see(t.unit) }
        if let t = p.periodType { see(t.type); see(t.unit) }
        p.comments.forEach(see)
        for m in p.mappings { see(m.file); see(m.buildID) }
        for f in p.functions { see(f.name); see(f.systemName); see(f.filename) }
        see(p.defaultSampleType)
        see(p.dropFrames)
        see(p.keepFrames)
        see(p.docURL)
        if longest > limits.maxStringLength {
            throw .failed(limits.stringTooLong(longest).message)
        }
    }

    /// `parse` with pprof's frame info and final validation, for callers outside the decoder.
    package static func decode(_ data: [UInt8], limits: DecodeLimits = DecodeLimits()) throws(PprofError) -> Profile {
        let p: Profile
        do {
            p = try parse(data, limits: limits)
        } catch {
            switch error {
            case .unrecognized: throw PprofError("parsing profile: unrecognized profile format")
            case .failed(let message): throw PprofError("parsing profile: \(message)")
            }
        }
        try p.checkValid()
        return p
    }
}

extension LegacyProfile {
    /// The end of every parser: frame info, then the `Profile`.
    mutating func finish() -> Profile {
        addLegacyFrameInfo()
        return makeProfile()
    }
}

extension Profile {
    /// pprof's driver (`locateBinaries`, run on every fetched profile before merging): a profile
    /// without mappings gets one empty mapping (id 1) for all its locations, so symbolization can
    /// be attempted against a non-PIE binary. Java legacy profiles and some Go runtime profiles
    /// have none, and pprof's `-raw` output shows this mapping.
    package mutating func addFakeMappingIfUnmapped() {
        guard mappings.isEmpty else { return }
        mappings = [Mapping(id: 1)]
        for i in locations.indices { locations[i].mapping = 0 }
    }
}
