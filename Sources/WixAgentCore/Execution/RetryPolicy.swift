/// How long to wait before retrying, and how often (PRODUCT.md section 3).
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (429s, and 502/503/504 for reads).
    public var maxRetries: Int
    /// Retries of a read whose connection failed: fewer, since an unreachable service rarely comes back in seconds.
    public var maxConnectionRetries: Int
    /// First exponential backoff step, in seconds.
    public var baseDelay: Double
    /// No single wait is longer than this.
    public var maxDelay: Double

    public init(maxRetries: Int = 5, maxConnectionRetries: Int = 2, baseDelay: Double = 1, maxDelay: Double = 60) {
        self.maxRetries = maxRetries
        self.maxConnectionRetries = maxConnectionRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry `attempt` (1-based): `Retry-After` if present, else `ratelimit-reset`,
    /// else exponential backoff with jitter.
    public func delay(attempt: Int, after snapshot: RateLimitSnapshot?, jitter: Double = Double.random(in: 0..<1)) -> Double {
        if let retryAfter = snapshot?.retryAfterSeconds { return min(retryAfter, maxDelay) }
        if let reset = snapshot?.resetSeconds { return min(reset, maxDelay) }
        return backoff(attempt: attempt, jitter: jitter)
    }

    /// `baseDelay · 2^(attempt-1)`, plus up to half of that as jitter, capped at `maxDelay`.
    public func backoff(attempt: Int, jitter: Double = Double.random(in: 0..<1)) -> Double {
        let step = baseDelay * Double(1 << min(max(attempt - 1, 0), 16))
        return min(step + step * 0.5 * jitter, maxDelay)
    }
}
