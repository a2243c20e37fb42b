import Synchronization

/// The Pike VM's working memory for one program: two sparse-set thread queues, each thread's
/// capture slots, the `add` stack and a scratch thread. Sized by the program, so it is allocated
/// (and zeroed) once per regex and reused by every match: a match then costs work proportional
/// to input × program, never a program-sized fill (a 33 KB pattern compiles to ~10⁵ instructions).
///
/// A sparse set needs no clearing between uses: membership is `dense[sparse[pc]] == pc` below
/// the live count, so stale entries are harmless.
final class GoRegexMachine: @unchecked Sendable {
    // @unchecked: a machine is only ever used by the one match that took it from the pool.
    let n: Int
    /// Slots per thread: 1 (start position only, for whole matches) or the program's slot count.
    private(set) var stride: Int
    let sparse: UnsafeMutablePointer<Int32>
    let dense: UnsafeMutablePointer<Int32>
    private(set) var caps: UnsafeMutablePointer<Int>
    let workPC: UnsafeMutablePointer<Int32>
    let workValue: UnsafeMutablePointer<Int>
    private(set) var scratch: UnsafeMutablePointer<Int>
    private(set) var matchCaps: UnsafeMutablePointer<Int>
    var counts = (0, 0)
    /// Threads entered over the last run (each position enters each instruction at most once
    /// per queue): the VM's cost, which a test bounds without a clock.
    var threadsEntered = 0

    init(n: Int, stride: Int) {
        self.n = n
        self.stride = stride
        sparse = Self.zeroed(2 * n)
        dense = Self.zeroed(2 * n)
        // Each visited instruction pushes at most two entries, so 2n + 2 always suffices.
        workPC = Self.zeroed(2 * n + 2)
        workValue = Self.zeroed(2 * n + 2)
        caps = Self.zeroed(2 * n * stride)
        scratch = Self.zeroed(stride)
        matchCaps = Self.zeroed(stride)
    }

    deinit {
        sparse.deallocate()
        dense.deallocate()
        workPC.deallocate()
        workValue.deallocate()
        caps.deallocate()
        scratch.deallocate()
        matchCaps.deallocate()
    }

    private static func zeroed<T: FixedWidthInteger>(_ count: Int) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: 0, count: Swift.max(count, 1))
        return p
    }

    /// Grows the capture storage for a run that needs `s` slots per thread.
    func ensureStride(_ s: Int) {
        guard s > stride else { return }
        caps.deallocate()
        scratch.deallocate()
        matchCaps.deallocate()
        stride = s
        caps = Self.zeroed(2 * n * s)
        scratch = Self.zeroed(s)
        matchCaps = Self.zeroed(s)
    }

    /// Bytes of match state this machine holds.
    var byteCount: Int { (4 * n) * 4 + (2 * n + 2) * (4 + 8) + (2 * n + 2) * stride * 8 }
}

/// Hands out machines for one program: a match takes one (or makes one when all are in use by
/// other threads) and gives it back, so sequential matches share one allocation and concurrent
/// ones (the filters use two threads) each get their own.
final class GoRegexStatePool: Sendable {
    private struct State {
        var free: [GoRegexMachine] = []
        var created = 0
    }

    private let state = Mutex(State())
    private let n: Int
    /// Machines kept for reuse; more concurrent matches than this allocate and drop theirs.
    static let keep = 4

    init(n: Int) { self.n = n }

    func withMachine<R>(stride: Int, _ body: (GoRegexMachine) -> R) -> R {
        let taken: GoRegexMachine? = state.withLock { s in
            if let m = s.free.popLast() { return m }
            s.created += 1
            return nil
        }
        let m = taken ?? GoRegexMachine(n: n, stride: stride)
        m.ensureStride(stride)
        let result = body(m)
        state.withLock { s in
            if s.free.count < Self.keep { s.free.append(m) }
        }
        return result
    }

    /// How many machines this pool has allocated.
    var created: Int { state.withLock { $0.created } }
}
