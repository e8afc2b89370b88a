import Foundation
import Testing
import Synchronization
import TestSupport
@testable import WixAgentCore

/// The executor's waits against a real HTTP server that answers with hostile headers
/// (the fake OpenAI server stands in for a tool service: only the status and headers matter).
@Suite("Tool service waits", .serialized)
struct ProxyClientWaitTests {
    func client(_ server: FakeOpenAIServer, http: HTTPTransport) -> ProxyClient {
        ProxyClient(service: ToolService(baseURL: "http://127.0.0.1:\(server.port)", accountID: "acc", apiKey: "k", isSandbox: false),
                    http: http, retry: RetryPolicy(maxRetries: 2, baseDelay: 0.01))
    }

    @Test func anAbsurdRetryAfterOnA503IsIgnoredNotTrapped() async throws {
        let server = try await FakeOpenAIServer.start()
        let http = HTTPTransport()
        server.enqueue(.failure(status: 503, body: "{}", headers: ["retry-after": "1e16", "ratelimit-reset": "1e19"]),
                       .failure(status: 503, body: "{}", headers: ["retry-after": "1e16"]),
                       .failure(status: 503, body: "{}"))
        let waits = WaitLog()
        let exchange = try await client(server, http: http).send(
            method: "POST", target: "/v1/chat/completions", body: [:], retriesTransientFailures: true, onWait: waits.append)
        await http.shutdown()
        await server.stop()
        #expect(exchange.reply.status == 503)
        #expect(waits.seconds.count == 2 && waits.seconds.allSatisfy { $0 < 1 }, "malformed delays fall back to backoff: \(waits.seconds)")
    }

    @Test func aWaitLongerThanMaxWaitFailsAtOnceSayingHowLong() async throws {
        let server = try await FakeOpenAIServer.start()
        let http = HTTPTransport()
        server.enqueue(.failure(status: 503, body: "{}", headers: ["retry-after": "3600"]), .text("never"))
        var line = ""
        do {
            _ = try await client(server, http: http).send(method: "POST", target: "/v1/chat/completions", body: [:], retriesTransientFailures: true)
            Issue.record("expected a failure")
        } catch {
            line = error.description
        }
        await http.shutdown()
        await server.stop()
        // Not slept: a sleep would come before a second request, and there is none.
        #expect(line.contains("asked to wait 3600 s (until ") && line.contains("max_wait (60 s)"), "\(line)")
        #expect(server.requests.count == 1)
    }
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [Double] = []
    func append(_ wait: ProxyClient.Wait) { lock.withLock { all.append(wait.seconds) } }
    var seconds: [Double] { lock.withLock { all } }
}

/// A write whose answer was too large may have run: it is "outcome unknown", never "not run".
@Suite("Retry loop")
struct RetryLoopTests {
    @Test func aWriteWhoseAnswerIsTooLargeIsOutcomeUnknownAndAReadIsUnreachable() async {
        let loop = RetryLoop(retry: RetryPolicy(), serviceName: "MCP source x")
        for write in [true, false] {
            do {
                _ = try await loop.run(retriesTransientFailures: !write, finishesSentRequests: write) { () async throws -> RetryLoop.Answer<Int> in
                    throw ResponseTooLarge(status: 200, maxBytes: 32 << 20)
                }
                Issue.record("a body past the bound was accepted")
            } catch {
                switch (write, error) {
                case (true, .outcomeUnknown(let line)): #expect(line.contains("it may have taken effect"))
                case (false, .unreachable(let line)): #expect(line.contains("larger than 32 MB"))
                default: Issue.record("\(write ? "write" : "read"): \(error)")
                }
            }
        }
    }

    /// A keyed write whose first attempt was dropped after sending: however the loop ends
    /// without a clear answer (its retries refused, gateway errors, a 409, stopped while
    /// waiting), the outcome is unknown, never "not run" or a plain error.
    @Test func aWriteThatMayHaveRunStaysUnknownHoweverTheRetriesEnd() async {
        struct Dropped: Error, CustomStringConvertible { var description: String { "remoteConnectionClosed" } }
        struct Refused: Error, CustomStringConvertible { var description: String { "connectionRefused" } }
        let endings: [(String, @Sendable () throws -> RetryLoop.Answer<Int>)] = [
            ("refused", { throw Refused() }),
            ("503", { RetryLoop.Answer(status: 503, headers: [], value: 0) }),
            ("409", { RetryLoop.Answer(status: 409, headers: [], value: 0) }),
        ]
        for (name, later) in endings {
            let loop = RetryLoop(retry: RetryPolicy(maxRetries: 2, maxConnectionRetries: 2, baseDelay: 0.001, maxWait: 1), serviceName: "Truto")
            let tries = Mutex(0)
            do {
                _ = try await loop.run(retriesTransientFailures: true, finishesSentRequests: true) { () async throws -> RetryLoop.Answer<Int> in
                    let n = tries.withLock { $0 += 1; return $0 }
                    if n == 1 { throw Dropped() }
                    return try later()
                }
                Issue.record("\(name): answered")
            } catch {
                guard case .outcomeUnknown = error else { Issue.record("\(name): \(error)"); continue }
            }
            #expect(tries.withLock { $0 } > 1, "\(name): it was sent again")
        }
        // Stopped while waiting to send it again.
        let loop = RetryLoop(retry: RetryPolicy(maxConnectionRetries: 2, baseDelay: 30, maxWait: 60), serviceName: "Truto")
        let task = Task {
            try await loop.run(retriesTransientFailures: true, finishesSentRequests: true) { () async throws -> RetryLoop.Answer<Int> in throw Dropped() }
        }
        try? await Task.sleep(for: .milliseconds(200))
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("stopped: answered")
        } catch {
            guard case .outcomeUnknown? = error as? ProxyClient.Failure else { Issue.record("stopped: \(error)"); return }
        }
    }

    @Test func aRequestKnownNotToHaveBeenSentIsNotRunEvenForAWrite() async {
        let loop = RetryLoop(retry: RetryPolicy(maxConnectionRetries: 0), serviceName: "MCP source x")
        do {
            _ = try await loop.run(retriesTransientFailures: false, finishesSentRequests: true) { () async throws -> RetryLoop.Answer<Int> in
                throw RequestNotSent("the server exited with status 1")
            }
            Issue.record("a request that was never sent came back as answered")
        } catch {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
        }
    }
}

@Suite("Durations in milliseconds")
struct DurationMillisecondsTests {
    @Test func wholeMillisecondsNeverTrap() {
        #expect(Duration.milliseconds(1234).wholeMilliseconds == 1234)
        #expect((Duration.seconds(2) + .microseconds(999)).wholeMilliseconds == 2000)
        #expect(Duration.seconds(Int64.max).wholeMilliseconds == .max)
        #expect(Duration.seconds(Int64.min).wholeMilliseconds == .min)
        #expect(Duration.seconds(Int64.max / 1000).wholeMilliseconds == Int(Int64.max / 1000) * 1000)
    }
}
