import Foundation
import PprofModel
import Testing

@testable import PprofReports

/// Inputs and outputs of pprof's ShortenFunctionName, produced by running Go 1.19's
/// regexes (internal/graph/graph.go) on each input.
private let shortenCases: [(String, String)] = [
    ("root", "root"), ("syscall.Syscall", "syscall.Syscall"), ("net/http.(*conn).serve", "http.(*conn).serve"),
    ("github.com/blahBlah/foo.Foo", "foo.Foo"), ("github.com/blah-blah/foo_bar.(*FooBar).Foo", "foo_bar.(*FooBar).Foo"),
    ("encoding/json.(*structEncoder).(encoding/json.encode)-fm", "json.(*structEncoder).(encoding/json.encode)-fm"),
    ("github.com/foo/bar/v4.(*Foo).Bar", "bar.(*Foo).Bar"), ("github.com/foo/bar/v4/baz.Foo.Bar", "baz.Foo.Bar"),
    ("github.com/foo/bar/v123.(*Foo).Bar", "bar.(*Foo).Bar"), ("github.com/foobar/v0.(*Foo).Bar", "v0.(*Foo).Bar"),
    ("github.com/foobar/v1.(*Foo).Bar", "v1.(*Foo).Bar"), ("example.org/v2xyz.Foo", "v2xyz.Foo"),
    ("java.util.concurrent.ThreadPoolExecutor$Worker.run", "ThreadPoolExecutor$Worker.run"),
    ("java.bar.foo.FooBar.run(java.lang.Runnable)", "FooBar.run"), ("(anonymous namespace)::Bar::Foo", "Bar::Foo"),
    ("(anonymous namespace)::foo", "foo"), ("cpp::namespace::Class::method()::$_100::operator()", "Class::method"),
    ("foo_bar::Foo::bar", "Foo::bar"), ("cpp::namespace::Class::method<float, long, int>()", "Class::method<float, long, int>"),
    ("foo", "foo"), ("com.google.perftools.gwp.benchmark.FloatBench.lambda$run$0", "FloatBench.lambda$run$0"),
    ("java.bar.foo.FooBar.run$0", "FooBar.run$0"), ("a/b.c\nd/e.f", "b.c"), ("x/\ny", "x/\ny"), ("a/b/\nc", "b/"),
    ("std::vector<int>::push_back", "std::vector<int>::push_back"), ("ns::_Zap::~_Zap<a>b>\nc>", "_Zap::~_Zap<a>b>"),
    ("a/v2/b\n", "b"), ("java.Foo.bar(", "Foo.bar"), ("Foo.<init>", "Foo.<init>"), ("a.B.c.D.e", "a.B.c.D.e"),
    ("ns::A::B::c", "B::c"), ("_::X::y", "X::y"), ("9a::B::c", "9a::B::c"), ("a/b/", "b/"), ("/x", "/x"),
]

/// A profile whose names are hostile to DOT, SVG and folded stacks.
func hostileProfile() -> Profile {
    var b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
    let m = b.function("main.main")
    let evil = b.function("<script>alert(\"x\")</script>")
    let nl = b.function("two\nlines\\and;semi\u{1b}[31m")
    let lm = b.location([(m, 0)])
    let le = b.location([(evil, 0)])
    let ln = b.location([(nl, 0)])
    b.sample([le, lm], [300], labels: [SampleLabel(key: "who", str: "a\"b"), SampleLabel(key: "bytes", num: 4096)])
    b.sample([ln, lm], [200], labels: [SampleLabel(key: "bytes", num: 64)])
    b.sample([lm], [100])
    return b.p
}

@Suite struct DotTests {
    @Test func shortensLikePprof() {
        for (input, want) in shortenCases {
            #expect(shortenFunctionName(input, compat: .go119) == want, "\(input.debugDescription)")
        }
    }

    /// Upstream #743: the Go pattern keeps only a suffix with a dot in it; the rest is Go 1.19's.
    @Test func shortensNonGoNamesLikeCurrentPprof() {
        let changed: [(String, String, String)] = [
            ("foo/xyz", "foo/xyz", "xyz"), ("libx.so/fn", "libx.so/fn", "fn"), ("a/b.c/d", "b.c/d", "d"),
            ("path/to/package1.object.function1", "package1.object.function1", "package1.object.function1"),
            ("a/b\nc.d", "b\nc.d", "b"), ("a/b.\nc", "a/b.\nc", "b."),
        ]
        for (input, current, old) in changed {
            #expect(shortenFunctionName(input) == current, "\(input.debugDescription)")
            #expect(shortenFunctionName(input, compat: .go119) == old, "\(input.debugDescription)")
        }
        for (input, want) in shortenCases where !input.contains("/") {
            #expect(shortenFunctionName(input) == want, "\(input.debugDescription)")
        }
    }

