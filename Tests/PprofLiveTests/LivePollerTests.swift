import Foundation
import PprofModel
import Testing

@testable import PprofLive

/// The poller above a scripted transport. Every wait is bounded (a deadline per test).
struct LivePollerTests {
    /// Collects events; `wait` polls until a condition holds or the deadline passes.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [LiveEvent] = []

        func record(_ event: LiveEvent) { lock.withLock { events.append(event) } }
        var all: [LiveEvent] { lock.withLock { events } }
        var fetchedCount: Int { all.filter { if case .fetched = $0 { return true } else { return false } }.count }
        var failures: [String] { all.compactMap { if case .failed(let m, _) = $0 { return m } else { return nil } } }
        var progress: [LiveProgress] { all.compactMap { if case .progress(let p) = $0 { return p } else { return nil } } }

        func wait(seconds: Double, until condition: () -> Bool) async -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            return condition()
        }
    }

    static func poller(_ steps: [ScriptedTransport.Step], interval: Double?) throws -> (LivePoller, Recorder, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        var options = FetchOptions()
        options.save = false
        let fetcher = ProfileFetcher(transport: transport, options: options, environment: [:])
        let recorder = Recorder()
        let source = try LiveSource.parse("127.0.0.1:6060/debug/pprof/heap", seconds: nil, timeout: 5)
        let poller = LivePoller(source: source, fetcher: fetcher, interval: interval) { recorder.record($0) }
        return (poller, recorder, transport)
    }

    static let ok = ScriptedTransport.Step.reply(TransportReply(status: 200, body: ProfileFetcherTests.heapBytes))

    @Test func refreshesOnItsInterval() async throws {
        let (poller, recorder, _) = try Self.poller([Self.ok], interval: 0.1)
        poller.start()
        defer { poller.stop() }
        #expect(await recorder.wait(seconds: 5) { recorder.fetchedCount >= 3 })
        #expect(recorder.progress.contains { if case .waiting = $0 { return true } else { return false } })
        #expect(recorder.progress.contains { if case .fetching(let url, _, nil) = $0 { return url.hasSuffix("/heap") } else { return false } })
    }

    @Test func withoutIntervalOnlyRefreshNowFetches() async throws {
        let (poller, recorder, transport) = try Self.poller([Self.ok], interval: nil)
        poller.start()
        defer { poller.stop() }
        #expect(await recorder.wait(seconds: 5) { recorder.fetchedCount == 1 })
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(transport.requests.count == 1)
        #expect(recorder.progress.last == .idle)
        poller.refreshNow()
        #expect(await recorder.wait(seconds: 5) { recorder.fetchedCount == 2 })
    }

    @Test func pauseStopsTheCycleAndResumeRestartsIt() async throws {
        let (poller, recorder, transport) = try Self.poller([Self.ok], interval: 0.1)
        poller.start()
        defer { poller.stop() }
        #expect(await recorder.wait(seconds: 5) { recorder.fetchedCount >= 1 })
        poller.pause()
        #expect(poller.isPaused)
        #expect(await recorder.wait(seconds: 5) { recorder.progress.last == .paused })
        let during = transport.requests.count
        try await Task.sleep(nanoseconds: 400_000_000)
        #expect(transport.requests.count == during)
        poller.togglePause()
        #expect(!poller.isPaused)
        #expect(await recorder.wait(seconds: 5) { transport.requests.count >= during + 2 })
    }

    @Test func failuresAreEventsAndTheCycleGoesOn() async throws {
        let (poller, recorder, _) = try Self.poller([.fail(.connectionRefused), Self.ok], interval: 0.1)
        poller.start()
        defer { poller.stop() }
        #expect(await recorder.wait(seconds: 5) { recorder.fetchedCount >= 1 })
        #expect(recorder.failures.first?.hasSuffix("connect: connection refused") == true)
    }

    @Test func stopCancelsTheFetchInFlight() async throws {
        let (poller, recorder, _) = try Self.poller([.delay(30, then: TransportReply(status: 200))], interval: 0.1)
        poller.start()
        #expect(await recorder.wait(seconds: 5) { !recorder.progress.isEmpty })
        let start = Date()
        poller.stop()
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(recorder.fetchedCount == 0 && recorder.failures.isEmpty)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func streamDeliversEvents() async throws {
        let transport = ScriptedTransport([Self.ok])
        var options = FetchOptions()
        options.save = false
        let source = try LiveSource.parse("127.0.0.1:6060/debug/pprof/heap", seconds: nil, timeout: 5)
        let (poller, events) = LivePoller.stream(
            source: source, fetcher: ProfileFetcher(transport: transport, options: options, environment: [:]), interval: nil)
        poller.start()
        defer { poller.stop() }
        var sawFetched = false
        for await event in events.prefix(3) {
            if case .fetched(let fetched) = event {
                sawFetched = fetched.profile.sampleTypes.count == 4
                break
            }
        }
        #expect(sawFetched)
    }
}
