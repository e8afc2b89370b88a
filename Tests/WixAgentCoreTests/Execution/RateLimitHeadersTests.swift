import Foundation
import Testing
@testable import WixAgentCore

@Suite("Rate-limit headers (PRODUCT.md section 3)")
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

    @Test func openAIStyleDurations() {
        let s = RateLimitHeaders.parse([("x-ratelimit-limit-requests", "500"), ("x-ratelimit-remaining-requests", "499"), ("x-ratelimit-reset-requests", "1m30s")], now: now)
        #expect(s.limit == 500)
        #expect(s.remaining == 499)
        #expect(s.resetSeconds == 90)
    }

    @Test func retryAfterBeatsResetWhichBeatsBackoff() {
        let policy = RetryPolicy()
        #expect(policy.delay(attempt: 1, after: RateLimitSnapshot(resetSeconds: 2, retryAfterSeconds: 4)) == 4)
        #expect(policy.delay(attempt: 1, after: RateLimitSnapshot(resetSeconds: 2)) == 2)
        #expect(policy.delay(attempt: 1, after: nil, jitter: 0) == 1)
        #expect(policy.delay(attempt: 3, after: nil, jitter: 0) == 4)
        #expect(policy.delay(attempt: 3, after: nil, jitter: 1) == 6)
        #expect(policy.delay(attempt: 30, after: nil, jitter: 0) == 60)
    }
}
