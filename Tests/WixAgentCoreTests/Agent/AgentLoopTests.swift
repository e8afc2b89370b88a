import Foundation
import Synchronization
import Testing
import TestSupport
import WixSandbox
@testable import WixAgentCore
import WixOfflineModel

@Suite("Agent loop against the sandbox over HTTP", .serialized)
struct AgentLoopTests {
    @Test func offlineModelCancelsOrder12345WhenAllowed() async throws {
        let site = try await SandboxFixture.start()
        let log = EventLog()
        let agent = site.agent(model: OfflineModel(), rules: ToolRules(allow: ["wix_orders_cancel"]))
        await agent.runTurn("Check order 12345 and cancel it", ask: ApprovalAsking.direct { _ in .reject(reason: nil) }, emit: log.append)
        let order = await site.call("get_single_wix_order_by_id", ["id": "12345"])
        await site.stop()

        #expect(log.failure == nil)
        #expect(Self.status(of: order.response) == "CANCELED")
        #expect(log.finishedAnswer?.contains("now canceled") == true)
        // The order is named by the id the user typed, with the buyer-facing number beside it.
        let number = try #require(RecordBody.unwrap(order.response)?["number"]?.stringValue)
        #expect(log.finishedAnswer?.hasPrefix("Order 12345 (number \(number)): ") == true, "\(log.finishedAnswer ?? "")")
    }

    @Test func withoutAllowTheOrderStaysAndTheAnswerSaysWhy() async throws {
        let site = try await SandboxFixture.start()
        let log = EventLog()
        let agent = site.agent(model: OfflineModel())
        await agent.runTurn("Check order 12345 and cancel it", ask: ApprovalAsking.direct { _ in .reject(reason: nil) }, emit: log.append)
        let order = await site.call("get_single_wix_order_by_id", ["id": "12345"])
        await site.stop()

        #expect(Self.status(of: order.response) != "CANCELED")
        let answer = try #require(log.finishedAnswer)
        #expect(answer.contains("did not cancel"))
        #expect(answer.contains("--allow wix_orders_cancel"))
    }

    @Test func invalidCallsBecomeToolErrorsWithoutAnyRequest() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "a", name: "get_single_wix_order_by_id", arguments: #"{"id": "12345""#))],
            [.toolCall(ToolCall(id: "b", name: "no_such_tool", arguments: "{}"))],
            [.toolCall(ToolCall(id: "c", name: "get_single_wix_order_by_id", arguments: #"{"id": 12345}"#))],
            [.toolCall(ToolCall(id: "d", name: "list_all_wix_orders", arguments: #"{"limit": 1}"#))],
            [.textDelta("ok")],
        ])
        let log = EventLog()
        await site.agent(model: model).runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        await site.stop()

        let results = model.requests.last!.messages.compactMap { message -> (String, Bool)? in
            if case .toolResult(_, _, let content, let isError) = message { (content, isError) } else { nil }
        }
        #expect(results.count == 4)
        #expect(results[0].0.contains("not valid JSON") && results[0].1)
        #expect(results[1].0.contains("unknown tool") && results[1].1)
        #expect(results[2].0.contains("id: expected string") && results[2].1)
        #expect(!results[3].1)
        // Only the valid call reached the site: the first HTTP exchange of the turn is its.
        let statuses = log.outcomes.compactMap(\.status)
        #expect(statuses == [200])
    }

    @Test func aUserRejectionReachesTheModelWithTheReason() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "x", name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#))],
            [.textDelta("understood")],
        ])
        let log = EventLog()
        await site.agent(model: model, interactive: true).runTurn("cancel it", ask: ApprovalAsking.direct { _ in .reject(reason: "customer called back") }, emit: log.append)
        let order = await site.call("get_single_wix_order_by_id", ["id": "12345"])
        await site.stop()

        let last = model.requests.last!.messages.last!
        guard case .toolResult(_, _, let content, true) = last else {
            Issue.record("expected a tool error result, got \(last)")
            return
        }
        #expect(content.contains("The user rejected this call: customer called back. Do not retry"))
        #expect(Self.status(of: order.response) != "CANCELED")
        #expect(log.events.contains { if case .approvalNeeded = $0 { true } else { false } })
    }

