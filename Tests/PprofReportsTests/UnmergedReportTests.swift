import Foundation
import PprofFormats
import PprofModel
import PprofReports
import TestSupport
import Testing

/// The skipped merge (`Profile.unmerged`) is invisible to every report that claims
/// `OutputFormat.showsOnlySums`: over every fixture profile whose merge can be skipped, each
/// such report prints the same bytes from the lone profile as from its merge, under options
/// that change the graph's keys, order and trimming.
@Suite struct UnmergedReportTests {
    static func fixtureFiles() -> [String] {
        let dirs = ["profiles", "profiles/crafted", "upstream/profiles", "upstream/profiles/source", "upstream/changes", "legacy"]
        var out: [String] = []
        for d in dirs {
            let dir = TestPaths.fixture(d)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for n in names.sorted() where [".pb.gz", ".pb", ".prof", ".txt"].contains(where: n.hasSuffix) {
                out.append(dir + "/" + n)
            }
        }
        return out
    }

    /// Every report that prints through the pipeline without binaries or Graphviz.
    static let reports: [(String, String?)] = [
        ("top", nil), ("tree", nil), ("peek", "."), ("tags", nil), ("comments", nil), ("list", "."), ("dot", nil),
        ("collapsed", nil), ("flame_svg", nil), ("callgrind", nil), ("topproto", nil),
    ]

    static let options: [[(String, String)]] = [
        [], [("granularity", "addresses")], [("granularity", "lines")], [("granularity", "files")],
        [("sort", "cum"), ("nodecount", "3")], [("mean", "true")], [("nodefraction", "0.2"), ("edgefraction", "0.2")],
        [("call_tree", "true")], [("show_from", "main")], [("noinlines", "true")],
    ]

    static let environment = ReportEnvironment()

    static func render(_ p: Profile, _ command: String, _ symbol: String?, _ config: Config) -> String {
        do {
            let prepared = try Pipeline.prepare(profile: p, command: command, symbol: symbol, config: config)
            let r = try prepared.report.render(command: command, environment: environment)
            return r.text + "\u{0}" + r.bytes.map { String($0) }.joined(separator: ",")
        } catch {
            return "error: \(error)"
        }
    }

    @Test func theFixturesIncludeProfilesWhoseMergeIsSkipped() throws {
        let skipped = try Self.fixtureFiles().filter { try Self.load($0)?.unmerged ?? false }
        #expect(skipped.count >= 20, "\(skipped.count) fixtures skip the merge")
    }

    static func load(_ path: String) throws -> Profile? {
        guard let data = FileManager.default.contents(atPath: path),
            let decoded = try? ProfileDecoder.decode(Array(data))
        else { return nil }
        return try Profile.combine(sources: [decoded], sumsOnly: true)
    }

    /// What a lone profile's merge folds, all at once: equal samples (same stack and labels),
    /// equal locations (same mapping, address and lines) and functions under different ids,
    /// ids not in order of first use, and labels stored out of key order.
    static func foldable() -> Profile {
        var p = Profile()
        p.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        p.periodType = ValueType(type: "cpu", unit: "nanoseconds")
        p.period = 10
        var m = Mapping(id: 1)
        m.file = "/bin/app"
        m.start = 0x1000
        m.limit = 0x9000
        m.hasFunctions = true
        p.mappings = [m]
        let names = ["main.main", "main.work", "main.leaf", "main.work"]
        p.functions = names.enumerated().map { i, n in Function(id: UInt64(9 - i), name: n, systemName: n, filename: "main.go", startLine: 3) }
        // Locations 3 and 1 are the same frame (main.work at 0x1200), under functions 3 and 1.
        let frames: [(UInt64, Int32, Int64)] = [(0x1100, 0, 10), (0x1200, 1, 20), (0x1300, 2, 30), (0x1200, 3, 20)]
        p.locations = frames.enumerated().map { i, f in
            var l = Location(id: UInt64(40 - i))
            l.mapping = 0
            l.address = f.0
            l.lines = [Line(function: f.1, line: f.2)]
            return l
        }
        var t = SampleTable(valueCount: 2)
        let phase = SampleLabel(key: "phase", str: "run")
        let worker = SampleLabel(key: "worker", str: "a")
        t.append(stack: [2, 1, 0], values: [1, 10], labels: [worker, phase])
        t.append(stack: [2, 3, 0], values: [2, 20], labels: [phase, worker])
        t.append(stack: [2, 1, 0], values: [4, 40], labels: [worker, phase])
        t.append(stack: [1, 0], values: [8, 80], labels: [SampleLabel]())
        t.append(stack: [3, 0], values: [16, 160], labels: [SampleLabel(key: "bytes", num: 64, unit: "bytes")])
        t.append(stack: [1, 0], values: [32, 320], labels: [SampleLabel]())
        p.samples = t
        return p
    }

