import Foundation
import PprofModel
import TestSupport
import Testing

@testable import PprofLive

/// The fetcher above a scripted transport: message wording, bounds, decoding and saving.
struct ProfileFetcherTests {
    static let heapBytes: [UInt8] = {
        let url = LiveFixtureServer.repoRoot.appendingPathComponent("Fixtures/profiles/heap.pb.gz")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    static func source(_ path: String = "/debug/pprof/heap", seconds: Int? = nil) throws -> LiveSource {
        try LiveSource.parse("127.0.0.1:6060\(path)", seconds: seconds, timeout: nil)
    }

    static func fetcher(_ steps: [ScriptedTransport.Step], save: Bool = false) -> (ProfileFetcher, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        var options = FetchOptions()
        options.save = save
        return (ProfileFetcher(transport: transport, options: options, environment: [:]), transport)
    }

    static func message(_ steps: [ScriptedTransport.Step], path: String = "/debug/pprof/heap") async throws -> String {
        let (fetcher, _) = fetcher(steps)
        do {
            _ = try await fetcher.fetch(try source(path))
            return "no error"
        } catch let error as PprofError {
            return error.message
        }
    }

    @Test func requestCarriesPprofsDeadlines() async throws {
        let (fetcher, transport) = Self.fetcher([.reply(TransportReply(status: 200, body: Self.heapBytes))])
        _ = try await fetcher.fetch(try Self.source("", seconds: 10))
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:6060/debug/pprof/profile?seconds=10")
        #expect(request.headerTimeout == 15 + 5)  // 1.5 x 10 s, plus pprof's 5 s header grace
        #expect(request.totalTimeout == 20 + 60)
        #expect(request.maxBodyBytes == 512 << 20)
        #expect(request.maxRedirects == 10)
    }

    @Test func decodesAValidBody() async throws {
        #expect(!Self.heapBytes.isEmpty)
        let (fetcher, _) = Self.fetcher([.reply(TransportReply(status: 200, body: Self.heapBytes))])
        let fetched = try await fetcher.fetch(try Self.source())
        #expect(fetched.profile.sampleTypes.map(\.type) == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(fetched.savedPath == nil)
        #expect(fetched.byteCount == Self.heapBytes.count)
    }

    @Test func statusErrorsShowTheFirstBodyLine() async throws {
        let notFound = TransportReply(
            status: 404, headers: ["content-type": "text/plain; charset=utf-8", "x-go-pprof": "1"],
            body: Array("Unknown profile\n".utf8))
        #expect(
            try await Self.message([.reply(notFound)], path: "/debug/pprof/nosuch")
                == "http://127.0.0.1:6060/debug/pprof/nosuch: server response: 404 Not Found - Unknown profile")
        let failure = TransportReply(status: 500, body: Array("\n  boom: disk full  \nstack trace\n".utf8))
        #expect(
            try await Self.message([.reply(failure)])
                == "http://127.0.0.1:6060/debug/pprof/heap: server response: 500 Internal Server Error - boom: disk full")
        let binary = TransportReply(status: 503, body: [0x1f, 0x8b, 0x00, 0xff])
        #expect(
            try await Self.message([.reply(binary)])
                == "http://127.0.0.1:6060/debug/pprof/heap: server response: 503 Service Unavailable")
    }

    @Test func textAndHTMLAreNamedNotDecoded() async throws {
        let html = TransportReply(
            status: 200, headers: ["content-type": "text/html; charset=utf-8"],
            body: Array("<!DOCTYPE html>\n<html>login</html>".utf8))
        #expect(
            try await Self.message([.reply(html)])
                == "http://127.0.0.1:6060/debug/pprof/heap: not a profile: server sent text/html; charset=utf-8: \"<!DOCTYPE html>\"")
        let text = TransportReply(status: 200, body: Array("heap profile: 1: 2 [3: 4] @ heap/1048576\n".utf8))
        #expect(
            try await Self.message([.reply(text)])
                == "http://127.0.0.1:6060/debug/pprof/heap: not a profile: server sent text: \"heap profile: 1: 2 [3: 4] @ heap/1048576\"")
        #expect(
            try await Self.message([.reply(TransportReply(status: 200))])
                == "http://127.0.0.1:6060/debug/pprof/heap: empty response body (not a profile)")
    }

    @Test func decodeFailuresNameTheURL() async throws {
        let truncated = TransportReply(status: 200, body: Array(Self.heapBytes.prefix(Self.heapBytes.count / 2)))
        #expect(
            try await Self.message([.reply(truncated)])
                == "http://127.0.0.1:6060/debug/pprof/heap: decompressing profile: unexpected EOF")
    }

    static let failures: [(TransportFailure, String)] = [
        (.connectionRefused, "dial tcp 127.0.0.1:6060: connect: connection refused"),
        (.hostNotFound("nohost.invalid"), "dial tcp: lookup nohost.invalid: no such host"),
        (.timedOut(6.5), "timeout awaiting response headers (after 6.5s)"),
        (.timedOut(65), "timeout awaiting response headers (after 65s)"),
        (.bodyTimedOut(66), "timeout reading the response body (after 66s in all)"),
        (.bodyTooLarge(limit: 1 << 20), "response body exceeds the limit of 1 MiB"),
        (.bodyTooLarge(limit: 1000), "response body exceeds the limit of 1000 bytes"),
        (.tooManyRedirects(10), "stopped after 10 redirects"),
        (.connectionLost, "connection closed by the server without a complete response"),
    ]

    @Test func transportFailuresReadLikeGo() async throws {
        for (failure, cause) in Self.failures {
            let url = "http://127.0.0.1:6060/debug/pprof/heap"
            #expect(try await Self.message([.fail(failure)]) == "\(url): Get \"\(url)\": \(cause)")
        }
    }

    @Test func urlErrorCodesAreClassified() {
        let request = TransportRequest(url: "http://x.invalid/", headerTimeout: 3, totalTimeout: 9, maxBodyBytes: 5)
        let cases: [(URLError.Code, TransportFailure)] = [
            (.cannotConnectToHost, .connectionRefused),
            (.cannotFindHost, .hostNotFound("x.invalid")),
            (.dnsLookupFailed, .hostNotFound("x.invalid")),
            (.timedOut, .timedOut(3)),
            (.httpTooManyRedirects, .tooManyRedirects(10)),
            (.networkConnectionLost, .connectionLost),
        ]
        for (code, want) in cases {
            #expect(TransportFailure(urlErrorCode: code, host: "x.invalid", request: request) == want)
        }
    }

    @Test func savesAsPprofNamesItsFiles() async throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("pprof-live-save-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transport = ScriptedTransport([.reply(TransportReply(status: 200, body: Self.heapBytes))])
        var options = FetchOptions()
        options.save = true
        let fetcher = ProfileFetcher(transport: transport, options: options, environment: ["PPROF_TMPDIR": dir, "HOME": "/nonexistent"])
        let first = try await fetcher.fetch(try Self.source())
        let second = try await fetcher.fetch(try Self.source())
        let exe = try #require(first.profile.mappings.first.map { ($0.file as NSString).lastPathComponent })
        let prefix = "\(dir)/pprof.\(exe).alloc_objects.alloc_space.inuse_objects.inuse_space."
        #expect(first.savedPath == prefix + "001.pb.gz")
        #expect(second.savedPath == prefix + "002.pb.gz")
        let saved = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try #require(first.savedPath))))
        #expect(saved == Self.heapBytes)
    }

    @Test func saveDirectoryFollowsPprofsOrder() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-live-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try ProfileSaver.directory(override: nil, environment: ["HOME": home]) == home + "/pprof")
        #expect(try ProfileSaver.directory(override: nil, environment: ["HOME": home, "PPROF_TMPDIR": home + "/t"]) == home + "/t")
        // An unusable PPROF_TMPDIR falls through to $HOME/pprof, as in pprof.
        #expect(try ProfileSaver.directory(override: nil, environment: ["HOME": home, "PPROF_TMPDIR": "/proc/no/such"]) == home + "/pprof")
    }

    @Test func nameWithoutMappingFileHasNoExecutablePart() {
        var profile = Profile()
        profile.sampleTypes = [ValueType(type: "samples", unit: "count"), ValueType(type: "cpu", unit: "nanoseconds")]
        #expect(ProfileSaver.prefix(for: profile) == "pprof.samples.cpu.")
        profile.mappings = [Mapping(id: 1)]
        profile.mappings[0].file = "/usr/local/bin/server"
        #expect(ProfileSaver.prefix(for: profile) == "pprof.server.samples.cpu.")
    }

    /// Batch mode's synchronous wrapper, called from a plain thread as the CLI does.
    @Test(.timeLimit(.minutes(5)))
    func blockingWrapperReturnsTheProfileAndTheError() async throws {
        let (fetcher, _) = Self.fetcher([.reply(TransportReply(status: 200, body: Self.heapBytes)), .fail(.connectionRefused)])
        let source = try Self.source()
        struct Outcome: Sendable {
            var types: [String]
            var error: String
        }
        let done = EventLog<Outcome>()
        let thread = Thread {
            let types = (try? fetcher.fetchBlocking(source))?.profile.sampleTypes.map(\.type) ?? []
            var message = ""
            do { _ = try fetcher.fetchBlocking(source) } catch { message = "\(error)" }
            done.append(Outcome(types: types, error: message))
        }
        thread.start()
        await done.wait { !$0.isEmpty }
        let outcome = try #require(done.all.first)
        #expect(outcome.types.count == 4)
        #expect(outcome.error.hasSuffix("connect: connection refused"))
    }
}
