import Foundation
import PprofCLI
import PprofFormats
import PprofLive
import PprofModel
import PprofReports
import PprofTUI
import TestSupport
import Testing

/// Live mode as state transitions: fetched profiles come from a `ScriptedTransport` through
/// the real fetcher (no network), and are fed to the app as the poller would post them.
@Suite struct LiveTests {
    static let url = "http://127.0.0.1:6060/debug/pprof/allocs"

    /// An allocs-like profile: the test profile with `alloc_space` values scaled by `k`.
    static func allocs(_ k: Int64) -> Profile {
        var p = TestProfile.make()
        p.sampleTypes = [ValueType(type: "alloc_objects", unit: "count"), ValueType(type: "alloc_space", unit: "bytes")]
        p.periodType = ValueType(type: "space", unit: "bytes")
        for i in p.samples.values.indices { p.samples.values[i] *= k }
        return p
    }

    static func fetcher(_ steps: [ScriptedTransport.Step]) -> ProfileFetcher {
        var o = FetchOptions()
        o.save = false
        return ProfileFetcher(transport: ScriptedTransport(steps), options: o, environment: [:])
    }

    static func reply(_ p: Profile) throws -> ScriptedTransport.Step {
        .reply(TransportReply(status: 200, body: try ProfileEncoder.encodeGzip(p)))
    }

    static func liveState() -> AppState {
        var s = TestProfile.state(profile: allocs(1))
        s.live = LiveState(url: url)
        return s
    }

    /// Posts the poller's event as the CLI bridges it.
    func feed(_ s: inout AppState, _ e: LiveEvent) { TestProfile.run(&s, s.handle(.live(LiveUpdate(e)))) }

    @Test func fetchesSwapInKeepingSelectionAndFailuresKeepTheView() async throws {
        let source = try LiveSource.parse(Self.url, seconds: nil, timeout: nil)
        let fetcher = Self.fetcher([try Self.reply(Self.allocs(1)), try Self.reply(Self.allocs(3)), .reply(TransportReply(status: 500, body: Array("boom\n".utf8)))])
        var s = Self.liveState()
        TestProfile.press(&s, [.down, .down])
        let selected = s.selectedTopName
        let fetched = try await fetcher.fetch(source)
        feed(&s, .fetched(fetched))
        #expect(s.live?.ring.count == 1)
        let total1 = s.aggregate?.total
        let fetched2 = try await fetcher.fetch(source)
        feed(&s, .fetched(fetched2))
        #expect(s.live?.ring.count == 2)
        #expect(s.aggregate?.total == (total1 ?? 0) * 3)
        #expect(s.selectedTopName == selected)
        // The 500 is a status message; the last good view stays.
        do {
            _ = try await fetcher.fetch(source)
            Issue.record("expected a failure")
        } catch {
            let message = (error as? PprofError)?.message ?? "\(error)"
            feed(&s, .failed(message, at: Date()))
            #expect(s.status.hasPrefix("fetch failed: ") && s.status.contains("boom"))
            #expect(s.aggregate?.total == (total1 ?? 0) * 3)
        }
    }

    @Test func stepDeltaAndCompare() async throws {
        let source = try LiveSource.parse(Self.url, seconds: nil, timeout: nil)
        let fetcher = Self.fetcher([try Self.reply(Self.allocs(1)), try Self.reply(Self.allocs(2)), try Self.reply(Self.allocs(5))])
        var s = Self.liveState()
        for _ in 0..<3 {
            let f = try await fetcher.fetch(source)
            feed(&s, .fetched(f))
        }
        let unit = s.aggregate?.total ?? 0
        #expect(unit > 0 && unit % 5 == 0)
        // Older snapshot: 2x.
        TestProfile.press(&s, [.char("<")])
        #expect(s.liveSummary == "snapshot 2/3")
        #expect(s.aggregate?.total == unit / 5 * 2)
        // Delta of snapshot 2 against 1: 2x - 1x.
        TestProfile.press(&s, [.char("d")])
        #expect(s.live?.mode == .delta)
        #expect(s.session.config.sampleIndex.isEmpty || s.session.config.sampleIndex.hasPrefix("alloc_"))
        #expect(s.aggregate?.total == unit / 5)
        // Compare: latest (5x) minus the one shown (2x).
        TestProfile.press(&s, [.char("c")])
        #expect(s.live?.mode == .compare)
        #expect(s.aggregate?.total == unit / 5 * 3)
        TestProfile.press(&s, [.char("c"), .char(">")])
        #expect(s.liveSummary == "snapshot 3/3")
        #expect(s.aggregate?.total == unit)
    }

    @Test func deltaNeedsACumulativeType() async throws {
        var s = TestProfile.state()
        s.live = LiveState(url: "http://127.0.0.1:6060/debug/pprof/profile")
        let source = try LiveSource.parse(s.live?.url ?? "", seconds: nil, timeout: nil)
        let fetched = try await Self.fetcher([try Self.reply(TestProfile.make())]).fetch(source)
        feed(&s, .fetched(fetched))
        TestProfile.press(&s, [.char("d")])
        #expect(s.live?.mode == .snapshot)
        #expect(s.status.contains("cumulative"))
    }

