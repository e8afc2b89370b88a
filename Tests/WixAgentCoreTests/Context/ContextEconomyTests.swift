import Foundation
import Testing
import TestSupport
@testable import WixAgentCore

/// Context economy: the window is known, requests are compacted before they pass it, a server's
/// refusal (or silent truncation, or empty reply) is recovered from, and a large catalog is
/// loaded on demand through `search_tools`.
@Suite("Context economy", .serialized)
struct ContextEconomyTests {
    @Test func theWindowComesFromTheFlagTheEnvironmentTheConfigOrTheTable() throws {
        #expect(ContextWindow.known(for: "gpt-4o") == 128_000)
        #expect(ContextWindow.known(for: "gpt-4o-mini-2024-07-18") == 128_000)
        #expect(ContextWindow.known(for: "claude-sonnet-4-5") == 200_000)
        #expect(ContextWindow.known(for: "llama3.1:8b") == 131_072)
        #expect(ContextWindow.known(for: "my-finetune") == nil)
        var file = ConfigFile()
        file.contextWindow = 50_000
        /// The window a run gets, and where `wixagent config` says it came from.
        func window(_ flag: Int?, _ env: String?, _ model: String = "gpt-4o") throws -> (Int, String) {
            var flags = CommandLineSettings()
            flags.contextWindow = flag
            flags.model = model
            let settings = try Settings.resolve(flags: flags, environment: env.map { ["WIXAGENT_CONTEXT_WINDOW": $0] } ?? [:], file: file)
            return (settings.context.window, settings.origins.first { $0.key == "context_window" }?.source ?? "")
        }
        #expect(try window(20_000, "30000") == (20_000, "flag --context-window"))
        #expect(try window(20_000, "lots") == (20_000, "flag --context-window"), "the flag wins, so the variable is not read")
        #expect(try window(nil, "30000") == (30_000, "environment WIXAGENT_CONTEXT_WINDOW"))
        #expect(try window(nil, nil) == (50_000, "config file"))
        file.contextWindow = nil
        #expect(try window(nil, nil) == (128_000, "default for gpt-4o"))
        #expect(try window(nil, nil, "my-finetune").0 == ContextWindow.unknown)
        #expect(throws: ConfigError.self) { try window(nil, "lots") }
        #expect(throws: ConfigError.self) { try window(12, nil) }
    }

    /// The estimator never counts less than the fake servers' tokenizer (a token per four bytes),
    /// and at most about a third more.
    @Test func wildSharesAndScalesNeverReachTheConversion() {
        #expect(ContextPolicy(window: 32_768, compactAt: .nan).limit == ContextPolicy(window: 32_768).limit)
        #expect(ContextPolicy(window: 32_768, compactAt: 5).limit == Int(32_768 * 0.95) - 4_096)
        let request = ChatRequest(system: "abc", messages: [], tools: [])
        #expect(ContextUsage(request: request, window: 1, elidable: 0, scale: .infinity).system == TokenEstimate.tokens("abc"))
    }

