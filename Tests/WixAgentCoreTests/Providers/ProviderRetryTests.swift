import Foundation
import TestSupport
import Testing
import WixAgentCore

extension Providers {
    @Suite struct ProviderRetryTests {
        @Test func waitsRatelimitResetThenAnswers() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.rateLimited(reset: 1), .text("after the wait"))
                let start = ContinuousClock.now
                let outcome = await collect(provider.reply(to: hello))
                let elapsed = ContinuousClock.now - start
                #expect(outcome.error == nil)
                #expect(outcome.text == "after the wait")
                #expect(outcome.retries.map(\.attempt) == [1])
                #expect(outcome.retries.first?.of == quickRetries.maxRetries)
                #expect(outcome.retries.first?.after == 1)
                // The upper bound only has to tell the 1 s wait from the 5-retry backoff, on a loaded machine too.
                #expect(elapsed >= .milliseconds(950) && elapsed < .seconds(20), "waited \(elapsed)")
                #expect(server.requests.count == 2)
            }
        }

        @Test func retryAfterBeatsRatelimitReset() async throws {
            try await withAnthropic { server, provider in
                server.enqueue(.rateLimited(retryAfter: 1, reset: 30), .text("fine"))
                let start = ContinuousClock.now
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.text == "fine")
                #expect(outcome.retries.first?.after == 1)
                // Had it waited for ratelimit-reset it would take 30 s.
                #expect(ContinuousClock.now - start < .seconds(20))
                // The 429's own headers are reported as a rate-limit snapshot.
                let snapshot = outcome.events.compactMap { if case .rateLimit(let s) = $0 { s } else { nil } }.first
                #expect(snapshot?.retryAfterSeconds == 1)
            }
        }

        @Test func anthropicOverloadedAndUnavailableAreRetried() async throws {
            try await withAnthropic { server, provider in
                server.enqueue(.error(status: 529, message: "Overloaded"), .error(status: 503, message: "busy"), .text("back"))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.text == "back")
                #expect(outcome.retries.map(\.attempt) == [1, 2])
            }
        }

        @Test func aWaitLongerThanMaxWaitIsNotSleptButReportedAtOnce() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.failure(status: 503, body: #"{"error": {"message": "maintenance"}}"#, headers: ["retry-after": "3600"]), .text("never"))
                // Not slept: a sleep would come before a second request, and there is none.
                let outcome = await collect(provider.reply(to: hello))
                expectOneLineError(outcome, .server, mentioning: ["asked to wait 3600 s", "until", "max_wait"])
                #expect(outcome.retries.isEmpty && server.requests.count == 1)
            }
        }

        @Test func givesUpAfterMaxRetriesWithRateLimited() async throws {
            try await withOpenAI(policy: RetryPolicy(maxRetries: 2, baseDelay: 0.01, maxWait: 1)) { server, provider in
                server.enqueue(.rateLimited(retryAfter: 0), .rateLimited(retryAfter: 0), .rateLimited(retryAfter: 0), .text("never"))
                let outcome = await collect(provider.reply(to: hello))
                expectOneLineError(outcome, .rateLimited, mentioning: ["429", "2 retries", "Rate limit reached"])
                #expect(outcome.retries.count == 2)
                #expect(server.requests.count == 3)
            }
        }

        @Test func successHeadersBecomeARateLimitEvent() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.text("hi", headers: ["x-ratelimit-limit-requests": "500", "x-ratelimit-remaining-requests": "499",
                                                     "x-ratelimit-reset-requests": "120ms"]))
                let outcome = await collect(provider.reply(to: hello))
                let snapshot = outcome.events.compactMap { if case .rateLimit(let s) = $0 { s } else { nil } }.first
                #expect(snapshot?.limit == 500 && snapshot?.remaining == 499 && snapshot?.resetSeconds == 0.12)
            }
        }

        @Test func cancellingStopsTheWait() async throws {
            try await withOpenAI { server, provider in
                // A wait long enough that a loaded machine still drops the stream well before it ends.
                // (4 s, under the helper's max_wait of 5 s: under load the stream once took over 3 s to drop.)
                server.enqueue(.rateLimited(retryAfter: 4), .text("too late"))
                let consumer = Task {
                    for try await event in provider.reply(to: hello) {
                        if case .retrying = event { return true }  // leaving the loop drops the stream
                    }
                    return false
                }
                #expect(try await consumer.value)
                try await Task.sleep(for: .milliseconds(4500))
                #expect(server.requests.count == 1, "the retry after the cancelled wait must never be sent")
            }
        }
    }
}
