import Foundation
import PprofFormats
import PprofModel
import PprofReports
import PprofTUI
import Testing
import TestSupport

/// What a rebuild builds after its Top rows, in which order, and how the state waits for a
/// Flame build the runner started instead of asking for another.
@Suite struct ViewBuilderTests {
    static func kinds(_ events: [AppEvent]) -> [String] {
        events.map {
            switch $0 {
            case .viewReady: "view"
            case .flameReady: "flame"
            case .treeReady: "tree"
            case .topLabelsReady: "labels"
            case .viewFailed: "failed"
            default: "other"
            }
        }
    }

    /// The Top rows come first; then the Flame's frames, the rows' inline labels and the Tree's
    /// graph, the Tree first when its pane is on screen. Without a plan, no Flame (it waits for
    /// its pane).
    @Test func afterTheTopInThePlannedOrder() {
        let session = TestProfile.session()
        var events: [AppEvent] = []
        ViewBuilder.post(generation: 1, session: session, after: ViewBuilder.AfterTop(flameZoom: [])) { events.append($0) }
        #expect(Self.kinds(events) == ["view", "flame", "labels", "tree"])
        events = []
        ViewBuilder.post(generation: 1, session: session, after: ViewBuilder.AfterTop(flameZoom: [], treeFirst: true)) { events.append($0) }
        #expect(Self.kinds(events) == ["view", "tree", "flame", "labels"])
        events = []
        ViewBuilder.post(generation: 1, session: session) { events.append($0) }
        #expect(Self.kinds(events) == ["view", "labels", "tree"])
    }