    @Test func theEstimateIsConservative() {
        for text in ["Check order 12345 and cancel it", String(repeating: #"{"id":"12345","status":"APPROVED"},"#, count: 200), "naïve café ☕"] {
            let counted = text.utf8.count / 4
            let estimate = TokenEstimate.tokens(text)
            #expect(estimate >= counted && estimate <= counted * 4 / 3 + 2, "\(estimate) vs \(counted)")
        }
    }

    @Test(arguments: [
        (400, #"{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}"#, 128_000 as Int?),
        (400, #"{"object":"error","message":"This model's maximum context length is 32768 tokens. However, you requested 40000 tokens in the messages.","type":"BadRequestError","code":400}"#, 32_768),
        (400, #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210345 tokens > 200000 maximum"}}"#, 200_000),
        (400, #"{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}}"#, 4_096),
        (500, #"{"error":"Context size has been exceeded."}"#, nil),
        (413, "request entity too large", nil),
    ])
    func everyServersWayOfSayingTooLongIsRecognized(status: Int, body: String, window: Int?) {
        let found = ContextOverflow.parse(status: status, body: Data(body.utf8))
        #expect(found != nil, "not recognized: \(body)")
        #expect(found?.window == window)
    }

    @Test func otherRefusalsAreNotOverflows() {
        #expect(ContextOverflow.parse(status: 400, body: Data(#"{"error":{"message":"Invalid value for 'tools'"}}"#.utf8)) == nil)
        #expect(ContextOverflow.parse(status: 401, body: Data(#"{"error":{"message":"maximum context length is 5 tokens"}}"#.utf8)) == nil)
        let counted = ContextOverflow.parse(status: 400, body: Data(#"{"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9500 tokens."}}"#.utf8))
        #expect(counted?.window == 8_192 && counted?.requested == 9_500, "what the server counted, to scale the estimate by")
    }

    static func turn(_ n: Int, bytes: Int) -> [ChatMessage] {
        let result = JSONValue.object(["result": .array((0..<5).map { _ in .string(String(repeating: "x", count: bytes / 5)) })]).compactText
        return [.user("turn \(n)"), .assistant(text: "", toolCalls: [ToolCall(id: "c\(n)", name: "list_all_wix_orders", arguments: "{}")]),
                .toolResult(callID: "c\(n)", name: "list_all_wix_orders", content: result, isError: false), .assistant(text: "done \(n)", toolCalls: [])]
    }

    @Test func oldResultsBecomeStubsAndTheLastTurnsStayWhole() {
        let messages = (1...4).flatMap { Self.turn($0, bytes: 3_000) }
        let (compacted, elided, saved) = Compaction.elideOldResults(messages)
        #expect(elided == 2 && saved > 1_500)
        let results = compacted.compactMap { if case .toolResult(_, _, let content, _) = $0 { content } else { nil } }
        #expect(results[0].hasPrefix("[Result elided to save context: list_all_wix_orders answered") && results[0].contains("5 records"))
        #expect(results[2].utf8.count > 3_000 && results[3].utf8.count > 3_000, "the last two turns keep their results")
        #expect(compacted.count == messages.count, "the conversation keeps its shape")
    }

    @Test func theSummaryCarriesTheProgramsOwnRecordOfWrites() {
        let messages: [ChatMessage] = [
            .user("cancel 12345 and 12346"),
            .assistant(text: "", toolCalls: [ToolCall(id: "a", name: "wix_orders_cancel", arguments: #"{"id":"12345"}"#),
                                             ToolCall(id: "b", name: "wix_orders_cancel", arguments: #"{"id":"12346"}"#),
                                             ToolCall(id: "c", name: "get_single_wix_order_by_id", arguments: #"{"id":"1"}"#)]),
            .toolResult(callID: "a", name: "wix_orders_cancel", content: #"{"order":{"status":"CANCELED"}}"#, isError: false),
            .toolResult(callID: "b", name: "wix_orders_cancel", content: "The user rejected this call.", isError: true),
            .toolResult(callID: "c", name: "get_single_wix_order_by_id", content: "{}", isError: false),
        ]
        let facts = Compaction.recordedFacts(messages, isWrite: { $0.name == "wix_orders_cancel" }, grants: ["create_a_wix_task"])
        #expect(facts.contains(#"- wix_orders_cancel {"id":"12345"}: ran"#))
        #expect(facts.contains(#"- wix_orders_cancel {"id":"12346"}: NOT run: The user rejected"#))
        #expect(!facts.contains("get_single_wix_order_by_id"), "reads are not listed")
        #expect(facts.contains("grants in force): create_a_wix_task"))
    }

    /// A model server whose window is smaller than the one declared: each way it says so (or
    /// does not) is recovered from within the turn, and no later request passes its window.
    @Test(arguments: [FakeOpenAIServer.Overflow.refuse, .truncate, .empty])
    func aServerWithASmallerWindowIsRecoveredFromWithinTheTurn(overflow: FakeOpenAIServer.Overflow) async throws {
        let site = try await SandboxFixture.start()
        let server = try await FakeOpenAIServer.start(window: 7_000, overflow: overflow, responder: Self.lister)
        let http = HTTPTransport()
        let model = OpenAIProvider(baseURL: server.baseURL, apiKey: "sk-test", model: "gpt-4o", transport: http)
        let log = await Self.turns(["list the orders", "and the products"], model: model, site: site, window: 128_000)
        await http.shutdown()
        await site.stop()
        await server.stop()
        #expect(log.failure == nil, "\(log.failure ?? "")")
        #expect(log.events.filter { if case .finished("Listed.") = $0 { true } else { false } }.count == 2, "both turns ended with an answer")
        let notices = log.events.compactMap { if case .notice(let line) = $0 { line } else { nil } }
        #expect(notices.contains { $0.hasPrefix("Context window lowered from 128000 to ") }, "\(notices)")
        #expect(server.overflows >= 1 && server.overflows <= 2, "recovered at the first overflow or the second")
        let last = try #require(server.requests.last)
        #expect(last.promptTokens <= 7_000)
    }

    /// Runs `texts` as turns of one agent on the sandbox, declaring `window`; what happened.
    static func turns(_ texts: [String], model: ChatModel, site: SandboxFixture, window: Int) async -> EventLog {
        let agent = Agent(model: model, catalog: site.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .auto), systemPrompt: { "You run a Wix site." },
                          context: ContextPolicy(window: window, toolLoading: .deferred))
        let log = EventLog()
        for text in texts { await agent.runTurn(text, ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append) }
        return log
    }

    /// A model that lists what the user names and then says so; a request without tools (a
    /// summary) is answered with every user line it holds, so no fact given is lost.
    static let lister: @Sendable (RecordedRequest) -> ScriptedReply = { request in
        let messages = request.body["messages"]?.arrayValue ?? []
        if (request.body["tools"]?.arrayValue ?? []).isEmpty {
            let said = messages.filter { $0["role"] == "user" }.compactMap { $0["content"]?.stringValue }
            return .text("The user said: " + said.joined(separator: " | "))
        }
        guard messages.last?["role"] == "user", let text = messages.last?["content"]?.stringValue else { return .text("Listed.") }
        return .toolCall(name: text.contains("products") ? "list_all_wix_products" : "list_all_wix_orders", arguments: #"{"limit": 60}"#)
    }

    /// Anthropic's "prompt is too long: M tokens > N maximum" lowers the window to N.
    @Test func anthropicsRefusalLowersTheWindowToWhatItNames() async throws {
        let site = try await SandboxFixture.start()
        let server = try await FakeAnthropicServer.start(window: 7_000, overflow: .refuse) { request in
            let messages = request.body["messages"]?.arrayValue ?? []
            if (request.body["tools"]?.arrayValue ?? []).isEmpty { return .text("Summary.") }
            let last = messages.last?["content"]
            let answered = last?.arrayValue?.contains { $0["type"] == "tool_result" } == true
            return answered ? .text("Listed.") : .toolCall(name: "list_all_wix_orders", arguments: #"{"limit": 60}"#)
        }
        let http = HTTPTransport()
        let model = AnthropicProvider(baseURL: server.baseURL, apiKey: "sk-ant-test", model: "claude-sonnet-4-5", transport: http)
        let log = await Self.turns(["list the orders", "and again"], model: model, site: site, window: 200_000)
        await http.shutdown()
        await site.stop()
        await server.stop()
        #expect(log.failure == nil, "\(log.failure ?? "")")
        let notices = log.events.compactMap { if case .notice(let line) = $0 { line } else { nil } }
        #expect(notices.contains { $0.hasPrefix("Context window lowered from 200000 to ") && $0.contains("it allows 7000 of its tokens") }, "\(notices)")
        #expect(server.overflows == 1, "once lowered (in this program's count of the server's 7000), no request overflowed again")
        #expect((server.requests.last?.promptTokens ?? .max) <= 7_000)
    }

    /// A 300-tool catalog on a 32k model: the first request carries `search_tools` instead of
    /// every schema, and the model reaches the tool it needs through it.
    @Test func aLargeCatalogIsLoadedOnDemandThroughSearchTools() async throws {
        let site = try await SandboxFixture.start()
        let extra = ExtraSource(tools: (0..<270).map { index in
            var tool = ExtraSource.tool("marketing_campaign_\(index)_report")
            tool.description = "Reads the report of marketing campaign \(index): opens, clicks, bounces and unsubscribes per day, as a table."
            return tool
        })
        let executor = ToolExecutor(sources: [ProxyToolSource(client: site.client), extra])
        let catalog = await executor.loadCatalog().catalog
        #expect(catalog.tools.count >= 300)
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "s", name: "search_tools", arguments: #"{"query": "cancel an order"}"#))],
            [.toolCall(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12346"}"#))],
            [.textDelta("Cancelled.")],
        ])
        let agent = Agent(model: model, catalog: catalog, executor: executor, gate: ApprovalGate(policy: .auto),
                          systemPrompt: { SystemPrompt.make(source: "the sandbox") }, context: ContextPolicy(window: 32_768))
        let log = EventLog()
        await agent.runTurn("cancel order 12346", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        await site.stop()
        let first = try #require(model.requests.first)
        let firstTokens = ContextUsage(request: first, window: 32_768, elidable: 0).total
        let everything = ContextUsage(request: ChatRequest(system: first.system, messages: first.messages, tools: catalog.specs), window: 32_768, elidable: 0).total
        #expect(firstTokens < 8_000, "the first request holds \(firstTokens) tokens (every schema: \(everything))")
        #expect(first.tools.map(\.name) == ["search_tools"])
        #expect(model.requests[1].tools.map(\.name).contains("wix_orders_cancel"), "a tool found is described from the next request on")
        let found = log.events.compactMap { if case .toolFinished(_, let outcome) = $0 { outcome } else { nil } }.first
        #expect(found?.response.arrayValue?.contains("wix_orders_cancel") == true, "\(found?.response.compactText ?? "")")
        #expect(log.finishedAnswer == "Cancelled.")
        #expect(log.outcomes.contains { $0.status == 200 }, "the cancel ran as any catalog tool")
    }

    /// The provider's count is the truth: a model whose tokenizer counts three times the
    /// estimate makes the next request's figure three times as large (and compaction start sooner).
    @Test func theProvidersCountCalibratesTheEstimate() async throws {
        let site = try await SandboxFixture.start()
        let raw = ContextUsage(request: ChatRequest(system: "You run a Wix site.", messages: [.user("hello")], tools: []), window: 32_768, elidable: 0).total
        let model = ScriptedModel([[.usage(TokenUsage(input: raw * 3, output: 2)), .textDelta("Hi.")]])
        let agent = Agent(model: model, catalog: ToolCatalog(tools: []), executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .auto), systemPrompt: { "You run a Wix site." }, context: ContextPolicy(window: 32_768))
        await agent.runTurn("hello", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: { _ in })
        await site.stop()
        let calibration = await agent.calibration
        #expect(calibration > 2.5 && calibration <= 3.01, "\(calibration)")
        let now = await agent.contextUsage()
        #expect(now.reported == raw * 3)
    }

    @Test func anotherModelGetsItsOwnWindowUnlessThePersonSetOne() async throws {
        let site = try await SandboxFixture.start()
        await site.stop()
        func agent(_ policy: ContextPolicy) -> Agent {
            Agent(model: NamedModel(displayName: "anthropic claude-sonnet-4-5"), catalog: ToolCatalog(tools: []),
                  executor: ToolExecutor(source: ProxyToolSource(client: site.client)), gate: ApprovalGate(policy: .auto),
                  systemPrompt: { "" }, context: policy)
        }
        let table = agent(ContextPolicy(window: 200_000))
        await table.setModel(NamedModel(displayName: "openai llama3.1:8b"))
        #expect(await table.context.window == 131_072)
        var set = ContextPolicy(window: 50_000)
        set.windowIsSet = true
        let fixed = agent(set)
        await fixed.setModel(NamedModel(displayName: "openai gpt-4o"))
        #expect(await fixed.context.window == 50_000, "the window the person set stays")
    }

    // What the review of context economy found, one test each.

    @Test func aSecondCompactionKeepsTheRecordsOfTheFirst() {
        let earlier = Compaction.compactedMarker + "\nSummary, written by the model:\nThe user cancelled an order.\n\n"
            + "Write calls in that part (from the program's records, not the summary):\n- wix_orders_cancel {\"id\":\"12345\"}: ran\nNo tool is approved for the session."
        let messages: [ChatMessage] = [.user(earlier), .assistant(text: "Understood.", toolCalls: []), .user("and now?")]
        let facts = Compaction.recordedFacts(messages, isWrite: { _ in true }, grants: [])
        #expect(facts.contains(#"- wix_orders_cancel {"id":"12345"}: ran"#), "\(facts)")
    }

    @Test func anOldWritesResultSaysItRanAndMustNotBeRepeated() {
        let messages = (1...3).flatMap { n -> [ChatMessage] in
            [.user("turn \(n)"), .assistant(text: "", toolCalls: [ToolCall(id: "w\(n)", name: "create_a_wix_task", arguments: "{}")]),
             .toolResult(callID: "w\(n)", name: "create_a_wix_task", content: String(repeating: "y", count: 800), isError: false),
             .assistant(text: "ok", toolCalls: [])]
        }
        let (compacted, elided, _) = Compaction.elideOldResults(messages, isWrite: { $0 == "create_a_wix_task" })
        #expect(elided == 1)
        guard case .toolResult(_, _, let stub, _) = compacted[2] else { Issue.record("\(compacted[2])"); return }
        #expect(stub.contains("the write create_a_wix_task ran and succeeded. Do not repeat it"), "\(stub)")
    }

    @Test func aToolNamedLikeTheProgramsOwnSearchIsRenamed() {
        let theirs = Tool(name: "search_tools", description: "A server's own search.", kind: .mcp(MCPToolTraits(inputSchema: ["type": "object"])))
        let catalog = ToolCatalog.union([("peer", [theirs])])
        #expect(catalog.tool(named: "search_tools") == nil)
        #expect(catalog.tool(named: "peer__search_tools")?.remoteName == "search_tools")
    }

    /// Esc while the model is answering ends the turn; it is never taken for an empty reply
    /// to an overlong prompt (which would lower the window and compact the conversation).
    @Test func aCancelledRequestIsNotAnOverflow() async throws {
        let site = try await SandboxFixture.start()
        let agent = Agent(model: StallingModel(), catalog: site.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .auto), systemPrompt: { String(repeating: "You run a Wix site. ", count: 800) },
                          context: ContextPolicy(window: 128_000))
        let log = EventLog()
        let turn = Task { await agent.runTurn("hello", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append) }
        try await Task.sleep(for: .milliseconds(200))
        turn.cancel()
        await turn.value
        await site.stop()
        #expect(log.events.contains { if case .cancelled = $0 { true } else { false } })
        #expect(!log.events.contains { if case .notice = $0 { true } else { false } }, "\(log.events)")
        #expect(await agent.context.window == 128_000)
    }
}

/// A model that says nothing until its request is cancelled.
struct StallingModel: ChatModel {
    let displayName = "stalling"
    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// A model that only has a name.
struct NamedModel: ChatModel {
    let displayName: String
    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        AsyncThrowingStream { $0.finish() }
    }
}
