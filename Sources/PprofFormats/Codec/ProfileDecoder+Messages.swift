import PprofModel

/// Field-by-field decoding of profile.proto into `Profile`'s flat arrays.
///
/// One pass over the top-level message decodes everything; samples (which pprof writes
/// *before* the locations they reference) keep provisional location indices that are
/// resolved afterwards (`SampleAccumulator`), so with a streamed input they are decoded while
/// the rest is still being inflated. String-table indices are resolved after the pass.
struct ProfileWireDecoder {
    struct RawLine {
        var functionID: UInt64 = 0
        var line: Int64 = 0
        var column: Int64 = 0
    }

    /// Dense id -> index table for ids up to the element count (the common case: ids 1...n),
    /// a dictionary for the rest; later duplicates win, as in pprof (duplicates are refused later).
    struct IDIndex {
        var dense: [Int32]
        var sparse: [UInt64: Int32] = [:]

        init(count: Int) { dense = [Int32](repeating: -1, count: count + 1) }

        mutating func insert(_ id: UInt64, _ index: Int) {
            if id < UInt64(dense.count) { dense[Int(id)] = Int32(index) } else { sparse[id] = Int32(index) }
        }

        @inline(__always)
        func lookup(_ id: UInt64) -> Int32 {
            if id < UInt64(dense.count) { return dense[Int(id)] }
            return sparse[id] ?? -1
        }
    }

    let limits: DecodeLimits
    /// Where each string-table entry's bytes are in the input; made into a `String` only when
    /// something refers to it (`string(_:_:)`), so unreferenced strings cost no copy.
    var stringRanges: [Range<Int>] = []
    /// The strings made so far, by index ("" until then); sized after the first pass.
    var strings: [String] = []
    /// The input the ranges point into (alive for the whole decode).
    var input: UnsafePointer<UInt8>?
    /// The first out-of-range string index (pprof: errMalformed, reported as unrecognized format).
    var stringFailure: String?
    /// The stored length of the first referenced string past max_string_length (see `string`).
    var longString: Int?

    var sampleTypeX: [(Int64, Int64)] = []
    var sampleCount = 0
    var samples = SampleAccumulator()
    var mappings: [Mapping] = []
    var mappingStringX: [(file: Int64, buildID: Int64)] = []
    var functions: [Function] = []
    var functionStringX: [(name: Int64, systemName: Int64, filename: Int64)] = []
    var locations: [Location] = []
    var locationMappingID: [UInt64] = []
    var locationLineStart: [Int] = [0]
    var rawLines: [RawLine] = []
    var dropFramesX: Int64 = 0
    var keepFramesX: Int64 = 0
    var timeNanos: Int64 = 0
    var durationNanos: Int64 = 0
    var periodTypeX: (Int64, Int64)?
    var period: Int64 = 0
    var commentX: [Int64] = []
    var defaultSampleTypeX: Int64 = 0
    var docURLX: Int64 = 0

    /// `inputBytes`: the (expected) size of the whole message, to reserve the sample arrays.
    init(limits: DecodeLimits, inputBytes: Int = 0) {
        self.limits = limits
        samples.reserve(forInputBytes: min(inputBytes, limits.maxDecompressedBytes))
    }

    /// With a `stream`, `start` covers what has arrived so far, and the pass waits for the
    /// rest as it goes (`InflateStream`).
    mutating func decode(_ start: WireReader, stream: InflateStream? = nil) throws(PprofError) -> Profile {
        var r = start
        input = start.base
        try decodeTables(&r, stream)
        var p = resolveTables()
        let locationIndex = buildLocationIndex()
        if let stringFailure {
            throw PprofError("parsing profile: unrecognized profile format (\(stringFailure))")
        }
        if let failure = samples.failure { throw failure }
        let sampleProblem = finishSamples(into: &p, locationIndex: locationIndex)
        if let stringFailure {
            throw PprofError("parsing profile: unrecognized profile format (\(stringFailure))")
        }
        if let longString { throw limits.stringTooLong(longString) }
        if p.sampleTypes.isEmpty && sampleCount > 0 {
            throw PprofError("malformed profile: missing sample type information")
        }
        if let sampleProblem {
            throw PprofError("malformed profile: \(sampleProblem)")
        }
        try p.checkValidTables()
        return p
    }