    /// The crafted profile is one whose merge is both skipped and visible to the reports
    /// that list samples or ids, so the comparison below could fail.
    @Test func theCraftedProfileSkipsAMergeThatTracesAndRawWouldShow() throws {
        let lone = try Profile.combine(sources: [Self.foldable()], sumsOnly: true)
        let merged = try Profile.combine(sources: [Self.foldable()])
        #expect(lone.unmerged)
        #expect(lone.samples.count == 6 && merged.samples.count < 6)
        for command in ["traces", "raw"] {
            #expect(Self.render(lone, command, nil, Config()) != Self.render(merged, command, nil, Config()), "\(command)")
        }
        try Self.compareReports(lone: lone, merged: merged, "crafted")
    }

    @Test(arguments: fixtureFiles())
    func reportsOfSumsAreTheMergedProfiles(_ path: String) throws {
        guard let lone = try Self.load(path), lone.unmerged else { return }
        let decoded = try ProfileDecoder.decode(Array(try #require(FileManager.default.contents(atPath: path))))
        try Self.compareReports(lone: lone, merged: try Profile.combine(sources: [decoded]), path)
    }

    static func compareReports(lone: Profile, merged: Profile, _ path: String) throws {
        #expect(!merged.unmerged)
        for (command, symbol) in reports {
            #expect(try #require(CommandTable.command(named: command)?.format).showsOnlySums, "\(command)")
            for settings in options {
                var config = Config()
                for (name, value) in settings { try config.set(name, value) }
                for index in merged.sampleTypes.indices.prefix(3) {
                    config.sampleIndex = merged.sampleTypes[index].type
                    let a = render(lone, command, symbol, config)
                    let b = render(merged, command, symbol, config)
                    #expect(a == b, "\(path): \(command) \(settings) sample_index=\(index)")
                }
            }
        }
    }

    /// What the skip may change: a report that lists samples or ids is not among them.
    @Test func samplesAndIdsAreNotReportsOfSums() throws {
        for name in ["traces", "raw", "proto"] {
            #expect(try #require(CommandTable.command(named: name)?.format).showsOnlySums == false, "\(name)")
        }
    }
}

/// The shell's and the explorer's load skips the merge; `Session.fullLoad` redoes the load
/// with it, once, for the first report that shows samples or ids.
@Suite struct SessionFullLoadTests {
    final class Count: @unchecked Sendable {
        let lock = NSLock()
        var value = 0
        func bump() {
            lock.lock()
            value += 1
            lock.unlock()
        }
    }

    @Test func reportsOfSamplesRunOnTheFullLoadOnce() throws {
        let lone = try Profile.combine(sources: [UnmergedReportTests.foldable()], sumsOnly: true)
        let merged = try Profile.combine(sources: [UnmergedReportTests.foldable()])
        let calls = Count()
        var session = Session(profile: lone)
        session.fullLoad = {
            calls.bump()
            return try Profile.combine(sources: [UnmergedReportTests.foldable()])
        }
        var reference = Session(profile: merged)
        #expect(session.execute("top") == reference.execute("top"))
        #expect(session.execute("peek main") == reference.execute("peek main"))
        #expect(calls.value == 0 && session.profile.unmerged)
        let traces = session.execute("traces")
        #expect(traces == reference.execute("traces"))
        #expect(calls.value == 1 && !session.profile.unmerged && session.fullLoad == nil)
        #expect(session.execute("raw") == reference.execute("raw"))
        #expect(calls.value == 1)
    }

    /// A session given an unmerged profile and no load to redo merges what it has.
    @Test func withoutAFullLoadTheProfileIsMergedInPlace() throws {
        var session = Session(profile: try Profile.combine(sources: [UnmergedReportTests.foldable()], sumsOnly: true))
        var reference = Session(profile: try Profile.combine(sources: [UnmergedReportTests.foldable()]))
        #expect(session.execute("traces") == reference.execute("traces"))
        #expect(!session.profile.unmerged)
    }
}

/// `textItems(inlineLabels: false)` (the explorer's first Top rows) is `-top`'s rows with
/// the labels left out: same names, values, formats, order and header lines.
@Suite struct TextItemsWithoutLabelsTests {
    @Test(arguments: UnmergedReportTests.fixtureFiles())
    func rowsAreTopsWithoutTheLabels(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let decoded = try? ProfileDecoder.decode(Array(data)) else { return }
        let p = try Profile.combine(sources: [decoded])
        for settings in UnmergedReportTests.options + [[("nodecount", "5")], [("nodefraction", "0")]] {
            var config = Config()
            for (name, value) in settings { try config.set(name, value) }
            guard let report = try? Pipeline.prepare(profile: p, command: "top", symbol: nil, config: config).report else { continue }
            let full = report.textItems()
            let bare = report.textItems(inlineLabels: false)
            #expect(bare.labels == full.labels, "\(path) \(settings)")
            #expect(bare.items.allSatisfy { $0.inlineLabel.isEmpty })
            var unlabelled = full.items
            for i in unlabelled.indices { unlabelled[i].inlineLabel = "" }
            #expect(bare.items == unlabelled, "\(path) \(settings)")
        }
    }
}
