import Foundation
import PprofModel
import TestSupport
import Testing

@testable import PprofCLI

/// What the explorer gets for seeing change (issue #15): the status line's sources, the side
/// profile of a `-base` diff and the per-profile series.
@Suite struct ChangeLoadTests {
    static let io = DriverIO(writeOut: { _ in }, writeErr: { _ in }, stdinIsTerminal: true, stdoutIsTerminal: true)

    func inv(_ args: [String]) throws -> Invocation {
        try #require(try Driver.parseInvocation(args, io: Self.io))
    }

    @Test func titleNamesEverySource() throws {
        #expect(ProfileLoader.title(try inv(["Fixtures/profiles/cpu.pb.gz"])) == "cpu.pb.gz")
        #expect(ProfileLoader.title(try inv(["-base", "dir/base.pb.gz", "dir/new.pb.gz"])) == "new.pb.gz − base.pb.gz")
        #expect(
            ProfileLoader.title(try inv(["-diff_base=b.pb.gz", "-normalize", "n.pb.gz"])) == "n.pb.gz − b.pb.gz (diff_base) (normalized)")
        #expect(ProfileLoader.title(try inv(["a.pb.gz", "b.pb.gz", "c.pb.gz"])) == "3 profiles merged")
    }

    @Test func explorerLoadKeepsSidesAndSeries() throws {
        let root = TestPaths.root.path
        let diff = try inv(["-base", root + "/Fixtures/profiles/crafted/base.pb.gz", root + "/Fixtures/profiles/crafted/new.pb.gz"])
        let d = try ProfileLoader(io: Self.io).load(diff, wantSides: true)
        let sides = try #require(d.sides)
        // The sides keep the base apart (negative, labelled); the merged profile is pprof's.
        #expect(sides.samples.diffBaseMaskCount > 0)
        #expect(try ProfileLoader(io: Self.io).load(diff).sides == nil, "batch reports load no sides")
        let leaks = (1...3).map { root + "/Fixtures/profiles/leak-\($0).pb.gz" }
        let many = try ProfileLoader(io: Self.io).load(try inv(leaks), wantSides: true)
        #expect(many.series.map(\.name) == ["leak-1.pb.gz", "leak-2.pb.gz", "leak-3.pb.gz"])
        #expect(many.series.map(\.profile.timeNanos) == many.series.map(\.profile.timeNanos).sorted())
        #expect(try ProfileLoader(io: Self.io).load(try inv([leaks[0]]), wantSides: true).series.isEmpty, "one profile: no series")
    }
}

extension SampleTable {
    var diffBaseMaskCount: Int { (0..<count).filter { labels($0).contains { $0.key == "pprof::base" } }.count }
}
