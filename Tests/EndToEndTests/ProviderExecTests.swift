import Foundation
import Testing
import TestSupport
import WixAgentCore

/// `wixagent exec` against local servers that speak OpenAI's and Anthropic's wire formats.
@Suite("exec with real provider wire formats", .serialized)
struct ProviderExecTests {
    static let openAIKey = "sk-e2e-openai-secret-4242"
    static let anthropicKey = "sk-ant-e2e-secret-4242"

    /// The model's side of "check order 12345 and cancel it": get, cancel, answer.
    static let cancelScript: [ScriptedReply] = [
        .toolCall(name: "get_single_wix_order_by_id", arguments: #"{"id": "12345"}"#, id: "call_1", fragments: 4),
        .toolCall(name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#, id: "call_2", fragments: 3),
        .text("Order 12345 was approved and is now canceled."),
    ]

    func runCancelFlow<Wire>(_ server: FakeLLMServer<Wire>, provider: String, keyVariable: String, key: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(
            ["exec", "Check order 12345 and cancel it", "--provider", provider, "--llm-base-url", server.baseURL,
             "--sandbox", "--allow", "wix_orders_cancel"],
            extraEnvironment: [keyVariable: key])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("is now canceled"))
        #expect(!run.stdout.contains(key) && !run.stderr.contains(key))

        let requests = server.requests
        #expect(requests.count == 3)
        // The last request carries both tool results, the cancel one showing the new status.
        let lastBody = requests.last?.rawBody ?? ""
        #expect(lastBody.contains("CANCELED"))
        #expect(lastBody.contains("call_2"))

        let check = try await cli.run(["exec", #"/call get_single_wix_order_by_id {"id": "12345"}"#, "--provider", "offline"])
        #expect(check.stdout.contains("CANCELED"))
    }

    @Test func openAIStreamingCancelsTheOrder() async throws {
        let server = try await FakeOpenAIServer.start()
        server.enqueue(Self.cancelScript[0], Self.cancelScript[1], Self.cancelScript[2])
        try await runCancelFlow(server, provider: "openai", keyVariable: "OPENAI_API_KEY", key: Self.openAIKey)
        #expect(server.requests.first?.header("authorization") == "Bearer \(Self.openAIKey)")
        #expect(server.requests.first?.wantsStream == true)
        await server.stop()
    }

    @Test func anthropicStreamingCancelsTheOrder() async throws {
        let server = try await FakeAnthropicServer.start()
        server.enqueue(Self.cancelScript[0], Self.cancelScript[1], Self.cancelScript[2])
        try await runCancelFlow(server, provider: "anthropic", keyVariable: "ANTHROPIC_API_KEY", key: Self.anthropicKey)
        #expect(server.requests.first?.header("x-api-key") == Self.anthropicKey)
        await server.stop()
    }

    @Test func aProvider429IsWaitedOutAndTheTurnSucceeds() async throws {
        let server = try await FakeOpenAIServer.start()
        server.enqueue(.rateLimited(retryAfter: 1, reset: 3), .text("Hello after the wait."))
        let cli = try CLI()
        defer { cli.cleanUp() }
        let started = Date()
        let run = try await cli.run(["exec", "hi", "--provider", "openai", "--llm-base-url", server.baseURL],
                              extraEnvironment: ["OPENAI_API_KEY": Self.openAIKey])
        let elapsed = Date().timeIntervalSince(started)
        await server.stop()
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Hello after the wait."))
        #expect(run.stderr.contains("waiting 1.0 s before retry 1/5"), "Retry-After beats ratelimit-reset: \(run.stderr)")
        #expect(elapsed >= 1 && elapsed < 20)  // the stderr line above proves which header won
        #expect(server.requests.count == 2)
    }

    @Test(arguments: [
        (ScriptedReply.error(status: 401, message: "Incorrect API key provided"), "401"),
        (ScriptedReply.error(status: 404, message: "The model `gpt-x` does not exist"), "404"),
        (ScriptedReply.error(status: 500, message: "internal"), "500"),
        (ScriptedReply.brokenStream(), "stream"),
        (ScriptedReply.malformedJSON, "JSON"),
    ])
    func providerFailuresAreOneLineAndExit1(reply: ScriptedReply, mentions: String) async throws {
        let server = try await FakeOpenAIServer.start()
        server.enqueue(reply)
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "hi", "--provider", "openai", "--model", "gpt-x", "--llm-base-url", server.baseURL],
                              extraEnvironment: ["OPENAI_API_KEY": Self.openAIKey])
        await server.stop()
        #expect(run.status == 1, "stderr: \(run.stderr)")
        let lines = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("session ") }
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains(mentions))
        #expect(!run.stderr.contains(Self.openAIKey) && !run.stdout.contains(Self.openAIKey))
    }

    /// Two updates of one task in one reply, through `exec` and a real wire format: the rules
    /// allow an update of an open task and deny one of a completed task. The second is judged on
    /// the task as the first left it (completed), so it is refused; the title never changes.
    @Test func theSecondWriteOfAReplyIsJudgedOnTheRecordTheFirstLeft() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let tasks = try await cli.callTool("list_all_wix_tasks", #"{"limit": 10}"#) as? [String: Any]
        let task = try #require((tasks?["result"] as? [[String: Any]])?.first { $0["status"] as? String == "ACTION_NEEDED" }?["id"] as? String)
        try cli.writeConfig("""
            [[rules]]
            tool = "update_a_wix_task_by_id"
            decision = "allow"
            when = { "target.status" = "ACTION_NEEDED" }
            [[rules]]
            tool = "update_a_wix_task_by_id"
            decision = "deny"
            when = { "target.status" = "COMPLETED" }
            """)
        let server = try await FakeOpenAIServer.start()
        server.enqueue(.answer(ScriptedAnswer(toolCalls: [
            ScriptedToolCall(id: "a", name: "update_a_wix_task_by_id", arguments: #"{"id": "\#(task)", "status": "COMPLETED"}"#),
            ScriptedToolCall(id: "b", name: "update_a_wix_task_by_id", arguments: #"{"id": "\#(task)", "title": "closed"}"#),
        ])), .text("Done."))
        let run = try await cli.run(["exec", "close it and rename it", "--provider", "openai", "--llm-base-url", server.baseURL, "--sandbox", "--json"],
                                    extraEnvironment: ["OPENAI_API_KEY": Self.openAIKey])
        await server.stop()
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Changed since it was decided: status: ACTION_NEEDED → COMPLETED"), "\(run.stdout)")
        #expect(run.stdout.contains("denied by rule 2"))
        let after = try await cli.callTool("get_single_wix_task_by_id", #"{"id": "\#(task)"}"#) as? [String: Any]
        let record = (after?["task"] as? [String: Any]) ?? (after?["result"] as? [String: Any]) ?? after
        #expect(record?["status"] as? String == "COMPLETED")
        #expect(record?["title"] as? String != "closed", "the second update ran on a completed task")
    }
}
