import Synchronization

/// A fixed-window request counter shared by all requests of the account.
final class RateLimiter: Sendable {
    struct Verdict: Sendable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Whole seconds until the window resets, rounded up.
        var resetSeconds: Int

        /// `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`.
        var headers: [(String, String)] {
            [("ratelimit-limit", String(limit)), ("ratelimit-remaining", String(remaining)), ("ratelimit-reset", String(resetSeconds))]
        }
    }

    private struct Window {
        var start: ContinuousClock.Instant
        var used: Int
    }

    private let spec: RateLimitSpec
    private let window: Mutex<Window?> = Mutex(nil)

    init(_ spec: RateLimitSpec) { self.spec = spec }

    /// Counts one request when `consume` is true; reports the budget either way.
    func check(consume: Bool, now: ContinuousClock.Instant = .now) -> Verdict {
        window.withLock { current in
            let length = Duration.seconds(spec.windowSeconds)
            if current == nil || now - current!.start >= length {
                current = Window(start: now, used: 0)
            }
            let allowed = current!.used < spec.requests
            if consume && allowed { current!.used += 1 }
            let left = current!.start + length - now
            let reset = Int((Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18).rounded(.up))
            return Verdict(allowed: allowed, limit: spec.requests, remaining: spec.requests - current!.used, resetSeconds: max(0, reset))
        }
    }
}