    /// Colours as recorded in the pprof goldens (a node at 100%, one at -57%, one at 0).
    @Test func dotColorMatchesPprof() {
        #expect(dotColor(1, background: false) == "#b20000")
        #expect(dotColor(1, background: true) == "#edd5d5")
        #expect(dotColor(-200.0 / 350.0, background: false) == "#1bb200")
        #expect(dotColor(-200.0 / 350.0, background: true) == "#d9edd5")
        #expect(dotColor(0, background: false) == "#b2b2b2")
    }

    @Test func escapesForDot() {
        #expect(escapeForDot("a\"b\\c\nd") == "a\\\"b\\\\c\\ld")
        #expect(escapeForDot("plain") == "plain")
    }

    @Test func multilineNameSplitsPackagesAndKeepsTypeParameters() {
        let info = NodeInfo(name: "example.com/pkg.(*T[...]).Method", file: "/a/b/file.go", lineno: 12)
        #expect(multilinePrintableName(info, compat: .go119) == "pkg\\n(*T[…])\\nMethod\\nfile.go:12\\n")
    }

    /// Hostile names stay inside their DOT strings: every line's quotes balance once
    /// escaped quotes are removed.
    @Test func hostileNamesStayQuoted() {
        let r = handReport(hostileProfile()) { $0.outputFormat = .dot }
        let dot = r.printDOT()
        #expect(dot.hasPrefix("digraph \"unnamed\" {\n"))
        for line in dot.split(separator: "\n", omittingEmptySubsequences: false) {
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "")
            #expect(unescaped.filter { $0 == "\"" }.count % 2 == 0, "unbalanced: \(line)")
        }
        #expect(dot.contains("<script>alert(\\\"x\\\")</script>"))
    }

    /// Tag nodelets: string labels on the node, `bytes` values below them, weights as pprof
    /// formats them.
    @Test func tagNodelets() {
        let r = handReport(hostileProfile()) {
            $0.outputFormat = .dot
            $0.numLabelUnits = ["bytes": "bytes"]
        }
        let dot = r.printDOT()
        #expect(dot.contains("[label = \"who:a\\\"b\""))
        #expect(dot.contains("[label = \"4kB\""))
        #expect(dot.contains("[label = \"64B\""))
        #expect(dot.contains("shape=box3d tooltip=\"300ns\""))
    }

    @Test func edgesCarryWeightsAndStyles() {
        var b = HandBuiltProfile(types: [("samples", "count")])
        let f = ["a", "b", "c", "d"].map { b.function("main." + $0) }
        let la = b.location([(f[0], 0)])
        // b inlined into a at one location: the edge a -> b is an inline edge.
        let lab = b.location([(f[1], 0), (f[0], 0)])
        let lc = b.location([(f[2], 0)])
        b.sample([lc, lab], [60])
        b.sample([lc, la], [40])
        let r = handReport(b.p) { $0.outputFormat = .dot }
        let dot = r.printDOT()
        #expect(dot.contains("(inline)"), "\(dot)")
        #expect(dot.contains("tooltip=\"main.a -> main.b (60)\""))
        // 60% of the total: weight 1+60, pen width 1+3.
        #expect(dot.contains("weight=61 penwidth=4"))
    }

    @Test func emptyGraphHasLegendOnly() {
        let b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
        let r = handReport(b.p) { $0.outputFormat = .dot }
        let dot = r.printDOT()
        #expect(dot.hasSuffix("] }\n}\n"))
        #expect(!dot.contains("N1 ["))
    }

    @Test func graphvizInputHasNoControlCharacters() {
        let s = dotForGraphviz("a\u{0}b\u{1b}c\nd\te")
        #expect(s == "a\u{2400}b\u{241B}c\nd\te")
    }
}

/// Graphviz's 16384-byte limit on a quoted string: longer strings are cut before dot sees them.
@Suite struct DotStringLimitTests {
    @Test func longStringsAreCutOnCharactersOutsideEscapes() {
        let long = String(repeating: "é", count: 9000) + "\\\"" + String(repeating: "x", count: 9000)
        let dot = "digraph { a [label=\"" + long + "\" tooltip=\"short\"] }\n"
        let out = shortenDotStrings(dot)
        let strings = out.split(separator: "\"", omittingEmptySubsequences: false)
        #expect(out.hasPrefix("digraph { a [label=\""))
        #expect(out.hasSuffix("…\" tooltip=\"short\"] }\n"))
        #expect(out.utf8.count < 16_100)
        #expect(strings.allSatisfy { $0.utf8.count < 16384 })
        // A cut right after a backslash would escape the closing quote.
        let slashes = "digraph { a [label=\"" + String(repeating: "\\\\", count: 9000) + "\"] }\n"
        let cut = shortenDotStrings(slashes)
        #expect(cut.hasSuffix("\\\\…\"] }\n"))
    }

    @Test func ordinaryDotIsUnchanged() {
        let r = handReport(hostileProfile()) { $0.outputFormat = .dot }
        let dot = r.printDOT()
        #expect(shortenDotStrings(dot) == dot)
    }
}
