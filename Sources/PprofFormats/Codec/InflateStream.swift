#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PprofModel

/// A gzip file inflated on its own thread into one contiguous buffer whose filled prefix the
/// decoder reads while the rest is still arriving, so inflating and decoding overlap.
///
/// The buffer is an address range reserved up front at the decompressed-size limit and
/// committed by the kernel only as inflate writes it, so it never moves (the decoder keeps
/// pointers into it) and costs only what was inflated. The inflate thread also runs the
/// limit scan (`WireScan`), exactly as the serial path does, so a bomb stops at its first limit.
/// What the decoder is done with it hands back (`release(below:)`), so the inflated bytes are
/// never all held at once; the compressed input is kept to inflate again if they are needed.
final class InflateStream: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    /// The gzip bytes (kept until the decoder is done: see `inflatedAgain`).
    let input: [UInt8]
    /// Bytes below this offset were handed back to the kernel (decoder thread only).
    private(set) var released = 0
    /// Bytes reserved: the limit plus one inflate chunk (the limit is checked before a write).
    private let capacity: Int
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let arrived: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `lock`.
    private var filled = 0
    private var done = false
    private var failure: PprofError?
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var started = false

    /// Nil when the range cannot be reserved or no thread can be made (the caller then
    /// inflates serially).
    static func start(_ input: [UInt8], limits: DecodeLimits) -> InflateStream? {
        // A limit raised beyond any address range worth reserving keeps the serial path.
        let (capacity, overflow) = limits.maxDecompressedBytes.addingReportingOverflow(Gzip.chunkSize)
        guard !overflow, capacity <= 1 << 40, let s = InflateStream(capacity: capacity, input: input) else { return nil }
        return s.launch(limits: limits) ? s : nil
    }

    private init?(capacity: Int, input: [UInt8]) {
        self.input = input
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
        guard capacity > 0, let p = mmap(nil, capacity, PROT_READ | PROT_WRITE, flags, -1, 0), p != MAP_FAILED
        else { return nil }
        base = p.assumingMemoryBound(to: UInt8.self)
        self.capacity = capacity
        lock = .allocate(capacity: 1)
        arrived = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(arrived, nil)
    }

    deinit {
        #if canImport(Darwin)
            if started, let thread { pthread_join(thread, nil) }
        #else
            if started { pthread_join(thread, nil) }
        #endif
        munmap(base, capacity)
        pthread_cond_destroy(arrived)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        arrived.deallocate()
    }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private func launch(limits: DecodeLimits) -> Bool {
        let job = Unmanaged.passRetained(
            Job { [self] in
                var scan = WireScan(limits: limits)
                var written = 0
                do throws(PprofError) {
                    try Gzip.inflate(self.input, limit: limits.maxDecompressedBytes) { chunk throws(PprofError) in
                        try scan.feed(chunk)
                        guard let from = chunk.baseAddress else { return }
                        (base + written).update(from: from, count: chunk.count)
                        written += chunk.count
                        publish(written)
                    }
                    finish(nil)
                } catch {
                    finish(error)
                }
            })
        let rc = pthread_create(
            &thread, nil,
            { ctx in
                guard let ctx else { return nil }
                Unmanaged<Job>.fromOpaque(ctx).takeRetainedValue().body()
                return nil
            }, job.toOpaque())
        if rc != 0 {
            job.release()
            return false
        }
        started = true
        return true
    }

    private func publish(_ count: Int) {
        pthread_mutex_lock(lock)
        filled = count
        pthread_cond_broadcast(arrived)
        pthread_mutex_unlock(lock)
    }

    private func finish(_ error: PprofError?) {
        pthread_mutex_lock(lock)
        done = true
        failure = error
        pthread_cond_broadcast(arrived)
        pthread_mutex_unlock(lock)
    }

    /// Hands the whole pages below `offset` back to the kernel: the decoder has read them and
    /// keeps no reference into them. Only the decoder's thread calls this, for bytes inflate
    /// has already written, so the two threads never touch the same page.
    func release(below offset: Int) {
        // In steps of 8 MiB: each call costs the kernel a page-table walk and TLB flushes.
        let step = 1 << 23
        let end = offset / step * step
        guard end > released else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }

    /// The inflated bytes, from the start: the buffer's own when nothing was released, else
    /// inflated once more from the input (for the legacy parsers, after protobuf failed).
    func inflatedAgain(count: Int, limits: DecodeLimits) throws(PprofError) -> [UInt8] {
        if released == 0 { return Array(UnsafeBufferPointer(start: base, count: count)) }
        return try Gzip.decompress(input, limit: limits.maxDecompressedBytes)
    }

    /// Waits until at least `need` bytes have arrived or inflate has ended; returns how many
    /// bytes are there and whether that is all of them.
    /// - Throws: inflate's (or the limit scan's) error, once inflate has stopped with one.
    func wait(for need: Int) throws(PprofError) -> (count: Int, complete: Bool) {
        pthread_mutex_lock(lock)
        while filled < need && !done { pthread_cond_wait(arrived, lock) }
        let result = (filled, done)
        let error = done ? failure : nil
        pthread_mutex_unlock(lock)
        if let error { throw error }
        return result
    }
}
