import Foundation

/// A request that a source knows it never sent (its server had exited): a write is "not run".
public struct RequestNotSent: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Sends requests to the Truto proxy (or the sandbox) through `RetryLoop` (docs/GUARANTEES.md, rate limits).
public struct ProxyClient: Sendable {
    public let service: ToolService
    public let http: HTTPTransport
    public let retry: RetryPolicy

    public init(service: ToolService, http: HTTPTransport, retry: RetryPolicy = RetryPolicy()) {
        self.service = service
        self.http = http
        self.retry = retry
    }

    /// One wait before a retry: `attempt` of `maxRetries`, how long, and why.
    public struct Wait: Sendable {
        public var attempt: Int
        public var of: Int
        public var seconds: Double
        public var reason: String
        public var isRateLimit: Bool
    }

    /// The final exchange after any retries.
    public struct Exchange: Sendable {
        public var reply: HTTPReply
        public var latencyMs: Int
        public var rateLimit: RateLimitSnapshot
    }

    /// A failure that is not an HTTP answer: the service could not be reached, or the user cancelled.
    public enum Failure: Error, CustomStringConvertible {
        case unreachable(String)
        /// The service asked to wait longer than `max_wait` before a retry.
        case waitTooLong(String)
        /// A write was sent and no answer came: it may have taken effect.
        case outcomeUnknown(String)
        case cancelled

        public var description: String {
            switch self {
            case .unreachable(let line), .waitTooLong(let line), .outcomeUnknown(let line): line
            case .cancelled: "cancelled by the user"
            }
        }
    }

    /// Sends `method target` (a path with query) and retries through `RetryLoop`.
    public func send(
        method: String, target: String, body: JSONValue? = nil, idempotencyKey: String? = nil, retriesTransientFailures: Bool,
        finishesSentRequests: Bool = false,
        onRateLimit: @Sendable (RateLimitSnapshot) -> Void = { _ in },
        onWait: @Sendable (Wait) -> Void = { _ in },
        onAttempt: @Sendable (Int) -> Void = { _ in }
    ) async throws(Failure) -> Exchange {
        let loop = RetryLoop(retry: retry, serviceName: service.serviceName)
        let outcome = try await loop.run(
            retriesTransientFailures: retriesTransientFailures, finishesSentRequests: finishesSentRequests,
            onRateLimit: onRateLimit, onWait: onWait, onAttempt: onAttempt
        ) { [http, service] in
            let reply = try await http.send(
                method: method, url: service.baseURL + target,
                headers: service.authorization + [("accept", "application/json")] + (idempotencyKey.map { [(IdempotencyKey.header, $0)] } ?? []),
                body: body?.data)
            return RetryLoop.Answer(status: reply.status, headers: reply.headers, value: reply)
        }
        return Exchange(reply: outcome.answer.value, latencyMs: outcome.latencyMs, rateLimit: outcome.rateLimit)
    }

    /// Whether a transport error came before any byte of the request left: the connection was
    /// refused or never made, or the call was cancelled before it was sent.
    static func failedBeforeSending(_ error: Error) -> Bool {
        if error is CancellationError || error is RequestNotSent { return true }
        return ["connection refused", "connection timed out", "host not found"].contains(describe(error))
    }

    /// A short, secret-free description of a transport error.
    static func describe(_ error: Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("readTimeout") || text.contains("deadlineExceeded") { return "no answer in time" }
        if text.contains("NXDOMAIN") || text.contains("lookup") { return "host not found" }
        return String(text.prefix(120))
    }
}
