import Foundation
import PprofModel
import TestSupport
import Testing

@testable import PprofLive

/// Every fault against the real URLSession transport and the Go fault server on 127.0.0.1:
/// each ends with its one-line message, which names the deadline or limit that ended it. Time is
/// only checked from below (a deadline is not cut short): these run beside CPU-heavy suites in
/// one process, which can make them slower but never faster; the time limit catches a hang.
@Suite(
    .enabled(if: LiveFixtureServer.goAvailable, "go is not installed: live fault tests need Fixtures/live/faults"),
    .timeLimit(.minutes(5)))
struct FaultTests {
    /// Small bounds so the slow faults finish quickly: 1 s timeout, 0.5 s header grace, 1 s body allowance.
    static func fetcher(maxBody: Int = 1 << 20) -> ProfileFetcher {
        var options = FetchOptions()
        options.save = false
        options.headerGrace = 0.5
        options.bodyAllowance = 1
        options.maxBodyBytes = maxBody
        return ProfileFetcher(transport: URLSessionTransport(), options: options, environment: [:])
    }

    /// Fetches `path` from the fault server; returns the error message and the seconds it took.
    static func failure(_ path: String, maxBody: Int = 1 << 20) async throws -> (url: String, message: String, seconds: Double) {
        let server = try LiveFixtureServer.faults.get()
        let source = try LiveSource.parse(server.url(path), seconds: nil, timeout: 1)
        let start = Date()
        do {
            _ = try await fetcher(maxBody: maxBody).fetch(source)
            return (source.url, "no error", Date().timeIntervalSince(start))
        } catch let error as PprofError {
            return (source.url, error.message, Date().timeIntervalSince(start))
        }
    }

    @Test func theServerServesAValidProfile() async throws {
        let server = try LiveFixtureServer.faults.get()
        let source = try LiveSource.parse(server.url("/debug/pprof/heap"), seconds: nil, timeout: 5)
        let fetched = try await Self.fetcher().fetch(source)
        #expect(fetched.profile.sampleTypes.map(\.type).contains("inuse_space"))
    }

    @Test func connectionRefused() async throws {
        // Port 1 on loopback: nothing listens there on a test machine.
        let source = try LiveSource.parse("127.0.0.1:1/debug/pprof/heap", seconds: nil, timeout: 1)
        await #expect(
            throws: PprofError(
                "http://127.0.0.1:1/debug/pprof/heap: Get \"http://127.0.0.1:1/debug/pprof/heap\": dial tcp 127.0.0.1:1: connect: connection refused")
        ) {
            _ = try await Self.fetcher().fetch(source)
        }
    }

    @Test func notFoundShowsTheBody() async throws {
        let r = try await Self.failure("/notfound")
        #expect(r.message == "\(r.url): server response: 404 Not Found - Unknown profile: nosuch")
    }

    @Test func serverErrorShowsTheFirstLine() async throws {
        let r = try await Self.failure("/error")
        #expect(r.message == "\(r.url): server response: 500 Internal Server Error - internal failure: profiler exploded")
    }

    @Test func silentServerTimesOut() async throws {
        let r = try await Self.failure("/hang")
        // Deadline: 1 s timeout + 0.5 s grace for the headers.
        #expect(r.message == "\(r.url): Get \"\(r.url)\": timeout awaiting response headers (after 1.5s)")
        #expect(r.seconds >= 1.4, "took \(r.seconds) s: ended before its deadline")
    }

    @Test func stalledBodyHitsTheTotalDeadline() async throws {
        let r = try await Self.failure("/stall")
        // Headers arrive at once; the body stalls until the total deadline (1.5 s + 1 s allowance).
        // Headers normally arrive at once; on a starved machine the header deadline may win.
        let body = "\(r.url): Get \"\(r.url)\": timeout reading the response body (after 2.5s in all)"
        let headers = "\(r.url): Get \"\(r.url)\": timeout awaiting response headers (after 1.5s)"
        #expect(r.message == body || r.message == headers)
        #expect(r.seconds >= 1.4, "took \(r.seconds) s: ended before its deadline")
    }

    @Test func htmlIsNotAProfile() async throws {
        let r = try await Self.failure("/html")
        #expect(r.message == "\(r.url): not a profile: server sent text/html; charset=utf-8: \"<!DOCTYPE html>\"")
    }

    @Test func textIsNotAProfile() async throws {
        let r = try await Self.failure("/text")
        #expect(r.message == "\(r.url): not a profile: server sent text/plain; charset=utf-8: \"goroutine profile: total 3\"")
    }

    @Test func truncatedGzip() async throws {
        let r = try await Self.failure("/truncated")
        #expect(r.message == "\(r.url): decompressing profile: unexpected EOF")
    }

    @Test func binaryGarbage() async throws {
        let r = try await Self.failure("/garbage")
        #expect(r.message.hasPrefix("\(r.url): parsing profile: unrecognized profile format"))
    }

    @Test func streamedBodyOverTheLimit() async throws {
        let r = try await Self.failure("/huge", maxBody: 1 << 20)
        #expect(r.message == "\(r.url): Get \"\(r.url)\": response body exceeds the limit of 1 MiB")
    }

    @Test func declaredLengthOverTheLimit() async throws {
        let r = try await Self.failure("/huge-declared", maxBody: 1 << 20)
        #expect(r.message == "\(r.url): Get \"\(r.url)\": response body exceeds the limit of 1 MiB")
    }

    @Test func redirectLoop() async throws {
        let r = try await Self.failure("/redirect")
        #expect(r.message == "\(r.url): Get \"\(r.url)\": stopped after 10 redirects")
    }

    @Test func closedConnection() async throws {
        let r = try await Self.failure("/close")
        #expect(r.message == "\(r.url): Get \"\(r.url)\": connection closed by the server without a complete response")
    }

    /// URLSession under a probe that says when the request has been handed over.
    struct ProbedTransport: LiveTransport {
        var started: EventLog<String>
        func get(_ request: TransportRequest) async throws -> TransportReply {
            started.append(request.url)
            return try await URLSessionTransport().get(request)
        }
    }

    @Test func cancellingAFetchEndsItAtOnce() async throws {
        let server = try LiveFixtureServer.faults.get()
        let source = try LiveSource.parse(server.url("/hang"), seconds: nil, timeout: 30)
        let started = EventLog<String>()
        var options = FetchOptions()
        options.save = false
        let fetcher = ProfileFetcher(transport: ProbedTransport(started: started), options: options, environment: [:])
        let task = Task { try await fetcher.fetch(source) }
        await started.wait { !$0.isEmpty }
        task.cancel()
        let result = await task.result
        // The cancellation ended it, not the 35 s header deadline.
        #expect(throws: PprofError("\(source.url): Get \"\(source.url)\": fetch cancelled")) { try result.get() }
    }
}
