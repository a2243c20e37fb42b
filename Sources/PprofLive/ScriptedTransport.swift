import Foundation

/// A transport that answers from a script, for tests of everything above the socket.
///
/// Each `get` takes the next scripted step (the last one repeats) and records the request.
package final class ScriptedTransport: LiveTransport, @unchecked Sendable {
    package enum Step: Sendable {
        case reply(TransportReply)
        case fail(TransportFailure)
        /// Waits this many seconds of the transport's clock (or until cancelled), then replies.
        case delay(Double, then: TransportReply)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var recorded: [TransportRequest] = []
    private let clock: any LiveClock

    package init(_ steps: [Step], clock: any LiveClock = SystemClock()) {
        self.steps = steps
        self.clock = clock
    }

    /// The requests seen so far, oldest first.
    package var requests: [TransportRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    package func get(_ request: TransportRequest) async throws -> TransportReply {
        let step: Step? = {
            lock.lock()
            defer { lock.unlock() }
            recorded.append(request)
            guard let first = steps.first else { return nil }
            if steps.count > 1 { steps.removeFirst() }
            return first
        }()
        switch step {
        case nil:
            throw TransportFailure.other("no scripted reply")
        case .reply(let reply):
            return reply
        case .fail(let failure):
            throw failure
        case .delay(let seconds, let reply):
            do {
                try await clock.sleep(seconds: seconds)
            } catch {
                throw TransportFailure.cancelled
            }
            return reply
        }
    }
}
