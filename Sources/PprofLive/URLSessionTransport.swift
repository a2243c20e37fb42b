import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real transport: one ephemeral URLSession per request, with a delegate that streams the
/// body against the size cap, counts redirects, and a watchdog that cancels at the total deadline
/// (URLSession's own timers are per-packet and have been seen to miss on Linux).
package struct URLSessionTransport: LiveTransport {
    package init() {}

    package func get(_ request: TransportRequest) async throws -> TransportReply {
        guard let url = URL(string: request.url) else {
            throw TransportFailure.other("invalid URL \"\(request.url)\"")
        }
        let config = URLSessionConfiguration.ephemeral
        // Linux URLSession counts whole seconds (and 0 means none): its timers are only a
        // backstop, rounded up; the watchdogs below keep the exact deadlines.
        config.timeoutIntervalForRequest = (request.headerTimeout + 1).rounded(.up)
        config.timeoutIntervalForResource = (request.totalTimeout + 1).rounded(.up)
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        let exchange = Exchange(request: request)
        let session = URLSession(configuration: config, delegate: exchange, delegateQueue: nil)
        var urlRequest = URLRequest(url: url)
        urlRequest.timeoutInterval = config.timeoutIntervalForRequest
        let task = session.dataTask(with: urlRequest)
        defer { session.invalidateAndCancel() }

        let headerWatchdog = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0.05, request.headerTimeout) * 1e9))
            if !Task.isCancelled && !exchange.hasResponse {
                exchange.abort(.timedOut(request.headerTimeout), task: task)
            }
        }
        let totalWatchdog = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0.05, request.totalTimeout) * 1e9))
            if !Task.isCancelled {
                exchange.abort(.bodyTimedOut(request.totalTimeout), task: task)
            }
        }
        defer {
            headerWatchdog.cancel()
            totalWatchdog.cancel()
        }

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<TransportReply, Error>) in
                exchange.start(continuation: continuation, task: task)
            }
        } onCancel: {
            exchange.abort(.cancelled, task: task)
        }
    }
}

/// The state of one request, shared between URLSession's delegate queue and the caller.
/// All fields are guarded by `lock`; the continuation is resumed exactly once.
private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let request: TransportRequest
    private let lock = NSLock()
    private var continuation: CheckedContinuation<TransportReply, Error>?
    /// Set when we cancel the task ourselves, so the resulting "cancelled" error gets its real cause.
    private var abortReason: TransportFailure?
    private var status = 0
    private var headers: [String: String] = [:]
    private var body: [UInt8] = []
    private var redirects = 0
    private var receivedResponse = false

    init(request: TransportRequest) {
        self.request = request
    }

    /// Whether the response headers have arrived (the header deadline no longer applies).
    var hasResponse: Bool {
        lock.withLock { receivedResponse }
    }

    func start(continuation: CheckedContinuation<TransportReply, Error>, task: URLSessionDataTask) {
        lock.lock()
        if let reason = abortReason {
            lock.unlock()
            continuation.resume(throwing: reason)
            return
        }
        self.continuation = continuation
        lock.unlock()
        task.resume()
    }

    /// Stops the exchange for `reason` (the first reason wins) and cancels the task.
    func abort(_ reason: TransportFailure, task: URLSessionTask) {
        lock.lock()
        if abortReason == nil { abortReason = reason }
        let winner = abortReason ?? reason
        let pending = continuation
        continuation = nil
        lock.unlock()
        task.cancel()
        pending?.resume(throwing: winner)
    }

    /// Resumes the caller once; later calls find no continuation and do nothing.
    private func finish(_ result: Result<TransportReply, TransportFailure>) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(with: result.mapError { $0 as Error })
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        lock.lock()
        redirects += 1
        let over = redirects > request.maxRedirects
        lock.unlock()
        if over {
            completionHandler(nil)
            abort(.tooManyRedirects(request.maxRedirects), task: task)
        } else {
            completionHandler(newRequest)
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        var lowered: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] {
            if let key = key as? String, let value = value as? String {
                lowered[key.lowercased()] = value
            }
        }
        lock.lock()
        status = http?.statusCode ?? 0
        headers = lowered
        receivedResponse = true
        lock.unlock()
        if response.expectedContentLength > Int64(request.maxBodyBytes) {
            completionHandler(.cancel)
            abort(.bodyTooLarge(limit: request.maxBodyBytes), task: dataTask)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        let over = body.count + data.count > request.maxBodyBytes
        if !over { body.append(contentsOf: data) }
        lock.unlock()
        if over {
            abort(.bodyTooLarge(limit: request.maxBodyBytes), task: dataTask)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        let reason = abortReason
        let reply = TransportReply(status: status, headers: headers, body: body)
        lock.unlock()
        if let reason {
            finish(.failure(reason))
        } else if let error {
            finish(.failure(TransportFailure(error: error, request: request)))
        } else {
            finish(.success(reply))
        }
    }
}

extension TransportFailure {
    /// Classifies a URLSession error by its URLError code (see ARCHITECTURE.md's HTTP facts).
    package init(error: Error, request: TransportRequest) {
        guard let urlError = error as? URLError else {
            self = .other(String(describing: error))
            return
        }
        self.init(urlErrorCode: urlError.code, host: URL(string: request.url)?.host ?? "", request: request)
    }

    package init(urlErrorCode code: URLError.Code, host: String, request: TransportRequest) {
        switch code {
        case .cannotConnectToHost: self = .connectionRefused
        case .cannotFindHost, .dnsLookupFailed: self = .hostNotFound(host)
        // URLSession's own (whole-second) timeout is a backstop behind our timer; either way the
        // deadline that was missed is the header deadline.
        case .timedOut: self = .timedOut(request.headerTimeout)
        case .httpTooManyRedirects, .redirectToNonExistentLocation: self = .tooManyRedirects(request.maxRedirects)
        // A connection closed before any response reads as "bad server response" on Linux.
        case .networkConnectionLost, .badServerResponse, .zeroByteResource: self = .connectionLost
        case .cancelled: self = .cancelled
        case .dataLengthExceedsMaximum: self = .bodyTooLarge(limit: request.maxBodyBytes)
        default: self = .other("URLError \(code.rawValue)")
        }
    }
}
