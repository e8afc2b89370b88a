import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// `/resend`: the writes whose outcome is unknown are proposed again with their idempotency keys.
@Suite struct ResendUpdateTests {
    static func ranWrite(_ id: String, _ outcome: ToolOutcome, tool: Tool = Fixtures.writeTool, keyed: Bool = true, into s: inout AppState) {
        Fixtures.send([
            .agent(.turnStarted(userText: "go")),
            .agent(.toolProposed(callID: id, providerCallID: nil, toolName: tool.name, access: tool.access, arguments: ["orderId": "o-1"],
                                 requestLine: "POST /x", identity: tool.identity)),
            .agent(.approvalDecided(callID: id, approved: true, decidedBy: .user, reason: nil, arguments: ["orderId": "o-1"])),
            .agent(.sending(callID: id, attempt: 1, idempotencyKey: keyed ? IdempotencyKey.of(callID: id) : nil)),
            .agent(.toolFinished(callID: id, outcome)),
            .agent(.finished(answer: "ok")),
        ], to: &s)
    }

    @Test func onlyWritesWithAnUnknownOutcomeAreSentAgainWithTheirKeys() throws {
        var s = Fixtures.state()
        Self.ranWrite("call-a", ToolOutcome(status: 200, latencyMs: 5, response: [:], isError: false, summary: "200 OK"), into: &s)
        Self.ranWrite("call-b", ToolOutcome(failure: .outcomeUnknown("sent, but no answer came")), into: &s)
        Self.ranWrite("call-c", ToolOutcome(notRun: "could not reach the sandbox"), into: &s)
        // An MCP tool's write carries no key: the service could not tell a second one from a new write.
        Self.ranWrite("call-d", ToolOutcome(failure: .outcomeUnknown("no answer")), keyed: false, into: &s)
        #expect(Fixtures.render(s).text.contains("outcome unknown") || s.call("call-b")?.call.outcome?.isUnknown == true)
        Fixtures.type("/resend", into: &s)
        let commands = Fixtures.send([.key(.enter)], to: &s)
        guard case .runProgramCalls(let text, let program)? = commands.first else {
            Issue.record("no program calls: \(commands)")
            return
        }
        #expect(text == "/resend call 2")
        #expect(program.calls.map(\.name) == ["wix_orders_cancel"])
        let key = try #require(program.keys?.first)
        #expect(CallKey.root(of: key) == "call-b" && key != "call-b")
        #expect(key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "a provider takes it as a tool call id: \(key)")
        #expect(IdempotencyKey.of(callID: key) == IdempotencyKey.of(callID: "call-b"))
        #expect(s.turnRunning)

        // Its dialog: `e` does not edit a resend (another body under the same key would be another write).
        Fixtures.send([.agent(.toolProposed(callID: key, providerCallID: nil, toolName: Fixtures.writeTool.name, access: .write,
                                            arguments: ["orderId": "o-1"], requestLine: "POST /x", identity: Fixtures.writeTool.identity)),
                       .agent(.approvalNeeded(Fixtures.approval(key)))], to: &s)
        Fixtures.look(at: &s)
        #expect(Fixtures.send([.key(.char("e"))], to: &s).isEmpty)
        #expect(s.approvalDialog == .choosing && s.approvalNotice?.contains("A resend goes out as the first request did") == true)
    }

    @Test func nothingToResendSaysSoAndAToolThatChangedIsNotSentAgain() {
        var s = Fixtures.state()
        Self.ranWrite("call-a", ToolOutcome(status: 200, latencyMs: 5, response: [:], isError: false, summary: "200 OK"), into: &s)
        Fixtures.type("/resend", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.entries.last?.text.hasPrefix("Nothing to resend") == true)

        var other = Fixtures.writeTool
        other.source = "crm"
        Self.ranWrite("call-b", ToolOutcome(failure: .outcomeUnknown("no answer")), tool: other, into: &s)
        Fixtures.type("/resend", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.entries.last?.text.contains("is not the one it ran as") == true)
    }
}
