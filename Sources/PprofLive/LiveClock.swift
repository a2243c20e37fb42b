import Foundation

/// Time as live mode sees it: the poller's countdown, the fetcher's timestamps and the scripted
/// transport's delays all read and wait on one injected clock, so tests drive time by hand
/// (`ManualClock`) instead of sleeping on the real one.
package protocol LiveClock: Sendable {
    var now: Date { get }
    /// Suspends for `seconds` of this clock's time.
    /// - Throws: `CancellationError` when the calling task is cancelled first.
    func sleep(seconds: Double) async throws
}

/// The real clock: wall time and `Task.sleep`.
package struct SystemClock: LiveClock {
    package init() {}

    package var now: Date { Date() }

    package func sleep(seconds: Double) async throws {
        // Clamped so a huge -refresh cannot overflow the nanosecond count (about 31 years).
        let clamped = min(max(0, seconds.isNaN ? 0 : seconds), 1e9)
        try await Task.sleep(nanoseconds: UInt64(clamped * 1e9))
    }
}

/// A clock that moves only when `advance` is called, for tests: sleepers wake in deadline order
/// (then in the order they began to sleep), and a test can wait until a given number of tasks
/// are asleep on it, so "the poller is now counting down" is an event rather than a guess.
package final class ManualClock: LiveClock, @unchecked Sendable {
    private struct Sleeper {
        var id: Int
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private let lock = NSLock()
    private var current: Date
    private var nextID = 0
    private var sleepers: [Sleeper] = []
    /// Ids whose task was cancelled before its continuation was stored.
    private var cancelledEarly: Set<Int> = []
    private var waiters: [Waiter] = []

    package init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = now
    }

    package var now: Date { lock.withLock { current } }

    /// How many tasks are asleep on this clock now.
    package var sleeperCount: Int { lock.withLock { sleepers.count } }

    package func sleep(seconds: Double) async throws {
        let id: Int = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                var ready: [CheckedContinuation<Void, Never>] = []
                let resumeAtOnce: Result<Void, any Error>? = lock.withLock {
                    if cancelledEarly.remove(id) != nil { return .failure(CancellationError()) }
                    if seconds <= 0 { return .success(()) }
                    sleepers.append(Sleeper(id: id, deadline: current.addingTimeInterval(seconds), continuation: continuation))
                    ready = takeSatisfiedWaiters()
                    return nil
                }
                ready.forEach { $0.resume() }
                if let resumeAtOnce { continuation.resume(with: resumeAtOnce) }
            }
        } onCancel: {
            let sleeper: Sleeper? = lock.withLock {
                guard let index = sleepers.firstIndex(where: { $0.id == id }) else {
                    cancelledEarly.insert(id)
                    return nil
                }
                return sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        // A sleep that ended normally leaves no cancellation mark behind.
        lock.withLock { _ = cancelledEarly.remove(id) }
    }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    package func advance(by seconds: Double) {
        let due: [Sleeper] = lock.withLock {
            current = current.addingTimeInterval(max(0, seconds))
            let now = current
            let woken = sleepers.filter { $0.deadline <= now }
            sleepers.removeAll { $0.deadline <= now }
            return woken.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks are asleep on this clock.
    package func waitForSleepers(_ count: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                if sleepers.count >= count { return true }
                waiters.append(Waiter(count: count, continuation: continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// The waiters whose count is now reached, removed from the list. Called with the lock held.
    private func takeSatisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
        let asleep = sleepers.count
        let ready = waiters.filter { $0.count <= asleep }.map(\.continuation)
        waiters.removeAll { $0.count <= asleep }
        return ready
    }
}
