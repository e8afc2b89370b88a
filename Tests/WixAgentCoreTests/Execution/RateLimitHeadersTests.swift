import Foundation
import Testing
@testable import WixAgentCore

@Suite("Rate-limit headers")
struct RateLimitHeadersTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func classicHeadersWithWindow() {
        let s = RateLimitHeaders.parse([("ratelimit-limit", "110;w=10"), ("ratelimit-remaining", "42"), ("ratelimit-reset", "7")], now: now)
        #expect(s.limit == 110)
        #expect(s.windowSeconds == 10)
        #expect(s.remaining == 42)
        #expect(s.resetSeconds == 7)
        #expect(s.retryAfterSeconds == nil)
    }

    @Test func structuredHeaders() {
        let s = RateLimitHeaders.parse([("RateLimit", #""default";r=3;t=12"#), ("RateLimit-Policy", #""default";q=50;w=10"#)], now: now)
        #expect(s.limit == 50)
        #expect(s.windowSeconds == 10)
        #expect(s.remaining == 3)
        #expect(s.resetSeconds == 12)
    }

    @Test func retryAfterAsSecondsOrHTTPDate() {
        #expect(RateLimitHeaders.parse([("retry-after", "3")], now: now).retryAfterSeconds == 3)
        let date = RateLimitHeaders.parse([("Retry-After", "Fri, 15 Jan 2027 08:00:05 GMT")], now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(date.retryAfterSeconds == 5)
    }

    @Test func malformedFieldsAreIgnored() {
        let s = RateLimitHeaders.parse([("ratelimit-limit", "lots"), ("ratelimit-remaining", "-"), ("ratelimit-reset", "-5"), ("retry-after", "soon")], now: now)
        #expect(s.isEmpty)
        #expect(RateLimitHeaders.parse([], now: now).isEmpty)
    }

    @Test func hostileNumbersAreIgnoredOrClampedNeverTrapped() {
        for bad in ["1e16", "1e19", "0x10", "+5", "-1", "3.5", "inf", "nan", "5 s", ""] {
            let s = RateLimitHeaders.parse([("retry-after", bad), ("ratelimit-reset", bad)], now: now)
            #expect(s.retryAfterSeconds == nil && s.resetSeconds == nil, "\(bad) is not delay-seconds")
        }
        let huge = RateLimitHeaders.parse([("retry-after", String(repeating: "9", count: 400)), ("ratelimit-reset", "99999999999"),
                                           ("ratelimit-limit", String(repeating: "9", count: 40)), ("ratelimit-remaining", "99999999999999999999")], now: now)
        #expect(huge.retryAfterSeconds == RateLimitHeaders.maxSeconds && huge.resetSeconds == RateLimitHeaders.maxSeconds)
        #expect(huge.limit == Int(Int32.max) && huge.remaining == Int(Int32.max))
        #expect(RateLimitHeaders.parse([("x-ratelimit-reset-requests", String(repeating: "9", count: 300) + "h")], now: now).resetSeconds == nil)
        // A clamped reset still counts down and formats.
        #expect(huge.secondsUntilReset(at: now)! <= RateLimitHeaders.maxSeconds)
    }

    @Test func structuredListsCorrelateByNameAndTheMostRestrictiveCounts() {
        let s = RateLimitHeaders.parse([("RateLimit", #""burst";r=0;t=30, "daily";r=900;t=80000"#),
                                        ("RateLimit-Policy", #""daily";q=1000;w=86400, "burst";q=10;w=60"#)], now: now)
        #expect(s.remaining == 0 && s.resetSeconds == 30, "the burst limit is the one that binds")
        #expect(s.limit == 10 && s.windowSeconds == 60, "its policy, matched by name, not the last one")
        // Repeated field lines are one list.
        let split = RateLimitHeaders.parse([("ratelimit", #""daily";r=900"#), ("ratelimit", #""burst";r=2;t=5"#)], now: now)
        #expect(split.remaining == 2 && split.resetSeconds == 5)
        // A quoted ";" or "=" is part of the name, not a parameter.
        let quoted = RateLimitHeaders.parse([("ratelimit", #""a;r=99";r=4;t=9"#)], now: now)
        #expect(quoted.remaining == 4 && quoted.resetSeconds == 9)
        // Malformed structured fields are ignored; the legacy fields still count.
        let broken = RateLimitHeaders.parse([("ratelimit", #""x";r=1;t="#), ("ratelimit-remaining", "7")], now: now)
        #expect(broken.remaining == 7 && broken.resetSeconds == nil)
    }

    @Test func aRetrySleepNeverTrapsOnWildNumbers() async throws {
        for (seconds, ceiling, waited) in [(Double.infinity, 60.0, 0.0), (.nan, 60, 0), (-5, 60, 0), (1e300, .infinity, 0), (0.01, .nan, 0),
                                           (1e300, 60, 60), (2.5, 60, 2.5), (61, 60, 60)] {
            #expect(RetryPolicy(maxWait: ceiling).wait(seconds) == waited, "\(seconds) under \(ceiling)")
            if waited == 0 { try await RetryPolicy(maxWait: ceiling).sleep(seconds: seconds) }
        }
    }

    @Test func openAIStyleDurations() {
        let s = RateLimitHeaders.parse([("x-ratelimit-limit-requests", "500"), ("x-ratelimit-remaining-requests", "499"), ("x-ratelimit-reset-requests", "1m30s")], now: now)
        #expect(s.limit == 500)
        #expect(s.remaining == 499)
        #expect(s.resetSeconds == 90)
    }

    @Test func retryAfterBeatsResetWhichBeatsBackoff() {
        let policy = RetryPolicy()
        #expect(policy.step(attempt: 1, rateLimited: true, after: RateLimitSnapshot(resetSeconds: 2, retryAfterSeconds: 4)) == .wait(4))
        #expect(policy.step(attempt: 1, rateLimited: true, after: RateLimitSnapshot(resetSeconds: 2)) == .wait(2))
        #expect(policy.step(attempt: 1, rateLimited: true, after: nil, jitter: 0) == .wait(1))
        #expect(policy.step(attempt: 3, rateLimited: true, after: nil, jitter: 0) == .wait(4))
        #expect(policy.step(attempt: 3, rateLimited: true, after: nil, jitter: 1) == .wait(6))
        #expect(policy.step(attempt: 30, rateLimited: true, after: nil, jitter: 0) == .wait(60))
        // A 5xx's reset is not a wait it asked for; its Retry-After is.
        #expect(policy.step(attempt: 1, rateLimited: false, after: RateLimitSnapshot(resetSeconds: 2), jitter: 0) == .wait(1))
        // Longer than max_wait: not slept, whatever the status.
        #expect(policy.step(attempt: 1, rateLimited: false, after: RateLimitSnapshot(retryAfterSeconds: 3600)) == .tooLong(asked: 3600))
        #expect(policy.step(attempt: 1, rateLimited: true, after: RateLimitSnapshot(resetSeconds: 61)) == .tooLong(asked: 61))
    }
}
