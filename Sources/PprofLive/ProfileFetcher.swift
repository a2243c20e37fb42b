import Foundation
import PprofFormats
import PprofModel

/// Bounds and choices for a live fetch; the defaults follow pprof where it has one.
package struct FetchOptions: Sendable {
    /// Largest response body accepted (compressed bytes on the wire).
    package var maxBodyBytes: Int = 512 << 20
    /// pprof waits its timeout plus 5 s for the response headers.
    package var headerGrace: Double = 5
    /// Extra seconds for the body after the header deadline, so a slow body still ends.
    package var bodyAllowance: Double = 60
    package var decodeLimits = DecodeLimits()
    /// Save each fetched profile as pprof does (off for tests that need no files).
    package var save = true
    /// Directory override; `nil` means pprof's rule (`$PPROF_TMPDIR`, `$HOME/pprof`, temp dir).
    package var saveDirectory: String?

    package init() {}
}

/// A decoded profile and where its bytes were saved.
package struct FetchedProfile: Sendable {
    package var profile: Profile
    /// The saved file (`nil` when saving was off or failed; see `saveError`).
    package var savedPath: String?
    /// pprof's "Could not save profile: ..." cause; the fetch itself still succeeded.
    package var saveError: String?
    package var url: String
    package var fetchedAt: Date
    package var byteCount: Int

    package init(
        profile: Profile, savedPath: String?, saveError: String?, url: String, fetchedAt: Date, byteCount: Int
    ) {
        self.profile = profile
        self.savedPath = savedPath
        self.saveError = saveError
        self.url = url
        self.fetchedAt = fetchedAt
        self.byteCount = byteCount
    }
}