    // MARK: first pass

    private mutating func decodeTables(_ r: inout WireReader, _ stream: InflateStream?) throws(PprofError) {
        var complete = stream == nil
        while true {
            if let stream, !complete {
                // A key and a varint or length take at most 20 bytes; a length-delimited field
                // is decoded once all of it is there. So every read sees what it would see in
                // the whole input, and fails (or not) exactly as it would there.
                // Everything before the cursor is decoded, but for the strings (kept as ranges
                // until the tables are resolved).
                stream.read(upTo: r.pos)
                stream.release(below: min(r.pos, stringRanges.first?.lowerBound ?? r.pos))
                if r.end - r.pos < 20 { (r, complete) = try Self.refill(r, stream, need: r.pos + 20) }
                var peek = r
                if !complete, let (_, wire) = try? peek.key(), wire == 2, let n = try? peek.varint() {
                    let (need, overflow) = peek.pos.addingReportingOverflow(Int(clamping: n))
                    if overflow || need > r.end { (r, complete) = try Self.refill(r, stream, need: overflow ? .max : need) }
                }
            }
            if r.atEnd { break }
            let (field, wire) = try r.key()
            switch field {
            case 1:
                sampleTypeX.append(try valueType(r.sub(r.delimited(wire, "sample_type"))))
                try limits.check(sampleTypeX.count, .sampleTypes)
            case 2:
                let range = try r.delimited(wire, "sample")
                sampleCount += 1
                try limits.check(sampleCount, .samples)
                sample(r.sub(range))
            case 3:
                try mapping(r.sub(r.delimited(wire, "mapping")))
            case 4:
                try location(r.sub(r.delimited(wire, "location")))
            case 5:
                try function(r.sub(r.delimited(wire, "function")))
            case 6:
                let range = try r.delimited(wire, "string_table")
                if range.count > limits.maxStringLength { throw limits.stringTooLong(range.count) }
                if stringRanges.isEmpty && !range.isEmpty {
                    throw WireReader.failure("string_table[0] must be ''", at: range.lowerBound)
                }
                try limits.check(stringRanges.count + 1, .strings)
                stringRanges.append(range)
            case 7:
                dropFramesX = Int64(bitPattern: try r.scalar(wire, "drop_frames"))
            case 8:
                keepFramesX = Int64(bitPattern: try r.scalar(wire, "keep_frames"))
            case 9:
                if timeNanos != 0 {
                    throw PprofError("parsing profile: concatenated profiles detected")
                }
                timeNanos = Int64(bitPattern: try r.scalar(wire, "time_nanos"))
            case 10:
                durationNanos = Int64(bitPattern: try r.scalar(wire, "duration_nanos"))
            case 11:
                periodTypeX = try valueType(r.sub(r.delimited(wire, "period_type")))
            case 12:
                period = Int64(bitPattern: try r.scalar(wire, "period"))
            case 13:
                try r.repeated(wire, "comment") { (x: UInt64) throws(PprofError) in
                    try limits.check(commentX.count + 1, .comments)
                    commentX.append(Int64(bitPattern: x))
                }
            case 14:
                defaultSampleTypeX = Int64(bitPattern: try r.scalar(wire, "default_sample_type"))
            case 15:
                docURLX = Int64(bitPattern: try r.scalar(wire, "doc_url"))
            default:
                try r.skip(wire)
            }
        }
    }

    /// `r` extended to what has arrived of at least `need` bytes (or all there is), and
    /// whether that is everything. Throws inflate's error once it has stopped with one.
    private static func refill(_ r: WireReader, _ stream: InflateStream, need: Int) throws(PprofError)
        -> (WireReader, Bool)
    {
        let (count, complete) = try stream.wait(for: need)
        return (WireReader(base: r.base, pos: r.pos, end: count), complete)
    }

