/// One GET with every bound a live fetch needs, so no request can hang or grow without limit.
package struct TransportRequest: Sendable, Equatable {
    package var url: String
    /// Seconds to wait for the response to begin (pprof: its timeout + 5 s).
    package var headerTimeout: Double
    /// Seconds for the whole exchange, body included.
    package var totalTimeout: Double
    /// Largest body accepted; a longer one is refused while streaming, never buffered whole.
    package var maxBodyBytes: Int
    /// Redirects followed before giving up (Go's http.Client stops after 10).
    package var maxRedirects: Int

    package init(url: String, headerTimeout: Double, totalTimeout: Double, maxBodyBytes: Int, maxRedirects: Int = 10) {
        self.url = url
        self.headerTimeout = headerTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
    }
}

/// A complete HTTP response. Header names are lower-cased.
package struct TransportReply: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package var contentType: String { headers["content-type"] ?? "" }
}

/// Why a request produced no response; the fetcher turns each into pprof's one-line message.
package enum TransportFailure: Error, Sendable, Equatable {
    case connectionRefused
    case hostNotFound(String)
    /// No response headers within this many seconds.
    case timedOut(Double)
    /// Headers came but the whole body did not arrive within this many seconds of the start.
    case bodyTimedOut(Double)
    case bodyTooLarge(limit: Int)
    case tooManyRedirects(Int)
    case connectionLost
    case cancelled
    case other(String)
}

/// Every live fetch goes through this, so tests can script a server (`ScriptedTransport`) and the
/// app uses URLSession (`URLSessionTransport`).
package protocol LiveTransport: Sendable {
    /// - Throws: `TransportFailure` when no complete response arrived within the request's bounds.
    func get(_ request: TransportRequest) async throws -> TransportReply
}