    @Test func editedArgumentsAreRevalidatedAndUsed() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "x", name: "get_single_wix_order_by_id", arguments: #"{"id": "1"}"#))],
            [.textDelta("ok")],
        ])
        let log = EventLog()
        await site.agent(model: model, policy: .askAll, interactive: true).runTurn("get", ask: ApprovalAsking.direct { _ in .editAndApprove(["id": "12345"]) }, emit: log.append)
        await site.stop()
        let line = log.events.compactMap { if case .approvalDecided(_, true, .user, _, let args, _, _) = $0 { args } else { nil } }.first
        #expect(line == ["id": "12345"])
        #expect(log.outcomes.first?.status == 200)
    }

    @Test func aRateLimitIsWaitedOutAndNeverShownToTheModel() async throws {
        let site = try await SandboxFixture.start(rateLimit: RateLimitSpec(requests: 2, windowSeconds: 3))
        // The catalog fetch used one request; one more fits in the window, the second call waits.
        let calls = (0..<2).map { i in ModelEvent.toolCall(ToolCall(id: "r\(i)", name: "list_all_wix_orders", arguments: #"{"limit": 1}"#)) }
        let model = ScriptedModel([calls, [.textDelta("ok")]])
        let log = EventLog()
        let started = Date()
        await site.agent(model: model).runTurn("list", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        let elapsed = Date().timeIntervalSince(started)
        await site.stop()

        let waits = log.waits.filter { $0.service == .tools }
        #expect(waits.count >= 1)
        #expect(waits.allSatisfy { $0.seconds >= 0 && $0.seconds <= 3 })
        #expect(waits.contains { $0.seconds > 0 }, "the second call waited for the window: \(waits)")
        #expect(elapsed >= (waits.map(\.seconds).max() ?? 0) - 0.2, "the wait really happened")
        #expect(log.outcomes.map(\.status) == [200, 200])
        let sent = model.requests.last!.messages.map { "\($0)" }.joined()
        #expect(!sent.contains("429") && !sent.lowercased().contains("rate limit"))
    }

    @Test func longResultsAreShortenedForTheModelButKeptWhole() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "x", name: "list_all_wix_orders", arguments: #"{"limit": 100}"#))],
            [.textDelta("ok")],
        ])
        let log = EventLog()
        let agent = Agent(model: model, catalog: site.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .auto), systemPrompt: { "" }, resultLimit: 2_000)
        await agent.runTurn("list", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        await site.stop()
        guard case .toolResult(_, _, let content, false) = model.requests.last!.messages.last! else {
            Issue.record("expected a tool result")
            return
        }
        #expect(content.contains("[Result shortened for you"))
        #expect(content.count < 2_300)
        #expect(log.outcomes.first!.response.compactText.count > 2_000)
    }

    @Test func theSystemPromptIsWrittenWhenEachTurnStarts() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "x", name: "list_all_wix_orders", arguments: #"{"limit": 1}"#))],
            [.textDelta("first")],
            [.textDelta("second")],
        ])
        let turns = Mutex(0)
        let agent = Agent(model: model, catalog: site.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .auto),
                          systemPrompt: { "prompt of turn \(turns.withLock { $0 += 1; return $0 })" })
        await agent.runTurn("one", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: { _ in })
        await agent.runTurn("two", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: { _ in })
        await site.stop()
        // Both steps of the first turn carry its prompt; the second turn wrote a new one.
        #expect(model.requests.map(\.system) == ["prompt of turn 1", "prompt of turn 1", "prompt of turn 2"])
    }

    @Test func cancellingATurnAnswersEveryCall() async throws {
        let site = try await SandboxFixture.start()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "w1", name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#)),
             .toolCall(ToolCall(id: "w2", name: "wix_orders_cancel", arguments: #"{"id": "12346"}"#))],
        ])
        let inbox = ApprovalInbox()
        let log = EventLog()
        let agent = site.agent(model: model, interactive: true)
        let turn = Task { await agent.runTurn("cancel both", ask: inbox.asker, emit: log.append) }
        while !log.events.contains(where: { if case .approvalNeeded = $0 { true } else { false } }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        turn.cancel()
        await inbox.cancelAll(reason: "the user interrupted the turn")
        await turn.value
        await site.stop()

        let messages = await agent.messages
        let answered = Set(messages.compactMap { if case .toolResult(let id, _, _, _) = $0 { id } else { nil } })
        #expect(answered == ["w1", "w2"])
        #expect(log.events.contains { if case .cancelled = $0 { true } else { false } })
    }

    static func status(of response: JSONValue) -> String? {
        (response["order"] ?? response["result"] ?? response)["status"]?.stringValue
    }
}