    private func valueType(_ sub: WireReader) throws(PprofError) -> (Int64, Int64) {
        var r = sub
        var type: Int64 = 0
        var unit: Int64 = 0
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: type = Int64(bitPattern: try r.scalar(wire, "value_type.type"))
            case 2: unit = Int64(bitPattern: try r.scalar(wire, "value_type.unit"))
            default: try r.skip(wire)
            }
        }
        return (type, unit)
    }

    private mutating func mapping(_ sub: WireReader) throws(PprofError) {
        var r = sub
        var m = Mapping(id: 0)
        var fileX: Int64 = 0
        var buildIDX: Int64 = 0
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: m.id = try r.scalar(wire, "mapping.id")
            case 2: m.start = try r.scalar(wire, "mapping.memory_start")
            case 3: m.limit = try r.scalar(wire, "mapping.memory_limit")
            case 4: m.offset = try r.scalar(wire, "mapping.file_offset")
            case 5: fileX = Int64(bitPattern: try r.scalar(wire, "mapping.filename"))
            case 6: buildIDX = Int64(bitPattern: try r.scalar(wire, "mapping.build_id"))
            case 7: m.hasFunctions = try r.scalar(wire, "mapping.has_functions") != 0
            case 8: m.hasFilenames = try r.scalar(wire, "mapping.has_filenames") != 0
            case 9: m.hasLineNumbers = try r.scalar(wire, "mapping.has_line_numbers") != 0
            case 10: m.hasInlineFrames = try r.scalar(wire, "mapping.has_inline_frames") != 0
            default: try r.skip(wire)
            }
        }
        try limits.check(mappings.count + 1, .mappings)
        if mappings.count >= Int(Int32.max) {
            throw PprofError("mapping count exceeds the limit of \(Int32.max)")
        }
        mappings.append(m)
        mappingStringX.append((fileX, buildIDX))
    }

    private mutating func location(_ sub: WireReader) throws(PprofError) {
        var r = sub
        var l = Location(id: 0)
        var mappingID: UInt64 = 0
        let firstLine = rawLines.count
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: l.id = try r.scalar(wire, "location.id")
            case 2: mappingID = try r.scalar(wire, "location.mapping_id")
            case 3: l.address = try r.scalar(wire, "location.address")
            case 4:
                try limits.check(rawLines.count - firstLine + 1, .linesPerLocation)
                rawLines.append(try line(r.sub(r.delimited(wire, "location.line"))))
            case 5: l.isFolded = try r.scalar(wire, "location.is_folded") != 0
            default: try r.skip(wire)
            }
        }
        try limits.check(locations.count + 1, .locations)
        if locations.count >= Int(Int32.max) {
            throw PprofError("location count exceeds the limit of \(Int32.max)")
        }
        locations.append(l)
        locationMappingID.append(mappingID)
        locationLineStart.append(rawLines.count)
    }

    private func line(_ sub: WireReader) throws(PprofError) -> RawLine {
        var r = sub
        var ln = RawLine()
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: ln.functionID = try r.scalar(wire, "line.function_id")
            case 2: ln.line = Int64(bitPattern: try r.scalar(wire, "line.line"))
            case 3: ln.column = Int64(bitPattern: try r.scalar(wire, "line.column"))
            default: try r.skip(wire)
            }
        }
        return ln
    }

    private mutating func function(_ sub: WireReader) throws(PprofError) {
        var r = sub
        var f = Function(id: 0)
        var x: (name: Int64, systemName: Int64, filename: Int64) = (0, 0, 0)
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: f.id = try r.scalar(wire, "function.id")
            case 2: x.name = Int64(bitPattern: try r.scalar(wire, "function.name"))
            case 3: x.systemName = Int64(bitPattern: try r.scalar(wire, "function.system_name"))
            case 4: x.filename = Int64(bitPattern: try r.scalar(wire, "function.filename"))
            case 5: f.startLine = Int64(bitPattern: try r.scalar(wire, "function.start_line"))
            default: try r.skip(wire)
            }
        }
        try limits.check(functions.count + 1, .functions)
        if functions.count >= Int(Int32.max) {
            throw PprofError("function count exceeds the limit of \(Int32.max)")
        }
        functions.append(f)
        functionStringX.append(x)
    }

    // MARK: resolution

    /// Looks a string index up; an index out of range is remembered (pprof's `getString`).
    @inline(__always)
    mutating func string(_ index: Int64, _ what: StaticString) -> String {
        if index >= 0 && index < Int64(strings.count) {
            let i = Int(index)
            if strings[i].isEmpty, let input, !stringRanges[i].isEmpty {
                let range = stringRanges[i]
                strings[i] = String(
                    decoding: UnsafeBufferPointer(start: input + range.lowerBound, count: range.count), as: UTF8.self)
                // Invalid UTF-8 is replaced (three bytes each): the limit holds for the string
                // as stored too, or `-proto` would write what the same limits refuse to read.
                let stored = strings[i].utf8.count
                if stored > limits.maxStringLength && longString == nil { longString = stored }
            }
            return strings[i]
        }
        if stringFailure == nil {
            stringFailure = "string index \(index) out of range in \(what)"
        }
        return ""
    }

    /// Fills everything but the samples, resolving string indices and mapping/function ids.
    private mutating func resolveTables() -> Profile {
        var p = Profile()
        strings = [String](repeating: "", count: stringRanges.count)
        var mappingIndex = IDIndex(count: mappings.count)
        for i in mappings.indices {
            mappings[i].file = string(mappingStringX[i].file, "mapping.filename")
            mappings[i].buildID = string(mappingStringX[i].buildID, "mapping.build_id")
            mappingIndex.insert(mappings[i].id, i)
        }
        var functionIndex = IDIndex(count: functions.count)
        for i in functions.indices {
            functions[i].name = string(functionStringX[i].name, "function.name")
            functions[i].systemName = string(functionStringX[i].systemName, "function.system_name")
            functions[i].filename = string(functionStringX[i].filename, "function.filename")
            functionIndex.insert(functions[i].id, i)
        }
        for i in locations.indices {
            // Mapping id 0 or an unknown id leaves the location without a mapping (as pprof).
            let mid = locationMappingID[i]
            locations[i].mapping = mid == 0 ? -1 : mappingIndex.lookup(mid)
            let lines = rawLines[locationLineStart[i]..<locationLineStart[i + 1]]
            var resolved: [Line] = []
            resolved.reserveCapacity(lines.count)
            for ln in lines {
                // -1 marks pprof's nil function; `checkValidTables` refuses it.
                let f = ln.functionID == 0 ? -1 : functionIndex.lookup(ln.functionID)
                resolved.append(Line(function: f, line: ln.line, column: ln.column))
            }
            locations[i].lines = resolved
        }
        rawLines = []
        for (t, u) in sampleTypeX {
            p.sampleTypes.append(ValueType(type: string(t, "sample_type.type"), unit: string(u, "sample_type.unit")))
        }
        p.dropFrames = string(dropFramesX, "drop_frames")
        p.keepFrames = string(keepFramesX, "keep_frames")
        if let (t, u) = periodTypeX {
            p.periodType = ValueType(type: string(t, "period_type.type"), unit: string(u, "period_type.unit"))
        }
        for c in commentX {
            p.comments.append(string(c, "comment"))
        }
        p.defaultSampleType = string(defaultSampleTypeX, "default_sample_type")
        p.docURL = string(docURLX, "doc_url")
        p.timeNanos = timeNanos
        p.durationNanos = durationNanos
        p.period = period
        p.mappings = mappings
        p.functions = functions
        p.locations = locations
        return p
    }

    private func buildLocationIndex() -> IDIndex {
        var index = IDIndex(count: locations.count)
        for i in locations.indices {
            index.insert(locations[i].id, i)
        }
        return index
    }
}
