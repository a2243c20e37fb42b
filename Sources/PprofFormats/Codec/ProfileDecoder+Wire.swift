import PprofModel

/// A bounds-checked cursor over protobuf wire-format bytes.
///
/// It works on a raw pointer (the caller keeps the buffer alive with `withUnsafeBufferPointer`)
/// so the hot loops do no array bounds or ARC traffic; every read is checked against `end`
/// and a bad input throws, never traps. The rules follow pprof's `profile/proto.go`:
/// varints of at most 10 bytes, wire types 0, 1, 2 and 5 only, lengths within the buffer.
struct WireReader {
    let base: UnsafePointer<UInt8>
    var pos: Int
    let end: Int

    init(base: UnsafePointer<UInt8>, pos: Int, end: Int) {
        self.base = base
        self.pos = pos
        self.end = end
    }

    var atEnd: Bool { pos >= end }

    static func failure(_ what: String, at offset: Int) -> PprofError {
        PprofError("parsing profile: unrecognized profile format (\(what) at byte \(offset))")
    }

    @inline(__always)
    mutating func varint() throws(PprofError) -> UInt64 {
        // Fast path: with 10 bytes left no per-byte bounds check is needed.
        if end - pos >= 10 {
            let p = base + pos
            var b = UInt64(p[0])
            if b < 0x80 {
                pos += 1
                return b
            }
            var result = b & 0x7f
            var i = 1
            while i < 10 {
                b = UInt64(p[i])
                result |= (b & 0x7f) &<< UInt64(7 * i)
                i += 1
                if b < 0x80 {
                    pos += i
                    return result
                }
            }
            throw Self.failure("bad varint", at: pos)
        }
        return try varintSlow()
    }

    @inline(never)
    mutating func varintSlow() throws(PprofError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var i = pos
        while true {
            if i >= end || i - pos >= 10 {
                throw Self.failure("bad varint", at: pos)
            }
            let b = base[i]
            result |= UInt64(b & 0x7f) << shift
            i += 1
            if b < 0x80 { break }
            shift += 7
        }
        pos = i
        return result
    }

    /// Reads a field key; returns (field number, wire type). Rejects the wire types pprof rejects.
    @inline(__always)
    mutating func key() throws(PprofError) -> (field: UInt64, wire: UInt8) {
        let start = pos
        let k = try varint()
        let wire = UInt8(k & 7)
        if wire != 0 && wire != 1 && wire != 2 && wire != 5 {
            throw Self.failure("unknown wire type \(wire)", at: start)
        }
        return (k >> 3, wire)
    }

    /// Reads a length prefix and returns the end offset of the payload that follows.
    @inline(__always)
    mutating func lengthEnd() throws(PprofError) -> Int {
        let start = pos
        let n = try varint()
        if n > UInt64(end - pos) {
            throw Self.failure("length \(n) past the end of the data", at: start)
        }
        return pos + Int(n)
    }

    /// Skips the value of a field with wire type `wire` (unknown fields).
    mutating func skip(_ wire: UInt8) throws(PprofError) {
        switch wire {
        case 0:
            _ = try varint()
        case 1:
            try skipFixed(8)
        case 5:
            try skipFixed(4)
        default:
            pos = try lengthEnd()
        }
    }

    private mutating func skipFixed(_ n: Int) throws(PprofError) {
        if end - pos < n { throw Self.failure("truncated fixed-size field", at: pos) }
        pos += n
    }

    /// A scalar field: pprof requires wire type 0 for every int64/uint64/bool field.
    @inline(__always)
    mutating func scalar(_ wire: UInt8, _ name: StaticString) throws(PprofError) -> UInt64 {
        if wire != 0 { throw Self.failure("wrong wire type \(wire) for \(name)", at: pos) }
        return try varint()
    }

    /// A length-delimited field (message or string): returns the payload range.
    @inline(__always)
    mutating func delimited(_ wire: UInt8, _ name: StaticString) throws(PprofError) -> Range<Int> {
        if wire != 2 { throw Self.failure("wrong wire type \(wire) for \(name)", at: pos) }
        let stop = try lengthEnd()
        let start = pos
        pos = stop
        return start..<stop
    }

    /// A repeated integer field, packed (wire type 2) or one element (wire type 0).
    @inline(__always)
    mutating func repeated(_ wire: UInt8, _ name: StaticString, _ body: (UInt64) throws(PprofError) -> Void)
        throws(PprofError)
    {
        if wire == 0 {
            try body(try varint())
        } else if wire == 2 {
            let stop = try lengthEnd()
            var sub = WireReader(base: base, pos: pos, end: stop)
            while sub.pos < stop {
                try body(try sub.varint())
            }
            pos = stop
        } else {
            throw Self.failure("wrong wire type \(wire) for \(name)", at: pos)
        }
    }

    func sub(_ range: Range<Int>) -> WireReader {
        WireReader(base: base, pos: range.lowerBound, end: range.upperBound)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}
