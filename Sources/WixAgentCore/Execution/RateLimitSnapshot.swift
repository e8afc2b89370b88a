import Foundation

/// What a service said about its rate limit on one response. Every field is optional:
/// headers may be absent, and malformed ones are ignored.
public struct RateLimitSnapshot: Sendable, Hashable, Codable {
    /// Requests allowed per window.
    public var limit: Int?
    public var remaining: Int?
    /// Seconds from `observedAt` until the window resets.
    public var resetSeconds: Double?
    /// Window length in seconds, when the policy says it (`110;w=10`, `q=…;w=…`).
    public var windowSeconds: Double?
    /// `Retry-After`, in seconds from `observedAt`.
    public var retryAfterSeconds: Double?
    public var observedAt: Date

    public init(
        limit: Int? = nil, remaining: Int? = nil, resetSeconds: Double? = nil, windowSeconds: Double? = nil,
        retryAfterSeconds: Double? = nil, observedAt: Date = Date()
    ) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
        self.windowSeconds = windowSeconds
        self.retryAfterSeconds = retryAfterSeconds
        self.observedAt = observedAt
    }

    /// True when no rate-limit header was understood.
    public var isEmpty: Bool {
        limit == nil && remaining == nil && resetSeconds == nil && retryAfterSeconds == nil
    }

    /// Seconds left until the reset at `now`, never negative.
    public func secondsUntilReset(at now: Date = Date()) -> Double? {
        resetSeconds.map { max(0, $0 - now.timeIntervalSince(observedAt)) }
    }
}
