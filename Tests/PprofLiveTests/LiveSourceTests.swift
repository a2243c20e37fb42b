import PprofModel
import Testing

@testable import PprofLive

/// Expected values were produced by Go 1.19's cmd/pprof `adjustURL` on the same inputs.
struct LiveSourceTests {
    struct Case: Sendable, CustomStringConvertible {
        var arg: String
        var seconds: Int?
        var timeout: Int?
        var url: String
        var wantTimeout: Double
        var description: String { arg }
    }

    static let cases: [Case] = [
        Case(arg: "http://127.0.0.1:6060/debug/pprof/heap", url: "http://127.0.0.1:6060/debug/pprof/heap", wantTimeout: 60),
        Case(arg: "127.0.0.1:6060", url: "http://127.0.0.1:6060/debug/pprof/profile", wantTimeout: 60),
        Case(arg: "localhost:6060", seconds: 10, url: "http://localhost:6060/debug/pprof/profile?seconds=10", wantTimeout: 15),
        Case(arg: "http://localhost:6060/", seconds: 5, timeout: 3, url: "http://localhost:6060/debug/pprof/profile?seconds=5", wantTimeout: 3),
        Case(
            arg: "localhost:6060/debug/pprof/heap?gc=1&debug=0", seconds: 30,
            url: "http://localhost:6060/debug/pprof/heap?debug=0&gc=1&seconds=30", wantTimeout: 45),
        Case(arg: "http://h:1/debug/pprof/profile?seconds=7", url: "http://h:1/debug/pprof/profile?seconds=7", wantTimeout: 10.5),
        Case(arg: "http://h:1/debug/pprof/profile?seconds=abc", url: "http://h:1/debug/pprof/profile?seconds=abc", wantTimeout: 60),
        Case(arg: "http://h:1/x?b=2&a=1&a=0&sp=a%20b+c", url: "http://h:1/x?a=1&a=0&b=2&sp=a+b+c", wantTimeout: 60),
        Case(arg: "https://example.test", seconds: 1, timeout: 0, url: "https://example.test/debug/pprof/profile?seconds=1", wantTimeout: 1.5),
        Case(arg: "http://[::1]:6060/debug/pprof/allocs", url: "http://[::1]:6060/debug/pprof/allocs", wantTimeout: 60),
        Case(arg: "http://u:p@h:80/debug/pprof/heap#frag", url: "http://u:p@h:80/debug/pprof/heap#frag", wantTimeout: 60),
        Case(arg: "http://h:1/debug/pprof/profile?seconds=3", seconds: 0, url: "http://h:1/debug/pprof/profile?seconds=3", wantTimeout: 4.5),
    ]

    @Test(arguments: cases)
    func resolvesAsPprofDoes(_ c: Case) throws {
        let source = try LiveSource.parse(c.arg, seconds: c.seconds, timeout: c.timeout)
        #expect(source.url == c.url)
        #expect(source.timeout == c.wantTimeout)
    }

    static let notURLs: [String] = ["localhost", "/tmp/profile.pb.gz", "profile.pb.gz", "file:///tmp/x", "host:port/x", ""]

    @Test(arguments: notURLs)
    func refusesWhatPprofOpensAsAFile(_ arg: String) {
        #expect(!LiveSource.isURL(arg))
        #expect(throws: PprofError.self) { try LiveSource.parse(arg, seconds: nil, timeout: nil) }
    }

    @Test func durationComesFromFlagOrURL() throws {
        #expect(try LiveSource.parse("h:1", seconds: 4, timeout: nil).duration == 4)
        #expect(try LiveSource.parse("h:1/debug/pprof/profile?seconds=9", seconds: nil, timeout: nil).duration == 9)
        #expect(try LiveSource.parse("h:1/debug/pprof/heap", seconds: nil, timeout: nil).duration == nil)
        #expect(try LiveSource.parse("h:1/debug/pprof/heap", seconds: -1, timeout: -1).timeout == 60)
    }

    @Test func namesTheEndpoint() throws {
        let names: [(String, LiveEndpoint)] = [
            ("h:1", .profile), ("h:1/debug/pprof/heap", .heap), ("h:1/debug/pprof/allocs", .allocs),
            ("h:1/debug/pprof/goroutine", .goroutine), ("h:1/debug/pprof/block", .block),
            ("h:1/debug/pprof/mutex", .mutex), ("h:1/debug/pprof/threadcreate", .threadcreate),
            ("h:1/debug/pprof/trace", .other("trace")),
        ]
        for (arg, endpoint) in names {
            #expect(try LiveSource.parse(arg, seconds: nil, timeout: nil).endpoint == endpoint)
        }
        #expect(LiveEndpoint.allocs.isCumulative && LiveEndpoint.mutex.isCumulative)
        #expect(!LiveEndpoint.profile.isCumulative && !LiveEndpoint.goroutine.isCumulative)
    }

    @Test func unsupportedSchemeIsAClearError() {
        #expect(throws: PprofError("ftp://h:1/x: unsupported URL scheme \"ftp\" (only http and https)")) {
            try LiveSource.parse("ftp://h:1/x", seconds: nil, timeout: nil)
        }
    }

    @Test func parsesGoDurations() throws {
        #expect(try GoDuration.parse("10s") == 10)
        #expect(try GoDuration.parse("1m30s") == 90)
        #expect(try GoDuration.parse("500ms") == 0.5)
        #expect(try GoDuration.parse("1.5h") == 5400)
        #expect(try GoDuration.parse("0") == 0)
        #expect(try GoDuration.parse("1h2m3s") == 3723)
        #expect(try GoDuration.parse(".5s") == 0.5)
        #expect(try GoDuration.parse("-2s") == -2)
        #expect(try GoDuration.parse("1500us") == 0.0015)
        #expect(throws: PprofError("time: invalid duration \"1.2.3s\"")) { try GoDuration.parse("1.2.3s") }
        #expect(throws: PprofError("time: invalid duration \"s\"")) { try GoDuration.parse("s") }
        #expect(throws: PprofError("time: missing unit in duration \"10\"")) { try GoDuration.parse("10") }
        #expect(throws: PprofError("time: unknown unit \"x\" in duration \"3x\"")) { try GoDuration.parse("3x") }
        #expect(throws: PprofError("time: invalid duration \"\"")) { try GoDuration.parse("") }
    }
}
