import Foundation

/// Sends requests to the tool service and waits out what section 3 says to wait out:
/// 429s (for every request), and 502/503/504 or connection errors (for reads only).
/// It reports each wait through `onWait` and never returns a 429 while retries remain.
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

    /// Sends `method target` (a path with query) and retries per section 3.
    /// `retriesTransientFailures` is true for reads: a write is never repeated after a failure other than 429.
    /// With `finishesSentRequests` (writes), cancelling stops the waits between attempts but not an
    /// attempt in flight: its request may already have taken effect, so its true answer is waited
    /// for (bounded by the request timeout) and returned.
    public func send(
        method: String, target: String, body: JSONValue? = nil, retriesTransientFailures: Bool, finishesSentRequests: Bool = false,
        onRateLimit: @Sendable (RateLimitSnapshot) -> Void = { _ in },
        onWait: @Sendable (Wait) -> Void = { _ in }
    ) async throws(Failure) -> Exchange {
        var attempt = 0
        while true {
            let started = ContinuousClock.now
            let reply: HTTPReply
            do {
                if Task.isCancelled { throw CancellationError() }
                let attempt = { [http, service] in
                    try await http.send(
                        method: method, url: service.baseURL + target,
                        headers: service.authorization + [("accept", "application/json")], body: body?.data)
                }
                // An unstructured task does not inherit the caller's cancellation.
                reply = finishesSentRequests ? try await Task { try await attempt() }.value : try await attempt()
            } catch let tooLarge as ResponseTooLarge {
                throw .unreachable("\(service.serviceName) \(tooLarge); ask for fewer items (limit, filter) or one page at a time")
            } catch {
                if finishesSentRequests, !Self.failedBeforeSending(error) {
                    // A write whose request may have gone out: never "not run", never retried.
                    throw .outcomeUnknown("sent to \(service.serviceName), but no answer came (\(Self.describe(error))); whether it took effect is unknown: check before repeating it")
                }
                if Task.isCancelled { throw .cancelled }
                let line = "could not reach \(service.serviceName) (\(Self.describe(error)))"
                guard retriesTransientFailures, attempt < retry.maxConnectionRetries else { throw .unreachable(line) }
                attempt += 1
                // Half the usual backoff: a refused connection is reported in seconds, not tens of them.
                try await wait(Wait(attempt: attempt, of: retry.maxConnectionRetries, seconds: retry.backoff(attempt: attempt) / 2, reason: line, isRateLimit: false), onWait)
                continue
            }
            let latency = started.duration(to: .now)
            let snapshot = RateLimitHeaders.parse(reply.headers)
            if !snapshot.isEmpty { onRateLimit(snapshot) }

            let transient = [502, 503, 504].contains(reply.status) && retriesTransientFailures
            if (reply.status == 429 || transient), attempt < retry.maxRetries {
                attempt += 1
                let reason = reply.status == 429 ? "rate limited (429)" : "\(service.serviceName) answered \(reply.status)"
                switch retry.step(attempt: attempt, rateLimited: reply.status == 429, after: snapshot) {
                case .tooLong(let asked):
                    throw .waitTooLong(retry.tooLongLine("\(service.serviceName) (\(reply.status))", asked: asked))
                case .wait(let seconds):
                    try await wait(Wait(attempt: attempt, of: retry.maxRetries, seconds: seconds, reason: reason, isRateLimit: reply.status == 429), onWait)
                }
                continue
            }
            let ms = Int(latency.components.seconds * 1000) + Int(latency.components.attoseconds / 1_000_000_000_000_000)
            return Exchange(reply: reply, latencyMs: ms, rateLimit: snapshot)
        }
    }

    private func wait(_ wait: Wait, _ onWait: @Sendable (Wait) -> Void) async throws(Failure) {
        onWait(wait)
        do {
            try await retry.sleep(seconds: wait.seconds)
        } catch {
            throw .cancelled
        }
    }

    /// Whether a transport error came before any byte of the request left: the connection was
    /// refused or never made, or the call was cancelled before it was sent.
    static func failedBeforeSending(_ error: Error) -> Bool {
        if error is CancellationError { return true }
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
