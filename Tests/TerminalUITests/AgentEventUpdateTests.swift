import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

@Suite struct AgentEventUpdateTests {
    @Test func streamedDeltasGrowOneAgentEntry() {
        var s = Fixtures.state()
        Fixtures.type("hi", into: &s)
        Fixtures.send([.key(.enter), .agent(.turnStarted(userText: "hi"))], to: &s)
        Fixtures.send(["Hel", "lo ", "世界"].map { .agent(.textDelta($0)) }, to: &s)
        Fixtures.send([.agent(.message(.assistant(text: "Hello 世界", toolCalls: []))), .agent(.finished(answer: "Hello 世界"))], to: &s)
        let agents = s.entries.filter { $0.kind == .agent }
        #expect(agents.map(\.text) == ["Hello 世界"])
        #expect(agents[0].revision == 2)
        #expect(!s.turnRunning)
    }

    @Test func nonStreamedAnswerStillAppears() {
        var s = Fixtures.state()
        Fixtures.send([.agent(.message(.assistant(text: "whole answer", toolCalls: [])))], to: &s)
        #expect(s.entries.last?.text == "whole answer")
    }

    @Test func toolCallGoesThroughEveryState() {
        var s = Fixtures.state()
        let id = "c1"
        Fixtures.send([.agent(.toolProposed(callID: id, providerCallID: nil, toolName: "list_all_wix_orders", access: .read, arguments: ["limit": 2, "api_key": "sk-123"], requestLine: "GET /proxy/wix/orders?integrated_account_id=x&token=abc"))], to: &s)
        #expect(s.entries.last?.kind == .tool(callID: id))
        #expect(s.selectedCall == 0)
        let record = { s.call(id)! }
        #expect(!record().argumentsText.contains("sk-123"))
        #expect(record().argumentsText.contains("«redacted: 6 characters»"), "a mask says how long the hidden value is")
        #expect(record().requestLine == "GET /proxy/wix/orders?integrated_account_id=x&token=\(Redaction.mask)")
        Fixtures.send([.agent(.toolStateChanged(callID: id, .running))], to: &s)
        #expect(ToolLine.label(record(), now: s.now) == "running")
        Fixtures.send([.agent(.rateLimit(.tools, RateLimitSnapshot(limit: 50, remaining: 0, resetSeconds: 7, observedAt: Fixtures.t0)))], to: &s)
        Fixtures.send([.agent(.waiting(.tools, callID: id, seconds: 7, attempt: 1, of: 5, reason: "429")), .agent(.toolStateChanged(callID: id, .waitingForRateLimit(seconds: 7)))], to: &s)
        #expect(ToolLine.label(record(), now: s.now) == "waiting 7s for rate limit")
        Fixtures.send([.tick], to: &s, at: Fixtures.t0.addingTimeInterval(3))
        #expect(ToolLine.label(record(), now: s.now) == "waiting 4s for rate limit")
        let status = Fixtures.render(s).text
        #expect(status.contains("tools 0/50 reset 4s"))
        #expect(status.contains("tools retry 1/5 in 4s"))
        Fixtures.send([.agent(.waiting(.tools, callID: id, seconds: 2, attempt: 2, of: 5, reason: "503")), .agent(.toolStateChanged(callID: id, .retrying(attempt: 2, of: 5)))], to: &s, at: Fixtures.t0.addingTimeInterval(7))
        #expect(ToolLine.label(record(), now: s.now) == "retry 2/5 in 2s")
        Fixtures.send([
            .agent(.toolStateChanged(callID: id, .done)),
            .agent(.toolFinished(callID: id, ToolOutcome(status: 200, latencyMs: 35, response: ["result": [], "password": "p"], isError: false, summary: "200 OK"))),
        ], to: &s, at: Fixtures.t0.addingTimeInterval(10))
        #expect(ToolLine.label(record(), now: s.now) == "done 200 · 35 ms")
        #expect(record().responseText?.contains("\"p\"") == false)
        #expect(s.status.retry == nil)
    }

    @Test func failedAndRejectedCalls() {
        var s = Fixtures.state()
        Fixtures.send([
            .agent(.toolProposed(callID: "f", providerCallID: nil, toolName: "wix_orders_cancel", access: .write, arguments: [:], requestLine: nil)),
            .agent(.toolFinished(callID: "f", ToolOutcome(status: nil, latencyMs: nil, response: "invalid", isError: true, summary: "orderId: is required"))),
        ], to: &s)
        #expect(ToolLine.label(s.call("f")!, now: s.now) == "failed: orderId: is required")
        Fixtures.propose("r", into: &s)
        Fixtures.send([
            .agent(.approvalDecided(callID: "r", approved: false, decidedBy: .policy, reason: "read-only policy", arguments: ["orderId": "o-1"])),
            .agent(.toolStateChanged(callID: "r", .rejected)),
        ], to: &s)
        #expect(s.approvals.isEmpty)
        #expect(ToolLine.label(s.call("r")!, now: s.now) == "rejected: read-only policy")
        #expect(Fixtures.render(s).text.contains("✗ wix_orders_cancel · rejected: read-only policy"))
    }

    @Test func usageAddsUpAndFailureEndsTheTurn() {
        var s = Fixtures.state()
        Fixtures.type("x", into: &s)
        Fixtures.send([.key(.enter), .agent(.usage(TokenUsage(input: 100, output: 20))), .agent(.usage(TokenUsage(input: 5, output: 5)))], to: &s)
        #expect(s.status.tokens.input + s.status.tokens.output == 130)
        Fixtures.send([.agent(.failed("OpenAI answered 401: check OPENAI_API_KEY"))], to: &s)
        #expect(!s.turnRunning)
        #expect(s.entries.last == ChatEntry(id: s.entries.last!.id, kind: .error, text: "OpenAI answered 401: check OPENAI_API_KEY"))
        #expect(Fixtures.render(s).text.contains("tokens 130"))
    }

    /// A server's usage figures cannot overflow the status bar's sums.
    @Test func tokenSumsSaturate() {
        #expect(AgentEventHandling.saturating(.max - 1, 5) == .max)
        #expect(AgentEventHandling.saturating(10, -3) == 10)
        #expect(AgentEventHandling.saturating(10, 5) == 15)
    }
}
