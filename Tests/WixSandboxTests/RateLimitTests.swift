import Foundation
import Testing
import WixAgentCore
import WixSandbox

@Suite struct RateLimitTests {
    /// GET /proxy/labels against a sandbox started directly, so the first request opens the window.
    static func labels(_ server: SandboxServer, _ transport: HTTPTransport) async throws -> (HTTPReply, JSONValue) {
        let reply = try await transport.send(method: "GET", url: server.baseURL + "/proxy/labels?integrated_account_id=\(SandboxServer.accountID)", headers: [("authorization", "Bearer t")])
        return (reply, try JSONValue.parse(reply.body))
    }

    @Test func exhaustedBudgetAnswers429WithHeaders() async throws {
        // A long window, so a loaded machine cannot reach its end mid-test.
        let server = try await SandboxServer.start(SandboxOptions(token: "t", rateLimit: RateLimitSpec(requests: 3, windowSeconds: 60)))
        let transport = HTTPTransport()
        var remaining: [String] = []
        for _ in 0..<3 {
            let (reply, _) = try await Self.labels(server, transport)
            #expect(reply.status == 200)
            #expect(reply.header("ratelimit-limit") == "3")
            remaining.append(reply.header("ratelimit-remaining") ?? "")
        }
        #expect(remaining == ["2", "1", "0"])
        let (reply, json) = try await Self.labels(server, transport)
        #expect(reply.status == 429)
        #expect(json["statusCode"] == 429 && json["error"] == "Too Many Requests")
        #expect(json["message"]?.stringValue?.contains("Rate limit exceeded") == true)
        #expect(reply.header("ratelimit-remaining") == "0")
        let reset = try #require(reply.header("ratelimit-reset").flatMap { Int($0) })
        #expect((1...60).contains(reset))
        #expect(reply.header("retry-after") == nil)
        await transport.shutdown()
        await server.stop()
    }

    @Test func requestsSucceedAgainAfterTheReset() async throws {
        // A 5 s window: on a loaded machine five requests took longer than the 2 s it was.
        let server = try await SandboxServer.start(SandboxOptions(token: "t", rateLimit: RateLimitSpec(requests: 1, windowSeconds: 5)))
        let transport = HTTPTransport()
        var limited: HTTPReply?
        for _ in 0..<5 where limited == nil {
            let (reply, _) = try await Self.labels(server, transport)
            if reply.status == 429 { limited = reply }
        }
        let reset = limited?.header("ratelimit-reset").flatMap { Int($0) }
        if let reset { try await Task.sleep(for: .seconds(Double(reset) + 0.05)) }
        let after = try await Self.labels(server, transport).0.status
        // The client is shut down before any expectation can stop the test (it traps if dropped running).
        await transport.shutdown()
        await server.stop()
        #expect(reset.map { (0...5).contains($0) } == true, "a 429 with its reset: \(String(describing: limited?.status))")
        #expect(after == 200)
    }

    @Test func retryAfterIsSentOnlyWhenAskedFor() async throws {
        try await withSandbox(rateLimit: RateLimitSpec(requests: 1, windowSeconds: 30), retryAfterOn429: true) { sandbox in
            let (status, _, reply) = try await sandbox.send("GET", "/proxy/labels?integrated_account_id=\(SandboxServer.accountID)")
            #expect(status == 429)
            let retryAfter = try #require(reply.header("retry-after").flatMap { Int($0) })
            #expect((1...30).contains(retryAfter))
            #expect(reply.header("ratelimit-reset") == String(retryAfter))
        }
    }

    @Test func rateLimitSpecsParse() throws {
        #expect(try RateLimitSpec(parsing: "5/10s") == RateLimitSpec(requests: 5, windowSeconds: 10))
        #expect(try RateLimitSpec(parsing: "100/1m") == RateLimitSpec(requests: 100, windowSeconds: 60))
        #expect(try RateLimitSpec(parsing: "7/3") == RateLimitSpec(requests: 7, windowSeconds: 3))
        for bad in ["", "5", "0/10s", "5/0s", "x/10s", "5/10h", "-1/10s"] {
            #expect(throws: SandboxSetupError.self, "\(bad)") { try RateLimitSpec(parsing: bad) }
        }
    }

    @Test func faultsAnswer503AndApplyNothing() async throws {
        // The harness reads /tools before faults matter only if it succeeds, so start without faults first.
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await SandboxServer.start(SandboxOptions(token: "t", faultRate: 1, dataDirectory: directory))
        let transport = HTTPTransport()
        let reply = try await transport.send(method: "POST", url: server.baseURL + "/proxy/labels?integrated_account_id=\(SandboxServer.accountID)",
                                             headers: [("authorization", "Bearer t")], body: Data(#"{"displayName":"Faulty"}"#.utf8))
        #expect(reply.status == 503)
        #expect(try JSONValue.parse(reply.body)["statusCode"] == 503)
        #expect(reply.header("ratelimit-limit") == "50")
        await transport.shutdown()
        await server.stop()
        try await withSandbox(dataDirectory: directory) { sandbox in
            let labels = try await sandbox.all("list_all_wix_labels")
            #expect(!labels.contains { $0["displayName"] == "Faulty" })
        }
    }
}
