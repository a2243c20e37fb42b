#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CZlib
import PprofModel

/// gzip (de)compression through zlib, with an output cap so a gzip bomb is refused early.
package enum Gzip {
    /// True when `bytes` starts with the gzip magic `1f 8b` (how pprof tells gzip from raw protobuf).
    package static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Bytes inflate produces per step (the size of each piece shown to `observe`).
    static let chunkSize = 1 << 18

    /// The uncompressed size the gzip trailer states (ISIZE: the last member's size modulo
    /// 2^32), a good first guess for reservations. It is forgeable, so it is capped by
    /// deflate's best possible ratio (1032:1): a tiny file can't make us reserve gigabytes.
    static func trailerSize(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return min(isize, n * 1032)
    }

    /// Inflates every member of a (possibly multi-member) gzip stream.
    ///
    /// Each piece of output is shown to `observe` as it is produced (before it is kept), so a
    /// caller can refuse the data while it streams in; its error stops the inflate.
    ///
    /// - Throws: `PprofError` "decompressing profile: ..." for corrupt or truncated input,
    ///   or when the output would exceed `limit` bytes; `observe`'s error.
    package static func decompress(
        _ input: [UInt8], limit: Int,
        observe: (UnsafeBufferPointer<UInt8>) throws(PprofError) -> Void = { _ throws(PprofError) in }
    ) throws(PprofError) -> [UInt8] {
        var out: [UInt8] = []
        if input.count >= 18 {
            out.reserveCapacity(min(max(trailerSize(input), input.count), limit, 1 << 31))
        }
        try inflate(input, limit: limit) { piece throws(PprofError) in
            try observe(piece)
            out.append(contentsOf: piece)
        }
        return out
    }

    /// The inflate loop of `decompress`: hands each piece of output to `emit` (after checking
    /// that the total stays within `limit`) instead of keeping it. With `releaseInput` (the
    /// caller owns `input` alone and will not read it again), the whole pages zlib has read
    /// are handed back to the kernel as it goes, so the compressed bytes are not all held.
    static func inflate(
        _ input: [UInt8], limit: Int, releaseInput: Bool = false,
        emit: (UnsafeBufferPointer<UInt8>) throws(PprofError) -> Void
    ) throws(PprofError) {
        var total = 0
        var stream = z_stream()
        guard pprof_inflate_init(&stream) == Z_OK else {
            throw PprofError("decompressing profile: zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: PprofError?
        input.withUnsafeBufferPointer { inBuf in
            chunk.withUnsafeMutableBufferPointer { chunkBuf in
                guard let inBase = inBuf.baseAddress, let chunkBase = chunkBuf.baseAddress else { return }
                var fed = 0  // input bytes handed to zlib so far (avail_in is 32-bit: feed in windows)
                // Input below this address was handed back (page-aligned, inside the buffer).
                let page = 1 << 22
                var released = (Int(bitPattern: inBase) + page - 1) / page * page
                func refill() {
                    if stream.avail_in == 0 && fed < inBuf.count {
                        let window = min(inBuf.count - fed, Int(UInt32.max >> 1))
                        stream.next_in = UnsafeMutablePointer(mutating: inBase + fed)
                        stream.avail_in = UInt32(window)
                        fed += window
                    }
                }
                while true {
                    refill()
                    stream.next_out = chunkBase
                    stream.avail_out = UInt32(chunkSize)
                    let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkSize - Int(stream.avail_out)
                    if produced > 0 {
                        if total + produced > limit {
                            failure = PprofError(
                                "decompressed size exceeds the limit of \(limit) bytes (max_decompressed_size)")
                            return
                        }
                        let piece = UnsafeBufferPointer(start: UnsafePointer(chunkBase), count: produced)
                        do throws(PprofError) {
                            try emit(piece)
                        } catch {
                            failure = error
                            return
                        }
                        total += produced
                    }
                    let consumed = fed - Int(stream.avail_in)
                    if releaseInput {
                        let end = (Int(bitPattern: inBase) + consumed) / page * page
                        if end > released, let from = UnsafeMutableRawPointer(bitPattern: released) {
                            _ = madvise(from, end - released, MADV_DONTNEED)
                            released = end
                        }
                    }
                    switch rc {
                    case Z_OK:
                        continue
                    case Z_STREAM_END:
                        let left = inBuf.count - consumed
                        if left == 0 { return }
                        // Another member follows (as `cat a.gz b.gz` makes); Go's reader accepts it too.
                        if left < 2 || inBase[consumed] != 0x1f || inBase[consumed + 1] != 0x8b {
                            failure = PprofError("decompressing profile: gzip: invalid header")
                            return
                        }
                        guard inflateReset(&stream) == Z_OK else {
                            failure = PprofError("decompressing profile: zlib reset failed")
                            return
                        }
                    case Z_BUF_ERROR where stream.avail_in == 0 && fed == inBuf.count:
                        // No progress possible: the input ended inside a member.
                        failure = PprofError("decompressing profile: unexpected EOF")
                        return
                    case Z_BUF_ERROR:
                        continue
                    default:
                        failure = PprofError("decompressing profile: \(zlibMessage(stream, rc))")
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    private static func zlibMessage(_ s: z_stream, _ rc: Int32) -> String {
        if let msg = s.msg {
            return "corrupt gzip data (\(String(cString: msg)))"
        }
        return "corrupt gzip data (zlib error \(rc))"
    }

    /// Compresses `input` as one gzip member (what pprof writes with `Profile.Write`).
    package static func compress(_ input: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws(PprofError) -> [UInt8] {
        var stream = z_stream()
        guard pprof_deflate_init(&stream, level) == Z_OK else {
            throw PprofError("compressing profile: zlib initialisation failed")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8]()
        out.reserveCapacity(Int(deflateBound(&stream, uLong(input.count))))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failed = false
        input.withUnsafeBufferPointer { inBuf in
            chunk.withUnsafeMutableBufferPointer { chunkBuf in
                guard let chunkBase = chunkBuf.baseAddress else { return }
                var offset = 0
                while true {
                    let window = min(inBuf.count - offset, Int(UInt32.max >> 1))
                    stream.next_in = inBuf.baseAddress.map { UnsafeMutablePointer(mutating: $0 + offset) }
                    stream.avail_in = UInt32(window)
                    let last = offset + window == inBuf.count
                    repeat {
                        stream.next_out = chunkBase
                        stream.avail_out = UInt32(chunkSize)
                        let rc = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH)
                        if rc == Z_STREAM_ERROR {
                            failed = true
                            return
                        }
                        out.append(contentsOf: UnsafeBufferPointer(start: chunkBase, count: chunkSize - Int(stream.avail_out)))
                        if rc == Z_STREAM_END { return }
                    } while stream.avail_out == 0 || stream.avail_in > 0
                    offset += window
                    if last { return }
                }
            }
        }
        if failed { throw PprofError("compressing profile: zlib error") }
        return out
    }
}
