import Foundation
import PprofModel
import Testing

@testable import PprofLive

/// Fetches from a real Go program serving net/http/pprof on 127.0.0.1 (Fixtures/live/service).
/// Serialized: the service allows one CPU profile at a time ("cpu profiling already in use").
@Suite(.serialized, .enabled(if: LiveFixtureServer.goAvailable, "go is not installed: live service tests need Fixtures/live/service"))
struct ServiceTests {
    static func fetcher(saveIn dir: String? = nil) -> ProfileFetcher {
        var options = FetchOptions()
        options.save = dir != nil
        options.saveDirectory = dir
        return ProfileFetcher(transport: URLSessionTransport(), options: options, environment: [:])
    }

    struct Endpoint: Sendable, CustomStringConvertible {
        var path: String
        var seconds: Int?
        var types: [String]
        var description: String { path }
    }

    static let endpoints: [Endpoint] = [
        Endpoint(path: "/debug/pprof/profile", seconds: 1, types: ["samples", "cpu"]),
        Endpoint(path: "/debug/pprof/heap", types: ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]),
        Endpoint(path: "/debug/pprof/allocs", types: ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]),
        Endpoint(path: "/debug/pprof/goroutine", types: ["goroutine"]),
        Endpoint(path: "/debug/pprof/block", types: ["contentions", "delay"]),
        Endpoint(path: "/debug/pprof/mutex", types: ["contentions", "delay"]),
        Endpoint(path: "/debug/pprof/threadcreate", types: ["threadcreate"]),
    ]

    @Test(arguments: endpoints)
    func fetchesEachEndpoint(_ endpoint: Endpoint) async throws {
        let server = try LiveFixtureServer.service.get()
        let source = try LiveSource.parse(server.url(endpoint.path), seconds: endpoint.seconds, timeout: nil)
        let start = Date()
        let fetched = try await Self.fetcher().fetch(source)
        #expect(fetched.profile.sampleTypes.map(\.type) == endpoint.types)
        #expect(fetched.profile.samples.count > 0)
        if let seconds = endpoint.seconds {
            #expect(source.url.hasSuffix("?seconds=\(seconds)"))
            #expect(Date().timeIntervalSince(start) >= Double(seconds) * 0.9)
        }
    }

    @Test func bareHostPortMeansTheCPUProfile() async throws {
        let server = try LiveFixtureServer.service.get()
        let source = try LiveSource.parse(server.address, seconds: 1, timeout: nil)
        #expect(source.url == "http://\(server.address)/debug/pprof/profile?seconds=1")
        let fetched = try await Self.fetcher().fetch(source)
        #expect(fetched.profile.periodType == ValueType(type: "cpu", unit: "nanoseconds"))
    }

    @Test func unknownProfileIsPprofsNotFound() async throws {
        let server = try LiveFixtureServer.service.get()
        let source = try LiveSource.parse(server.url("/debug/pprof/nosuch"), seconds: nil, timeout: 5)
        await #expect(throws: PprofError("\(source.url): server response: 404 Not Found - Unknown profile")) {
            _ = try await Self.fetcher().fetch(source)
        }
    }

    @Test func heapGrowsBetweenFetches() async throws {
        let server = try LiveFixtureServer.service.get()
        let source = try LiveSource.parse(server.url("/debug/pprof/heap"), seconds: nil, timeout: 10)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-live-svc-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fetcher = Self.fetcher(saveIn: dir)
        let first = try await fetcher.fetch(source)
        // The service retains 8 MiB more and runs a GC (which publishes the heap profile) on /grow.
        let grow = TransportRequest(url: server.url("/grow"), headerTimeout: 10, totalTimeout: 20, maxBodyBytes: 1 << 10)
        #expect(try await URLSessionTransport().get(grow).status == 200)
        let latest = try await fetcher.fetch(source)
        let fetches = [first, latest]
        // pprof's -base: the first fetch negated and merged with the latest.
        var base = first.profile
        base.scale(by: -1)
        let delta = try Profile.merge([latest.profile, base])
        let allocSpace = try #require(delta.sampleTypes.firstIndex { $0.type == "alloc_space" })
        let grown = (0..<delta.samples.count).reduce(Int64(0)) { $0 + delta.samples.value($1, allocSpace) }
        #expect(grown > 0, "alloc_space delta between two heap fetches")
        #expect(delta.sampleTypes.prefix(2).map(\.type) == ["alloc_objects", "alloc_space"])
        // Saved as pprof names them, numbered in order.
        let paths = fetches.compactMap(\.savedPath)
        #expect(paths.count == fetches.count)
        #expect(paths.first == "\(dir)/pprof.service.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz")
        for path in paths { #expect(FileManager.default.fileExists(atPath: path)) }
    }
}