    /// The first rows have no inline labels (no edge is walked for them); the labels that
    /// follow are `-top`'s, row by row, and the state puts them in.
    @Test func inlineLabelsFollowTheRows() throws {
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("profiles/crafted/inlined.pb.gz")))
        let session = Session(profile: try Profile.combine(sources: [try ProfileDecoder.decode(Array(data))]))
        var events: [AppEvent] = []
        ViewBuilder.post(generation: 1, session: session) { events.append($0) }
        guard case .viewReady(_, let first) = events[0], case .topLabelsReady(_, let labels) = events[1] else {
            Issue.record("want the view, then its labels: \(Self.kinds(events))")
            return
        }
        #expect(first.nodes.allSatisfy { $0.inlineLabel.isEmpty })
        let expected = try session.prepareReport(command: "top").textItems().items
        #expect(labels == expected.map(\.inlineLabel))
        #expect(labels.contains("(inline)"))
        var s = AppState(session: session, title: "t", width: 100, height: 30)
        let gen = s.generation
        _ = s.handle(.viewReady(generation: gen, first))
        _ = s.handle(.topLabelsReady(generation: gen + 1, labels))
        #expect(s.aggregate?.nodes.allSatisfy { $0.inlineLabel.isEmpty } == true, "another generation's labels")
        _ = s.handle(.topLabelsReady(generation: gen, labels))
        #expect(s.aggregate?.nodes.map(\.inlineLabel) == labels)
        #expect(Renderer.render(s).text().contains("(inline)"))
        // The whole view at once has them too.
        #expect(try ViewBuilder.build(session: session).nodes.map(\.inlineLabel) == labels)
    }

    /// Once a newer rebuild is asked for, what follows the Top is not built.
    @Test func replacedRebuildStopsAfterTheTop() {
        var events: [AppEvent] = []
        let replaced = Flag()
        ViewBuilder.post(generation: 1, session: TestProfile.session(), after: ViewBuilder.AfterTop(flameZoom: []), wanted: { !replaced.value }) {
            events.append($0)
            if case .viewReady = $0 { replaced.set() }
        }
        #expect(Self.kinds(events) == ["view"])
    }

    /// A rebuild replaced while its labels or Tree are being built gives them up midway
    /// (the graph walks stop) and posts neither.
    @Test func rebuildReplacedMidwayPostsNothingMore() {
        for allowed in [1, 2, 3] {
            var events: [AppEvent] = []
            let calls = FlameBuilderTests.Counter()
            ViewBuilder.post(generation: 1, session: TestProfile.session(), wanted: { calls.next() < allowed }) {
                events.append($0)
            }
            #expect(Self.kinds(events) == ["view"], "\(allowed)")
        }
        var events: [AppEvent] = []
        ViewBuilder.post(generation: 1, session: TestProfile.session(), wanted: { true }) { events.append($0) }
        #expect(Self.kinds(events) == ["view", "labels", "tree"])
    }

    /// The state plans a Flame build for its zoom root; while that build can still arrive,
    /// showing the Flame asks for none, and its frames make the pane current.
    @Test func flameShownWaitsForThePlannedBuild() {
        var s = TestProfile.state()
        TestProfile.press(&s, [.char("4")])
        #expect(s.flameCurrent)
        guard case .rebuild(let gen, let session)? = s.handle(.key(.char("t"))).first else {
            Issue.record("the sample type change did not rebuild")
            return
        }
        let after = s.planAfterTop(generation: gen)
        #expect(after.flameZoom == [])
        #expect(!after.treeFirst)
        var events: [AppEvent] = []
        ViewBuilder.post(generation: gen, session: session, after: after) { events.append($0) }
        #expect(Self.kinds(events) == ["view", "flame", "labels", "tree"])
        let fx = s.handle(events[0])
        #expect(!fx.contains { if case .buildFlame = $0 { true } else { false } })
        #expect(!s.flameCurrent)
        _ = s.handle(events[1])
        #expect(s.flameCurrent)
        #expect(s.aggregate.map { $0.frames.first?.cum == $0.total } == true)
        _ = s.handle(events[2])
        #expect(s.flameCurrent)
        _ = s.handle(events[3])
        #expect(s.aggregate?.treeReady == true)
        #expect(s.flameCurrent)
    }

    /// A planned build that a newer rebuild cancelled is not waited for: the Flame asks for
    /// its frames itself.
    @Test func cancelledPlanIsNotWaitedFor() {
        var s = TestProfile.state()
        TestProfile.press(&s, [.char("4")])
        guard case .rebuild(let gen, let session)? = s.handle(.key(.char("t"))).first else {
            Issue.record("the sample type change did not rebuild")
            return
        }
        _ = s.planAfterTop(generation: gen)
        var events: [AppEvent] = []
        ViewBuilder.post(generation: gen, session: session) { events.append($0) }
        _ = s.handle(events[0])
        #expect(!s.flameCurrent)
        // A newer rebuild (the first's Flame build given up); its options fail.
        _ = s.requestRebuild()
        let fx = s.handle(.viewFailed(generation: s.generation, message: "bad regex"))
        #expect(fx.contains { if case .buildFlame(let g, _, _) = $0 { g == gen } else { false } })
        // Asked for once.
        #expect(!s.handle(.key(.char("4"))).contains { if case .buildFlame = $0 { true } else { false } })
    }

    /// The frames built after the Top are those the Flame builds when shown, differential
    /// ones (a `-base` diff with its side profile) included.
    @Test(arguments: [false, true])
    func plannedFramesEqualShownOnes(diff: Bool) throws {
        let base = diff ? try DiffScreenTests.diffState() : TestProfile.state()
        var planned = base
        guard case .rebuild(let gen, _) = planned.requestRebuild() else {
            Issue.record("no rebuild")
            return
        }
        let after = planned.planAfterTop(generation: gen)
        ViewBuilder.post(generation: gen, session: planned.session, after: after) { _ = planned.handle($0) }
        #expect(planned.flameCurrent)
        #expect(TestProfile.press(&planned, [.char("4")]).allSatisfy { if case .buildFlame = $0 { false } else { true } })
        var shown = base
        TestProfile.press(&shown, [.char("4")])
        #expect(shown.flameCurrent)
        #expect(planned.aggregate?.diffFlame == diff)
        #expect(planned.aggregate?.frames == shown.aggregate?.frames)
        #expect(planned.aggregate?.frameNames == shown.aggregate?.frameNames)
        #expect(Renderer.render(planned).text() == Renderer.render(shown).text())
    }

    /// The Tree built in the background (one thread, low priority) is the Tree built at once.
    @Test func backgroundTreeEqualsTheTree() {
        var shown = TestProfile.state()
        TestProfile.press(&shown, [.char("3")])
        var planned = TestProfile.state()
        guard case .rebuild(let gen, _) = planned.requestRebuild() else {
            Issue.record("no rebuild")
            return
        }
        let after = planned.planAfterTop(generation: gen)
        #expect(after.treeInBackground)
        ViewBuilder.post(generation: gen, session: planned.session, after: after) { _ = planned.handle($0) }
        TestProfile.press(&planned, [.char("3")])
        #expect(planned.aggregate?.treeReady == true)
        #expect(!planned.treeRows().isEmpty)
        #expect(planned.treeRows() == shown.treeRows())
        #expect(Renderer.render(planned).text() == Renderer.render(shown).text())
    }

    /// On the Tree pane the plan builds the Tree first.
    @Test func treePaneBuildsTheTreeFirst() {
        var s = TestProfile.state()
        TestProfile.press(&s, [.char("3")])
        let after = s.planAfterTop(generation: s.generation + 1)
        #expect(after.treeFirst)
        #expect(!after.treeInBackground)
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var on = false
        func set() { lock.withLock { on = true } }
        var value: Bool { lock.withLock { on } }
    }
}
