import Foundation
import PprofModel
import TestSupport
import Testing

@testable import PprofLive

/// The poller above a scripted transport on a manual clock: time moves only when a test advances
/// it, and every wait is for an event, so nothing sleeps on real time (the time limit turns an
/// event that never comes into a failure instead of a hang).
@Suite(.timeLimit(.minutes(5)))
struct LivePollerTests {
    struct Rig {
        var poller: LivePoller
        var log: EventLog<LiveEvent>
        var transport: ScriptedTransport
        var clock: ManualClock
    }

    static let url = "http://127.0.0.1:6060/debug/pprof/heap"

    static func rig(_ steps: [ScriptedTransport.Step], interval: Double?) throws -> Rig {
        let clock = ManualClock()
        let transport = ScriptedTransport(steps, clock: clock)
        var options = FetchOptions()
        options.save = false
        let fetcher = ProfileFetcher(transport: transport, options: options, environment: [:], clock: clock)
        let log = EventLog<LiveEvent>()
        let source = try LiveSource.parse(url, seconds: nil, timeout: 5)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: interval, clock: clock) { log.append($0) }
        return Rig(poller: poller, log: log, transport: transport, clock: clock)
    }

    static let ok = ScriptedTransport.Step.reply(TransportReply(status: 200, body: ProfileFetcherTests.heapBytes))

    static func fetched(_ events: [LiveEvent]) -> Int {
        events.filter { if case .fetched = $0 { true } else { false } }.count
    }

    static func failures(_ events: [LiveEvent]) -> [String] {
        events.compactMap { if case .failed(let m, _) = $0 { m } else { nil } }
    }

    static func progress(_ events: [LiveEvent]) -> [LiveProgress] {
        events.compactMap { if case .progress(let p) = $0 { p } else { nil } }
    }

    /// True when `n` fetches have ended and the last event is the countdown (or idle/paused) after them.
    static func settled(after n: Int, on last: @escaping @Sendable (LiveProgress) -> Bool) -> @Sendable ([LiveEvent]) -> Bool {
        { events in
            guard fetched(events) + failures(events).count == n, case .progress(let p) = events.last else { return false }
            return last(p)
        }
    }

    static func isWaiting(_ p: LiveProgress) -> Bool { if case .waiting = p { true } else { false } }

    @Test func refreshesOnItsIntervalAndNotBefore() async throws {
        let rig = try Self.rig([Self.ok], interval: 10)
        let t0 = rig.clock.now
        rig.poller.start()
        defer { rig.poller.stop() }
        await rig.log.wait(until: Self.settled(after: 1, on: Self.isWaiting))
        #expect(Self.progress(rig.log.all) == [.fetching(url: Self.url, since: t0, expectedSeconds: nil), .waiting(until: t0 + 10)])
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: 9.5)
        // Short of the interval: still counting down, nothing fetched.
        #expect(rig.clock.sleeperCount == 1 && rig.transport.requests.count == 1)
        rig.clock.advance(by: 0.5)
        await rig.log.wait(until: Self.settled(after: 2, on: Self.isWaiting))
        #expect(rig.transport.requests.count == 2)
        #expect(
            Self.progress(rig.log.all).suffix(2) == [
                .fetching(url: Self.url, since: t0 + 10, expectedSeconds: nil), .waiting(until: t0 + 20),
            ])
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: 10)
        await rig.log.wait(until: Self.settled(after: 3, on: Self.isWaiting))
        #expect(rig.transport.requests.count == 3)
    }

    @Test func withoutIntervalOnlyRefreshNowFetches() async throws {
        let rig = try Self.rig([Self.ok], interval: nil)
        rig.poller.start()
        defer { rig.poller.stop() }
        await rig.log.wait(until: Self.settled(after: 1) { $0 == .idle })
        // Nothing counts down, so no amount of time fetches again.
        #expect(rig.clock.sleeperCount == 0)
        rig.clock.advance(by: 3600)
        #expect(rig.transport.requests.count == 1)
        rig.poller.refreshNow()
        await rig.log.wait(until: Self.settled(after: 2) { $0 == .idle })
        #expect(rig.transport.requests.count == 2)
    }

    @Test func refreshNowRequestsCoalesceBehindTheFetchInFlight() async throws {
        let slow = ScriptedTransport.Step.delay(5, then: TransportReply(status: 200, body: ProfileFetcherTests.heapBytes))
        let rig = try Self.rig([Self.ok, slow, Self.ok], interval: nil)
        rig.poller.start()
        defer { rig.poller.stop() }
        await rig.log.wait(until: Self.settled(after: 1) { $0 == .idle })
        rig.poller.refreshNow()
        await rig.clock.waitForSleepers(1)  // the second fetch is in flight
        for _ in 0..<3 { rig.poller.refreshNow() }
        rig.clock.advance(by: 5)
        await rig.log.wait(until: Self.settled(after: 3) { $0 == .idle })
        #expect(rig.transport.requests.count == 3)
    }

    @Test func pauseStopsTheCycleAndResumeRestartsIt() async throws {
        let rig = try Self.rig([Self.ok], interval: 10)
        rig.poller.start()
        defer { rig.poller.stop() }
        await rig.log.wait(until: Self.settled(after: 1, on: Self.isWaiting))
        await rig.clock.waitForSleepers(1)
        rig.poller.pause()
        #expect(rig.poller.isPaused)
        await rig.log.wait(until: Self.settled(after: 1) { $0 == .paused })
        // The countdown is gone: time passes without a fetch.
        #expect(rig.clock.sleeperCount == 0)
        rig.clock.advance(by: 100)
        #expect(rig.transport.requests.count == 1)
        // Refresh-now still fetches while paused, and the cycle stays paused.
        rig.poller.refreshNow()
        await rig.log.wait(until: Self.settled(after: 2) { $0 == .paused })
        rig.poller.togglePause()
        #expect(!rig.poller.isPaused)
        await rig.log.wait(until: Self.settled(after: 2, on: Self.isWaiting))
        #expect(Self.progress(rig.log.all).last == .waiting(until: rig.clock.now + 10))
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: 10)
        await rig.log.wait(until: Self.settled(after: 3, on: Self.isWaiting))
        #expect(rig.transport.requests.count == 3)
    }

    @Test func failuresAreEventsAndTheCycleGoesOn() async throws {
        let rig = try Self.rig([.fail(.connectionRefused), Self.ok], interval: 10)
        let t0 = rig.clock.now
        rig.poller.start()
        defer { rig.poller.stop() }
        await rig.log.wait(until: Self.settled(after: 1, on: Self.isWaiting))
        let failed = rig.log.all.compactMap { if case .failed(let m, let at) = $0 { (m, at) } else { nil } }
        #expect(failed.count == 1 && failed.first?.1 == t0)
        #expect(failed.first?.0 == "\(Self.url): Get \"\(Self.url)\": dial tcp 127.0.0.1:6060: connect: connection refused")
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: 10)
        await rig.log.wait(until: Self.settled(after: 2, on: Self.isWaiting))
        #expect(Self.fetched(rig.log.all) == 1)
    }

    @Test func stopCancelsTheFetchInFlight() async throws {
        let rig = try Self.rig([.delay(30, then: TransportReply(status: 200))], interval: 10)
        let t0 = rig.clock.now
        rig.poller.start()
        await rig.clock.waitForSleepers(1)  // the scripted server is taking its 30 s
        rig.poller.stop()
        await rig.poller.waitUntilStopped()
        // Ended without the clock moving; no outcome and no countdown after the fetch.
        #expect(rig.clock.now == t0 && rig.clock.sleeperCount == 0)
        #expect(Self.progress(rig.log.all) == [.fetching(url: Self.url, since: t0, expectedSeconds: nil)])
        #expect(rig.log.all.count == 1)
    }

    @Test func streamDeliversEvents() async throws {
        let clock = ManualClock()
        var options = FetchOptions()
        options.save = false
        let source = try LiveSource.parse(Self.url, seconds: nil, timeout: 5)
        let fetcher = ProfileFetcher(
            transport: ScriptedTransport([Self.ok], clock: clock), options: options, environment: [:], clock: clock)
        let (poller, events) = LivePoller.stream(source: source, fetcher: fetcher, interval: nil, clock: clock)
        poller.start()
        defer { poller.stop() }
        var sawFetched = false
        for await event in events.prefix(3) {
            if case .fetched(let fetched) = event {
                sawFetched = fetched.profile.sampleTypes.count == 4 && fetched.fetchedAt == clock.now
                break
            }
        }
        #expect(sawFetched)
    }
}
