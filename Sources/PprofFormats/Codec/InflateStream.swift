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
/// pointers into it) and costs only what was inflated. The limit scan (`WireScan`) runs over
/// each piece as it arrives, on the decoder's thread (`wait(for:)`: the inflate thread, the
/// slower of the two, only inflates), before the decoder sees it, so a bomb stops at its
/// first limit and inflate is told to stop.
/// What the decoder is done with it hands back (`release(below:)`), so the inflated bytes are
/// never all held at once; the compressed input is kept to inflate again if they are needed.
final class InflateStream: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    /// The gzip bytes (kept until the decoder is done: see `inflatedAgain`); with `reread`,
    /// inflate hands their pages back as it reads them, and `reread` gets them again.
    let input: [UInt8]
    private let reread: (() throws -> [UInt8])?
    /// Bytes below this offset were handed back to the kernel (decoder thread only).
    private(set) var released = 0
    // The limit scan, on the decoder's thread only.
    private var scan: WireScan
    private var scanned = 0
    private var scanFailure: PprofError?
    private var reported = 0
    /// Bytes reserved: the limit plus one inflate chunk (the limit is checked before a write).
    private let capacity: Int
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let arrived: UnsafeMutablePointer<pthread_cond_t>
    /// Signalled when the decoder has read on or wants more (inflate may be waiting for it).
    private let drained: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `lock`.
    private var filled = 0
    private var done = false
    private var failure: PprofError?
    private var cancelled = false
    /// How far the decoder has read, and what it waits for: inflate stays at most `maxLead`
    /// bytes ahead of the first unless the decoder waits for more (one long field).
    private var consumed = 0
    private var needed = 0
    static let maxLead = 4 << 20
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var started = false

    /// Nil when the range cannot be reserved or no thread can be made (the caller then
    /// inflates serially).
    static func start(_ input: [UInt8], limits: DecodeLimits, reread: (() throws -> [UInt8])? = nil) -> InflateStream? {
        // A limit raised beyond any address range worth reserving keeps the serial path.
        let (capacity, overflow) = limits.maxDecompressedBytes.addingReportingOverflow(Gzip.chunkSize)
        guard !overflow, capacity <= 1 << 40,
            let s = InflateStream(capacity: capacity, input: input, limits: limits, reread: reread)
        else { return nil }
        return s.launch(limits: limits) ? s : nil
    }

    private init?(capacity: Int, input: [UInt8], limits: DecodeLimits, reread: (() throws -> [UInt8])?) {
        self.input = input
        self.reread = reread
        scan = WireScan(limits: limits)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
        guard capacity > 0, let p = mmap(nil, capacity, PROT_READ | PROT_WRITE, flags, -1, 0), p != MAP_FAILED
        else { return nil }
        base = p.assumingMemoryBound(to: UInt8.self)
        self.capacity = capacity
        lock = .allocate(capacity: 1)
        arrived = .allocate(capacity: 1)
        drained = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(arrived, nil)
        pthread_cond_init(drained, nil)
    }

    deinit {
        cancel()
        #if canImport(Darwin)
            if started, let thread { pthread_join(thread, nil) }
        #else
            if started { pthread_join(thread, nil) }
        #endif
        munmap(base, capacity)
        pthread_cond_destroy(arrived)
        pthread_cond_destroy(drained)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        arrived.deallocate()
        drained.deallocate()
    }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private func launch(limits: DecodeLimits) -> Bool {
        let job = Unmanaged.passRetained(
            Job { [self] in
                var written = 0
                do throws(PprofError) {
                    try Gzip.inflate(self.input, limit: limits.maxDecompressedBytes, releaseInput: reread != nil) {
                        chunk throws(PprofError) in
                        guard let from = chunk.baseAddress else { return }
                        (base + written).update(from: from, count: chunk.count)
                        written += chunk.count
                        if !publish(written) { throw PprofError("decompressing profile: cancelled") }
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

    /// Waits while inflate is too far ahead of the decoder (and the decoder waits for
    /// nothing beyond it); false once the decoder has stopped wanting more (inflate then stops).
    private func publish(_ count: Int) -> Bool {
        pthread_mutex_lock(lock)
        filled = count
        pthread_cond_broadcast(arrived)
        while !cancelled && count - consumed > Self.maxLead && count >= needed { pthread_cond_wait(drained, lock) }
        let wanted = !cancelled
        pthread_mutex_unlock(lock)
        return wanted
    }

    private func cancel() {
        pthread_mutex_lock(lock)
        cancelled = true
        pthread_cond_broadcast(drained)
        pthread_mutex_unlock(lock)
    }

    /// The decoder has read up to `offset` (reported in 1 MiB steps: each report takes the lock).
    func read(upTo offset: Int) {
        guard offset - reported >= 1 << 20 else { return }
        reported = offset
        pthread_mutex_lock(lock)
        consumed = offset
        pthread_cond_broadcast(drained)
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
        // In steps of 2 MiB: each call costs the kernel a page-table walk and TLB flushes.
        let step = 1 << 21
        let end = offset / step * step
        guard end > released else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }

    /// The inflated bytes, from the start: the buffer's own when nothing was released, else
    /// inflated once more from the input (for the legacy parsers, after protobuf failed).
    /// Nil when the input was handed back and cannot be read again.
    func inflatedAgain(count: Int, limits: DecodeLimits) throws(PprofError) -> [UInt8]? {
        if released == 0 { return Array(UnsafeBufferPointer(start: base, count: count)) }
        guard let reread else { return try Gzip.decompress(input, limit: limits.maxDecompressedBytes) }
        guard let again = try? reread() else { return nil }
        return try Gzip.decompress(again, limit: limits.maxDecompressedBytes)
    }

    /// Waits until at least `need` bytes have arrived or inflate has ended, scanning each
    /// piece as it arrives; returns how many bytes are there (all scanned) and whether that is
    /// all of them.
    /// - Throws: the limit scan's error (then inflate is stopped), or inflate's once it has
    ///   stopped with one and every byte before that is scanned: the serial path's order.
    func wait(for need: Int) throws(PprofError) -> (count: Int, complete: Bool) {
        if let scanFailure { throw scanFailure }
        while true {
            pthread_mutex_lock(lock)
            if needed < need {
                needed = need
                pthread_cond_broadcast(drained)
            }
            while filled <= scanned && scanned < need && !done { pthread_cond_wait(arrived, lock) }
            let (count, isDone, error) = (filled, done, done ? failure : nil)
            pthread_mutex_unlock(lock)
            if count > scanned {
                do throws(PprofError) {
                    try scan.feed(UnsafeBufferPointer(start: base + scanned, count: count - scanned))
                } catch {
                    scanFailure = error
                    cancel()
                    throw error
                }
                scanned = count
            }
            if let error { throw error }
            if isDone || scanned >= need { return (scanned, isDone) }
        }
    }
}
