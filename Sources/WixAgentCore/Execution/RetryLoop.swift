import Foundation

/// The one loop that waits out what docs/GUARANTEES.md (rate limits) says to wait out, for any exchange with a tool
/// service (a proxy request, an MCP message): 429s for every request, and 502/503/504 or
/// connection errors for reads only. An attempt reports its status and headers (an MCP tool
/// result that wraps a Truto 429 reports 429 and the headers it forwards); the loop reports
/// each wait through `onWait` and never returns a 429 while retries remain.
public struct RetryLoop: Sendable {
    public var retry: RetryPolicy
    /// How lines name the service: "the sandbox site", "MCP source wix".
    public var serviceName: String

    public init(retry: RetryPolicy, serviceName: String) {
        self.retry = retry
        self.serviceName = serviceName
    }

    /// What one attempt got back.
    public struct Answer<Value: Sendable>: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var value: Value

        public init(status: Int, headers: [(name: String, value: String)], value: Value) {
            self.status = status
            self.headers = headers
            self.value = value
        }
    }

    /// The final answer after any retries, with its latency and rate-limit headers.
    public struct Outcome<Value: Sendable>: Sendable {
        public var answer: Answer<Value>
        public var latencyMs: Int
        public var rateLimit: RateLimitSnapshot
    }

    /// Runs `attempt` until it gets an answer that is not retried. `retriesTransientFailures` is
    /// true for reads and for writes with an idempotency key: any other write is never repeated
    /// after a failure other than 429. With
    /// `finishesSentRequests` (writes), cancelling stops the waits between attempts but not an
    /// attempt in flight: its request may already have taken effect, so its true answer is
    /// waited for (bounded by the request timeout) and returned.
    public func run<Value: Sendable>(
        retriesTransientFailures: Bool, finishesSentRequests: Bool = false,
        onRateLimit: @Sendable (RateLimitSnapshot) -> Void = { _ in },
        onWait: @Sendable (ProxyClient.Wait) -> Void = { _ in },
        onAttempt: @Sendable (Int) -> Void = { _ in },
        attempt: @escaping @Sendable () async throws -> Answer<Value>
    ) async throws(ProxyClient.Failure) -> Outcome<Value> {
        var tries = 0
        // A write of which an attempt may have taken effect (its connection failed after
        // sending, or a gateway answered 502-504): however the loop ends short of a clear
        // answer, its outcome is unknown, never "not run" (`/resend` offers it again).
        var mayHaveRun = false
        func unknown(_ why: String) -> ProxyClient.Failure {
            .outcomeUnknown("sent to \(serviceName), and whether it took effect is unknown (\(why)): check before repeating it")
        }
        func pause(_ wait: ProxyClient.Wait) async throws(ProxyClient.Failure) {
            do {
                try await self.wait(wait, onWait)
            } catch {
                throw mayHaveRun ? unknown("stopped while waiting to send it again") : error
            }
        }
        while true {
            let started = ContinuousClock.now
            let answer: Answer<Value>
            do {
                if Task.isCancelled { throw CancellationError() }
                onAttempt(tries + 1)
                // An unstructured task does not inherit the caller's cancellation.
                answer = finishesSentRequests ? try await Task { try await attempt() }.value : try await attempt()
            } catch let failure as ProxyClient.Failure {
                throw failure
            } catch let tooLarge as ResponseTooLarge {
                if finishesSentRequests {
                    throw .outcomeUnknown("sent to \(serviceName), which \(tooLarge); it may have taken effect: check before repeating it")
                }
                throw .unreachable("\(serviceName) \(tooLarge); ask for fewer items (limit, filter) or one page at a time")
            } catch {
                // A write whose request may have gone out is never "not run"; it is sent again
                // only when `retriesTransientFailures` (it carries an idempotency key).
                if finishesSentRequests, !ProxyClient.failedBeforeSending(error) { mayHaveRun = true }
                let why = "no answer came: \(ProxyClient.describe(error))"
                if Task.isCancelled { throw mayHaveRun ? unknown(why) : .cancelled }
                let line = "could not reach \(serviceName) (\(ProxyClient.describe(error)))"
                guard retriesTransientFailures, tries < retry.maxConnectionRetries else { throw mayHaveRun ? unknown(why) : .unreachable(line) }
                tries += 1
                // Half the usual backoff: a refused connection is reported in seconds, not tens of them.
                try await pause(.init(attempt: tries, of: retry.maxConnectionRetries, seconds: retry.backoff(attempt: tries) / 2, reason: line, isRateLimit: false))
                continue
            }
            let latency = started.duration(to: .now)
            let snapshot = RateLimitHeaders.parse(answer.headers)
            if !snapshot.isEmpty { onRateLimit(snapshot) }

            let limited = answer.status == 429
            let transient = [502, 503, 504].contains(answer.status) && retriesTransientFailures
            if limited || transient, tries < retry.maxRetries {
                tries += 1
                // A gateway's 502-504 does not say the write did not reach the site.
                if transient, finishesSentRequests { mayHaveRun = true }
                let reason = limited ? "rate limited (429)" : "\(serviceName) answered \(answer.status)"
                switch retry.step(attempt: tries, rateLimited: limited, after: snapshot) {
                case .tooLong(let asked):
                    let line = retry.tooLongLine("\(serviceName) (\(answer.status))", asked: asked)
                    throw mayHaveRun ? unknown(line) : .waitTooLong(line)
                case .wait(let seconds):
                    try await pause(.init(attempt: tries, of: retry.maxRetries, seconds: seconds, reason: reason, isRateLimit: limited))
                }
                continue
            }
            // After an attempt that may have taken effect, only a clear answer settles it: not a
            // "still being processed" (409), not another server error.
            if mayHaveRun, answer.status == 409 || answer.status >= 500 {
                throw unknown("\(serviceName) answered \(answer.status) after an attempt that may have taken effect")
            }
            return Outcome(answer: answer, latencyMs: latency.wholeMilliseconds, rateLimit: snapshot)
        }
    }

    private func wait(_ wait: ProxyClient.Wait, _ onWait: @Sendable (ProxyClient.Wait) -> Void) async throws(ProxyClient.Failure) {
        onWait(wait)
        do {
            try await retry.sleep(seconds: wait.seconds)
        } catch {
            throw .cancelled
        }
    }
}
