import GoRegex
import PprofModel
import Testing

@Suite struct TransformPruneTests {
    /// Root A, then B, C, B, leaf D: leaf-first stack [3, 1, 2, 1, 0].
    private func abcbd() -> Profile {
        TX.profile(["A", "B", "C", "D"], samples: [TX.S(stack: [3, 1, 2, 1, 0], values: [1])])
    }

    @Test func pruneFromKeepsTheLowestMatchAsLeaf() throws {
        for (rx, want) in [("A", "A=1"), ("B", "A;B;C;B=1"), ("C", "A;B;C=1"), ("Z", "A;B;C;B;D=1")] {
            var p = abcbd()
            p.pruneFrom(try GoRegex("^" + rx + "$"))
            #expect(TX.render(p) == [want], "prune_from=\(rx)")
        }
    }

    @Test func pruneCutsBelowTheFirstMatchAfterAUserFrame() throws {
        var p = abcbd()
        p.prune(drop: try GoRegex("^B$"), keep: nil)
        #expect(TX.render(p) == ["A=1"])
        // A matching root is not a user frame, so nothing below it is pruned.
        var q = abcbd()
        q.prune(drop: try GoRegex("^A$"), keep: nil)
        #expect(TX.render(q) == ["A;B;C;B;D=1"])
        // keep exempts names that drop matched.
        var r = abcbd()
        r.prune(drop: try GoRegex("^[BC]$"), keep: try GoRegex("^B$"))
        #expect(TX.render(r) == ["A;B=1"])
    }

    @Test func prunePartiallyMatchingInlinedLocation() throws {
        // Location 1 = lines [C (inlined leaf), B]: dropping C keeps only B in it.
        var p = TX.profile(
            ["A", "B", "C", "D"], samples: [TX.S(stack: [3, 1, 0], values: [1])], inline: [1: [2, 1]])
        p.prune(drop: try GoRegex("^C$"), keep: nil)
        #expect(TX.render(p) == ["A;B=1"])
    }

    @Test func pruneFromTrimsInlinedCallees() throws {
        var p = TX.profile(["A", "B", "C"], samples: [TX.S(stack: [1, 0], values: [1])], inline: [1: [2, 1]])
        p.pruneFrom(try GoRegex("^B$"))
        #expect(p.locations[1].lines.map(\.function) == [1])
    }

    @Test func matchingUsesSimplifiedNames() throws {
        var p = TX.profile(
            ["main", "std::vector<int>::push_back(int const&)", "leaf"],
            samples: [TX.S(stack: [2, 1, 0], values: [1])])
        p.prune(drop: try GoRegex("^std::vector<int>::push_back$"), keep: nil)
        #expect(TX.render(p) == ["main=1"])
    }

    @Test func simplifiedNames() {
        let cases: [(String, String)] = [
            ("foo(int)", "foo"),
            (".ppcfunc", "ppcfunc"),
            ("..two", ".two"),
            ("(anonymous namespace)::f(int)", "(anonymous namespace)::f"),
            ("Foo::operator()(int)", "Foo::operator()"),
            ("main.main", "main.main"),
            ("main.(*T).M", "main."),
            ("", ""),
        ]
        for (input, want) in cases {
            #expect(Profile.simplifyFunctionName(input) == want, "\(input)")
        }
    }

    @Test func removeUninterestingAnchorsDropAndKeep() throws {
        var p = TX.profile(
            ["main", "malloc", "mallocgc", "runtime.x"],
            samples: [
                TX.S(stack: [1, 0], values: [1]), TX.S(stack: [2, 0], values: [2]), TX.S(stack: [3, 0], values: [4]),
            ])
        p.dropFrames = "malloc|runtime\\..*"
        p.keepFrames = "runtime\\.x"
        try p.removeUninteresting()
        #expect(TX.render(p) == ["main=1", "main;mallocgc=2", "main;runtime.x=4"])
        var q = p
        q.dropFrames = "("
        #expect(throws: PprofError.self) { try q.removeUninteresting() }
        // keep_frames alone does nothing.
        var r = TX.profile(["main", "malloc"], samples: [TX.S(stack: [1, 0], values: [1])])
        r.keepFrames = "main"
        try r.removeUninteresting()
        #expect(TX.render(r) == ["main;malloc=1"])
    }
}
