import Foundation

/// How long to wait before retrying, and how often (docs/GUARANTEES.md, rate limits). One rule for every
/// wait, 429 or 5xx, tool service or model provider: a wait the service asks for that is longer
/// than `maxWait` is not slept; the call fails at once saying how long it was asked to wait.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (429s, and 502/503/504 for reads).
    public var maxRetries: Int
    /// Retries of a read whose connection failed: fewer, since an unreachable service rarely comes back in seconds.
    public var maxConnectionRetries: Int
    /// First exponential backoff step, in seconds.
    public var baseDelay: Double
    /// The longest wait that is slept (`max_wait`, seconds); backoff never goes past it either.
    public var maxWait: Double

    public init(maxRetries: Int = 5, maxConnectionRetries: Int = 2, baseDelay: Double = 1, maxWait: Double = 60) {
        self.maxRetries = maxRetries
        self.maxConnectionRetries = maxConnectionRetries
        self.baseDelay = baseDelay
        self.maxWait = maxWait
    }

    /// What to do before retry `attempt` (1-based).
    public enum Step: Sendable, Equatable {
        /// Sleep this many seconds, then retry.
        case wait(Double)
        /// The service asked for a wait longer than `maxWait`: give up now.
        case tooLong(asked: Double)
    }

    /// The service's own wait when it names one (`Retry-After`, else for a 429 `ratelimit-reset`),
    /// else exponential backoff with jitter.
    public func step(attempt: Int, rateLimited: Bool, after snapshot: RateLimitSnapshot?, jitter: Double = Double.random(in: 0..<1)) -> Step {
        let asked = snapshot?.retryAfterSeconds ?? (rateLimited ? snapshot?.resetSeconds : nil)
        if let asked {
            return asked > maxWait ? .tooLong(asked: asked) : .wait(asked)
        }
        return .wait(backoff(attempt: attempt, jitter: jitter))
    }

    /// `baseDelay · 2^(attempt-1)`, plus up to half of that as jitter, capped at `maxWait`.
    public func backoff(attempt: Int, jitter: Double = Double.random(in: 0..<1)) -> Double {
        let step = baseDelay * Double(1 << min(max(attempt - 1, 0), 16))
        return min(step + step * 0.5 * jitter, maxWait)
    }

    /// Sleeps before a retry: `seconds` clamped to `0...maxWait` (a non-finite value or ceiling
    /// counts as no wait), so no number from a header can reach the conversion to a Duration.
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64((wait(seconds) * 1000).rounded())))
    }

    /// The seconds `sleep` waits for `seconds`: within `0...maxWait`, and none for a value or a
    /// ceiling that is not a finite number.
    public func wait(_ seconds: Double) -> Double {
        let ceiling = maxWait.isFinite ? max(0, maxWait) : 0
        return seconds.isFinite ? min(max(0, seconds), ceiling) : 0
    }

    /// The line for a wait that is too long: how long, until when, and what to do.
    public func tooLongLine(_ service: String, asked: Double, now: Date = Date()) -> String {
        let until = ClockText.utcTime(now.addingTimeInterval(asked))
        return "\(service) asked to wait \(Int(asked)) s (until \(until)), longer than max_wait (\(Int(maxWait)) s); try again then, or raise max_wait in the config"
    }
}