    @Test func keysAskThePollerAndStatusShowsProgress() throws {
        var s = Self.liveState()
        #expect(s.handle(.key(.char("R"))).contains { if case .live(.refreshNow) = $0 { true } else { false } })
        #expect(s.handle(.key(.char("p"))).contains { if case .live(.pause) = $0 { true } else { false } })
        #expect(s.handle(.key(.char("p"))).contains { if case .live(.resume) = $0 { true } else { false } })
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        _ = s.handle(.live(.progress(.fetching(since: t0, expectedSeconds: 10))))
        _ = s.handle(.tick(t0.addingTimeInterval(5)))
        #expect(s.liveStatus(now: s.now) == "live: fetching [████····] 5/10s")
        _ = s.handle(.live(.progress(.waiting(until: t0.addingTimeInterval(9)))))
        #expect(s.liveStatus(now: s.now).hasPrefix("live: next in 4s"))
        let g = Renderer.render(s)
        #expect(g.text().contains("next in 4s"))
        // Without live mode the keys only explain themselves.
        var plain = TestProfile.state()
        #expect(plain.handle(.key(.char("R"))).isEmpty && plain.status.contains("not in live mode"))
    }

    /// Absurd durations (a -seconds of 1e300, a data age past Int.max seconds, NaN) saturate
    /// in the status line instead of trapping in `Int(_:)`.
    @Test func absurdDurationsSaturate() {
        var s = Self.liveState()
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        _ = s.handle(.live(.progress(.fetching(since: t0, expectedSeconds: 1e300))))
        _ = s.handle(.tick(t0.addingTimeInterval(5)))
        #expect(s.liveStatus(now: s.now).hasPrefix("live: fetching [········] 5/\(Int.max)s"))
        _ = s.handle(.live(.progress(.waiting(until: Date(timeIntervalSince1970: 1e300)))))
        #expect(s.liveStatus(now: s.now).hasPrefix("live: next in \(Int.max)s"))
        #expect(AppState.age(1e300) == "\(Int.max / 3600)h\(Int.max / 60 % 60)m")
        #expect(AppState.age(.nan) == "0s")
        #expect(AppState.age(-.infinity) == "0s")
        #expect(GoConvert.clampedInt(.infinity) == Int.max && GoConvert.clampedInt(-1e300) == Int.min)
        #expect(GoConvert.clampedInt(Double(Int64.max)) == Int.max && GoConvert.clampedInt(-2.9) == -2)
    }

    /// The real poller over a scripted transport, its events posted to the inbox as the CLI
    /// wires it, drained into the state once the fetch has been posted (no polling, no sleeps).
    @Test(.timeLimit(.minutes(5)))
    func pollerEventsReachTheApp() async throws {
        let source = try LiveSource.parse(Self.url, seconds: nil, timeout: nil)
        let inbox = EventInbox()
        let posted = EventLog<LiveEvent>()
        let poller = LivePoller(
            source: source, fetcher: Self.fetcher([try Self.reply(Self.allocs(3))]), interval: nil, clock: ManualClock()
        ) {
            inbox.post(.live(LiveUpdate($0)))
            posted.append($0)
        }
        poller.start()
        defer { poller.stop() }
        await posted.wait { $0.contains { if case .fetched = $0 { true } else { false } } }
        var s = Self.liveState()
        for e in inbox.drainForTests() { TestProfile.run(&s, s.handle(e)) }
        #expect(s.live?.ring.count == 1)
        // The snapshot taken in is the one fetched (values scaled by 3, unlike the start's).
        #expect(s.live?.ring.latest?.profile.samples.values == Self.allocs(3).samples.values)
    }
}

@Suite struct LoadingTests {
    /// The app starts before the profile is decoded: a progress bar, then the view.
    @Test func progressBarThenView() {
        var s = AppState(session: Session(profile: Profile()), title: "big.pb.gz", width: 80, height: 24)
        s.loadPhase = ("Loading", 0)
        #expect(s.start().isEmpty)
        _ = s.handle(.loadProgress(phase: "Decoding", fraction: 0.5))
        let screen = Renderer.render(s).text()
        #expect(screen.contains("Decoding  [") && screen.contains("50%"))
        let fx = s.handle(.profileLoaded(TestProfile.make()))
        #expect(s.loadPhase == nil)
        TestProfile.run(&s, fx)
        #expect(s.aggregate?.nodes.first?.name == "crypto/sha256.block")
        var failed = AppState(session: Session(profile: Profile()), title: "x", width: 80, height: 24)
        failed.loadPhase = ("Loading", 0)
        _ = failed.handle(.loadFailed("bad gzip"))
        #expect(failed.status == "error: bad gzip" && failed.loadPhase == nil)
        #expect(Renderer.render(failed).text().contains("error: bad gzip"))
    }
}