/// Fetches, checks, decodes and saves one profile; every failure is a one-line `PprofError`.
package struct ProfileFetcher: Sendable {
    package var transport: any LiveTransport
    package var options: FetchOptions
    package var environment: [String: String]
    /// Stamps `fetchedAt` (the request deadlines are the transport's).
    package var clock: any LiveClock

    package init(
        transport: any LiveTransport = URLSessionTransport(), options: FetchOptions = FetchOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment, clock: any LiveClock = SystemClock()
    ) {
        self.transport = transport
        self.options = options
        self.environment = environment
        self.clock = clock
    }

    /// The bounded request for `source`: pprof's header deadline (timeout + grace) plus a body allowance.
    package func request(for source: LiveSource) -> TransportRequest {
        let header = source.timeout + options.headerGrace
        return TransportRequest(
            url: source.url, headerTimeout: header, totalTimeout: header + options.bodyAllowance,
            maxBodyBytes: options.maxBodyBytes)
    }

    package func fetch(_ source: LiveSource) async throws -> FetchedProfile {
        let request = request(for: source)
        let reply: TransportReply
        do {
            reply = try await transport.get(request)
        } catch let failure as TransportFailure {
            throw PprofError(Self.message(for: failure, url: source.url))
        }
        let bytes = try Self.checkedBody(reply, url: source.url)
        let profile: Profile
        do {
            profile = try ProfileDecoder.decode(bytes, limits: options.decodeLimits)
        } catch let error as PprofError {
            throw PprofError("\(source.url): \(error.message)")
        }
        var fetched = FetchedProfile(
            profile: profile, savedPath: nil, saveError: nil, url: source.url, fetchedAt: clock.now,
            byteCount: bytes.count)
        if options.save {
            do {
                let dir = try ProfileSaver.directory(override: options.saveDirectory, environment: environment)
                fetched.savedPath = try ProfileSaver.save(bytes, profile: profile, in: dir)
            } catch let error as PprofError {
                fetched.saveError = error.message
            }
        }
        return fetched
    }

    /// Runs `fetch` to completion from synchronous code (batch mode). Not for the main actor.
    package func fetchBlocking(_ source: LiveSource) throws -> FetchedProfile {
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            do {
                box.result = .success(try await fetch(source))
            } catch let error as PprofError {
                box.result = .failure(error)
            } catch {
                box.result = .failure(PprofError("\(source.url): \(error)"))
            }
            semaphore.signal()
        }
        semaphore.wait()
        guard let result = box.result else { throw PprofError("\(source.url): fetch did not finish") }
        return try result.get()
    }

    /// pprof refuses a non-200 status with its status line (`url: server response: 404 Not Found - body`);
    /// a non-profile body is named, not decoded.
    static func checkedBody(_ reply: TransportReply, url: String) throws -> [UInt8] {
        if reply.status != 200 {
            var message = "\(url): server response: \(reply.status) \(HTTPStatus.text(reply.status))"
            if let line = firstTextLine(reply.body), !line.isEmpty {
                message += " - " + line
            }
            throw PprofError(message)
        }
        if reply.body.isEmpty {
            throw PprofError("\(url): empty response body (not a profile)")
        }
        let isGzip = reply.body.count >= 2 && reply.body[0] == 0x1f && reply.body[1] == 0x8b
        if !isGzip && (reply.contentType.lowercased().hasPrefix("text/") || looksLikeText(reply.body)) {
            let kind = reply.contentType.isEmpty ? "text" : reply.contentType
            let first = firstTextLine(reply.body) ?? ""
            throw PprofError("\(url): not a profile: server sent \(kind): \"\(first)\"")
        }
        return reply.body
    }

    /// A body whose first bytes are printable ASCII/UTF-8 text is a page or message, not profile.proto
    /// (a raw profile starts with a field tag byte such as 0x0a and holds binary varints).
    static func looksLikeText(_ body: [UInt8]) -> Bool {
        let head = body.prefix(256)
        guard let first = head.first, first >= 0x20 || first == 0x09 || first == 0x0a || first == 0x0d else {
            return false
        }
        // 0x0a is also protobuf's sample_type tag: demand the rest be text too.
        return head.allSatisfy { $0 >= 0x20 && $0 != 0x7f || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }
    }

    /// The first non-blank line of a text body, trimmed and cut to 200 characters.
    static func firstTextLine(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, looksLikeText(body) else { return nil }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return String(trimmed.prefix(200)) }
        }
        return nil
    }

    /// Go's http.Client wording, prefixed as pprof prints it (`url: Get "url": cause`).
    static func message(for failure: TransportFailure, url: String) -> String {
        let hostPort = GoURL.parse(url).map { hostWithPort($0) } ?? url
        let cause: String
        switch failure {
        case .connectionRefused:
            cause = "dial tcp \(hostPort): connect: connection refused"
        case .hostNotFound(let host):
            cause = "dial tcp: lookup \(host.isEmpty ? hostPort : host): no such host"
        case .timedOut(let seconds):
            cause = "timeout awaiting response headers (after \(formatSeconds(seconds)))"
        case .bodyTimedOut(let seconds):
            cause = "timeout reading the response body (after \(formatSeconds(seconds)) in all)"
        case .bodyTooLarge(let limit):
            cause = "response body exceeds the limit of \(formatBytes(limit))"
        case .tooManyRedirects(let count):
            cause = "stopped after \(count) redirects"
        case .connectionLost:
            cause = "connection closed by the server without a complete response"
        case .cancelled:
            cause = "fetch cancelled"
        case .other(let text):
            cause = text
        }
        return "\(url): Get \"\(url)\": \(cause)"
    }

    private static func hostWithPort(_ url: GoURL) -> String {
        let host = url.host
        let hasPort = host.hasPrefix("[") ? host.contains("]:") : host.contains(":")
        if hasPort { return host }
        return host + (url.scheme == "https" ? ":443" : ":80")
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds)
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// Carries a result out of a Task for `fetchBlocking`; the semaphore orders the accesses.
private final class ResultBox: @unchecked Sendable {
    var result: Result<FetchedProfile, PprofError>?
}

/// Go's `http.StatusText` for the statuses a debug server plausibly sends.
enum HTTPStatus {
    static func text(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}
