import PprofModel

/// Counts profile.proto's repeated fields as the bytes arrive and refuses at the first limit
/// crossed, before the decoder allocates anything for them.
///
/// Fed chunk by chunk (by inflate, or once with a whole raw buffer), it walks the top-level
/// message and one level below it (sample and location messages), keeping only counters: the
/// strings, comments, sample types, mappings, locations, functions and samples, each sample's
/// frames, values and labels, each location's lines, and the memory the decoded model will take
/// (`decodedBytes`, from those counts). Payloads it need not look into are skipped in bulk.
/// Malformed wire data is left to the decoder, which reports it in pprof's words: the scan stops
/// looking inside the broken message (or, at the top level, stops altogether).
package struct WireScan {
    let limits: DecodeLimits

    /// Per-element costs of the decoded model, in bytes (array slots the decoder fills).
    enum Cost {
        static let string = MemoryLayout<Range<Int>>.stride + MemoryLayout<String>.stride
        static let comment = MemoryLayout<Int64>.stride + MemoryLayout<String>.stride
        static let sampleType = MemoryLayout<(Int64, Int64)>.stride + MemoryLayout<ValueType>.stride
        static let mapping = MemoryLayout<Mapping>.stride + 16 + 4
        static let location = MemoryLayout<Location>.stride + 8 + 8 + 4
        static let line = MemoryLayout<Line>.stride + 24
        static let function = MemoryLayout<Function>.stride + 24 + 4
        static let sample = 2 * MemoryLayout<Int>.stride
        static let frame = MemoryLayout<Int32>.stride
        static let value = MemoryLayout<Int64>.stride
        static let label = MemoryLayout<SampleLabel>.stride
    }

    package private(set) var strings = 0
    package private(set) var comments = 0
    package private(set) var sampleTypes = 0
    package private(set) var mappings = 0
    package private(set) var locations = 0
    package private(set) var functions = 0
    package private(set) var samples = 0
    package private(set) var decodedBytes = 0

    private enum Phase {
        /// Reading a field key (varint) at `depth`.
        case key
        /// Reading a varint value (one element when its field is counted).
        case varint
        /// Reading a length prefix for the field just keyed.
        case length
        /// Inside a length-delimited payload: `left` bytes, skipped or counted per `mode`.
        case payload
        /// Skipping a fixed-size value.
        case fixed
        /// Malformed at the top level: nothing more is checked (the decoder reports it).
        case off
    }

    private enum Mode {
        case skip
        /// Packed varints: every byte below 0x80 ends one element.
        case countVarints
        /// A sample or location message: walked one level down.
        case message
    }

    private var phase = Phase.key
    private var mode = Mode.skip
    /// Varint being read: its bytes so far and value.
    private var varintBytes = 0
    private var varintValue: UInt64 = 0
    /// The field being read at each level (0: top, 1: inside a sample/location).
    private var field: UInt64 = 0
    private var wire: UInt8 = 0
    private var depth = 0
    /// Bytes left in the current top-level message (depth 1) and in the current payload.
    private var messageLeft = 0
    private var payloadLeft = 0
    private var fixedLeft = 0
    /// Which counter a counted payload feeds.
    private var counting = Counter.none
    /// Counts inside the current sample or location.
    private var frames = 0
    private var values = 0
    private var labels = 0
    private var lines = 0

    private enum Counter { case none, frames, values, comments }

    package init(limits: DecodeLimits) { self.limits = limits }

    /// Scans `bytes` (the next chunk of the message).
    package mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(PprofError) {
        guard let base = bytes.baseAddress else { return }
        var i = 0
        let n = bytes.count
        while i < n {
            switch phase {
            case .off:
                return
            case .key, .varint, .length:
                // At a field boundary with what follows in this chunk: read it directly.
                if phase == .key && varintBytes == 0 {
                    if depth == 1 {
                        if messageLeft <= n - i, try messageRest(base + i, messageLeft) {
                            i += messageLeft
                            closeMessage()
                            continue
                        }
                    } else if let used = try topLevelKeyAndLength(base + i, n - i) {
                        i += used
                        continue
                    }
                }
                let b = base[i]
                i += 1
                if depth == 1 { try consumeInMessage(1) }
                if phase == .off { return }
                varintValue |= UInt64(b & 0x7f) << UInt64(min(7 * varintBytes, 63))
                varintBytes += 1
                if b >= 0x80 {
                    if varintBytes >= 10 { malformed() }
                    continue
                }
                let v = varintValue
                varintValue = 0
                varintBytes = 0
                try varintDone(v)
            case .fixed:
                let step = min(fixedLeft, n - i)
                i += step
                fixedLeft -= step
                if depth == 1 { try consumeInMessage(step) }
                if fixedLeft == 0 && phase == .fixed { try valueDone() }
            case .payload:
                let step = min(payloadLeft, n - i)
                if mode == .countVarints {
                    try count(Self.terminators(base + i, step))
                }
                i += step
                payloadLeft -= step
                if depth == 1 { try consumeInMessage(step) }
                if payloadLeft == 0 && phase == .payload { try payloadDone() }
            }
        }
    }

    /// Bytes below 0x80 in `p[0..<n]` (each ends one varint), eight at a time.
    static func terminators(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var count = 0
        var j = 0
        while n - j >= 8 {
            let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            count += (~word & 0x8080_8080_8080_8080).nonzeroBitCount
            j += 8
        }
        while j < n {
            if p[j] < 0x80 { count += 1 }
            j += 1
        }
        return count
    }

    // MARK: fast paths (the same counts and checks as the byte-at-a-time walk)

    /// A varint of at most five bytes ending before `end` (keys and lengths that fit 35 bits):
    /// its value, with `pos` past it; nil for anything else, which the byte walk then reads.
    @inline(__always)
    private static func shortVarint(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        var q = pos
        while q < end && shift < 35 {
            let b = p[q]
            q += 1
            v |= UInt64(b & 0x7f) &<< shift
            if b < 0x80 {
                pos = q
                return v
            }
            shift += 7
        }
        return nil
    }

    /// A top-level length-delimited field's key and length read at once when both are in the
    /// chunk (`left` bytes from `p`), then handled as `lengthDone` would: the bytes used, or
    /// nil (nothing changed) when it is not that simple case.
    private mutating func topLevelKeyAndLength(_ p: UnsafePointer<UInt8>, _ left: Int) throws(PprofError) -> Int? {
        var pos = 0
        guard let key = Self.shortVarint(p, &pos, left), key & 7 == 2,
            let length = Self.shortVarint(p, &pos, left)
        else { return nil }
        field = key >> 3
        wire = 2
        phase = .length
        try lengthDone(length)
        return pos
    }

    /// One field of a message of `len` bytes at `p`, from `pos` (then past it): its number,
    /// wire type and, for a length-delimited field, where its payload starts and its length.
    /// Nil unless the field is one the byte walk would read without calling it malformed,
    /// with a short key and length (which the byte walk then reads instead).
    @inline(__always)
    private static func field(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ len: Int)
        -> (number: UInt64, wire: UInt64, payload: Int, count: Int)?
    {
        guard let key = shortVarint(p, &pos, len) else { return nil }
        let wire = key & 7
        var payload = pos
        var count = 0
        switch wire {
        case 0:
            // Up to ten bytes, the last one ending the varint (as the byte walk allows).
            let start = pos
            while pos < len && pos - start < 10 && p[pos] >= 0x80 { pos += 1 }
            guard pos < len && pos - start < 10 else { return nil }
            pos += 1
        case 1: pos += 8
        case 5: pos += 4
        case 2:
            guard let n = shortVarint(p, &pos, len), n <= UInt64(len - pos) else { return nil }
            payload = pos
            count = Int(n)
            pos += count
        default:
            return nil
        }
        return pos <= len ? (key >> 3, wire, payload, count) : nil
    }

    /// The rest of the current sample or location message, `len` bytes all in this chunk:
    /// first checked to be well formed (else false, nothing changed, and the byte walk reads
    /// it and finds what is wrong), then counted field by field in the byte walk's order.
    private mutating func messageRest(_ p: UnsafePointer<UInt8>, _ len: Int) throws(PprofError) -> Bool {
        var pos = 0
        while pos < len {
            guard Self.field(p, &pos, len) != nil else { return false }
        }
        pos = 0
        while pos < len, let (f, wire, payload, n) = Self.field(p, &pos, len) {
            if wire == 0 {
                if isSample && (f == 1 || f == 2) {
                    counting = f == 1 ? .frames : .values
                    try count(1)
                    counting = .none
                }
            } else if wire == 2 {
                if isSample {
                    switch f {
                    case 1, 2:
                        if n > 0 {
                            counting = f == 1 ? .frames : .values
                            try count(Self.terminators(p + payload, n))
                            counting = .none
                        }
                    case 3: try countLabel()
                    default: break
                    }
                } else if f == 4 {
                    try countLine()
                }
            }
        }
        return true
    }

    /// The current message's bytes are all read: back to the top level.
    private mutating func closeMessage() {
        messageLeft = 0
        mode = .skip
        counting = .none
        messageDone()
    }

    // MARK: state transitions

    private mutating func varintDone(_ v: UInt64) throws(PprofError) {
        switch phase {
        case .key:
            field = v >> 3
            wire = UInt8(v & 7)
            switch wire {
            case 0: phase = .varint
            case 1: phase = .fixed; fixedLeft = 8
            case 5: phase = .fixed; fixedLeft = 4
            case 2: phase = .length
            default: malformed()
            }
        case .varint:
            if depth == 0 && field == 13 {
                counting = .comments
            } else if depth == 1 && isSample && (field == 1 || field == 2) {
                counting = field == 1 ? .frames : .values
            }
            try count(1)
            try valueDone()
        case .length:
            try lengthDone(v)
        default:
            break
        }
    }

    private var topField: UInt64 = 0
    private var isSample: Bool { topField == 2 }

    private mutating func lengthDone(_ v: UInt64) throws(PprofError) {
        let limit = depth == 0 ? UInt64(Int.max) : UInt64(messageLeft)
        if v > limit {
            malformed()
            return
        }
        let len = Int(v)
        mode = .skip
        counting = .none
        if depth == 0 {
            topField = field
            switch field {
            case 1:
                sampleTypes += 1
                try add(Cost.sampleType)
                try limits.check(sampleTypes, .sampleTypes)
            case 2:
                samples += 1
                try limits.check(samples, .samples)
                try add(Cost.sample)
                mode = .message
            case 3:
                mappings += 1
                try limits.check(mappings, .mappings)
                try add(Cost.mapping)
            case 4:
                locations += 1
                try limits.check(locations, .locations)
                try add(Cost.location)
                mode = .message
            case 5:
                functions += 1
                try limits.check(functions, .functions)
                try add(Cost.function)
            case 6:
                strings += 1
                if len > limits.maxStringLength { throw limits.stringTooLong(len) }
                try limits.check(strings, .strings)
                // Its bytes count too: a string something refers to is copied out of the input.
                try add(Cost.string + len)
            case 13:
                mode = .countVarints
                counting = .comments
            default:
                break
            }
            if mode == .message {
                frames = 0
                values = 0
                labels = 0
                lines = 0
                messageLeft = len
                depth = 1
                phase = .key
                if len == 0 { messageDone() }
                return
            }
        } else if isSample {
            switch field {
            case 1: mode = .countVarints; counting = .frames
            case 2: mode = .countVarints; counting = .values
            case 3: try countLabel()
            default: break
            }
        } else if field == 4 {
            try countLine()
        }
        payloadLeft = len
        phase = .payload
        if len == 0 { try payloadDone() }
    }

    private mutating func payloadDone() throws(PprofError) {
        try valueDone()
    }

    /// A value ended: back to reading a key, closing the message when its bytes are used up.
    private mutating func valueDone() throws(PprofError) {
        phase = .key
        mode = .skip
        counting = .none
        if depth == 1 && messageLeft == 0 { messageDone() }
    }

    private mutating func messageDone() {
        depth = 0
        phase = .key
    }

    /// Bytes of the current sample/location used; a value running past its end is malformed.
    private mutating func consumeInMessage(_ k: Int) throws(PprofError) {
        messageLeft -= k
        if messageLeft < 0 { malformed() }
    }

    /// One more label in the current sample: its limit and its memory.
    private mutating func countLabel() throws(PprofError) {
        labels += 1
        try limits.check(labels, .labelsPerSample)
        try add(Cost.label)
    }

    /// One more line in the current location: its limit and its memory.
    private mutating func countLine() throws(PprofError) {
        lines += 1
        try limits.check(lines, .linesPerLocation)
        try add(Cost.line)
    }

    /// `k` more elements of the counted field: its limit and their memory.
    private mutating func count(_ k: Int) throws(PprofError) {
        switch counting {
        case .frames:
            frames += k
            try limits.check(frames, .stackDepth)
            try add(k * Cost.frame)
        case .values:
            values += k
            try limits.check(values, .valuesPerSample)
            try add(k * Cost.value)
        case .comments:
            comments += k
            try limits.check(comments, .comments)
            try add(k * Cost.comment)
        case .none:
            break
        }
    }

    private mutating func add(_ bytes: Int) throws(PprofError) {
        decodedBytes += bytes
        try limits.check(decodedBytes, .decodedSize)
    }

    /// Wire data the decoder will refuse: stop checking, so its error is the one reported.
    private mutating func malformed() {
        phase = .off
    }
}
