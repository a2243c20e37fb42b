import Foundation

/// Collects values posted from any thread (a poller's events, say) and lets a test await a
/// condition over them: `wait(until:)` returns as soon as a posted value makes it hold, so a
/// test waits exactly as long as the work takes and never polls or sleeps on real time.
public final class EventLog<Element: Sendable>: @unchecked Sendable {
    private struct Waiter {
        var condition: @Sendable ([Element]) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private let lock = NSLock()
    private var elements: [Element] = []
    private var waiters: [Waiter] = []

    public init() {}

    public func append(_ element: Element) {
        let ready: [CheckedContinuation<Void, Never>] = lock.withLock {
            elements.append(element)
            let all = elements
            let (done, pending) = (waiters.filter { $0.condition(all) }, waiters.filter { !$0.condition(all) })
            waiters = pending
            return done.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Everything posted so far, oldest first.
    public var all: [Element] { lock.withLock { elements } }

    /// Returns once `condition` holds for the values posted so far (at once if it already does).
    /// Pair with a `.timeLimit` trait: a condition that never comes true is a hang, not a pass.
    public func wait(until condition: @escaping @Sendable ([Element]) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                if condition(elements) { return true }
                waiters.append(Waiter(condition: condition, continuation: continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}
