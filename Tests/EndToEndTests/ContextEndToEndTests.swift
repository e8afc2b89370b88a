import Foundation
import Testing
import TestSupport
import WixAgentCore

extension TUISuite {
/// A working day against a model server that enforces its window the way OpenAI does: 30 turns
/// through `exec --resume last`, each reading three lists of 100 records and every fifth
/// creating a task. No turn fails, no request passes the window, a fact from turn 1 still
/// reaches the model in turn 30, and every write is in the audit exactly once. (In `TUISuite`:
/// its 90 runs of the binary would load the machine under the timed tmux tests.)
@Suite("Context economy end to end", .serialized)
struct ContextEndToEndTests {
    static let key = "sk-context-e2e-4242"

    /// The three lists a turn begins with, call ids in the provider's style.
    static func lists(prefix: String) -> ScriptedReply {
        .toolCalls(["orders", "products", "contacts"].map {
            ScriptedToolCall(id: prefix + $0, name: "list_all_wix_\($0)", arguments: #"{"limit": 100}"#)
        })
    }

    /// The model's side: lists for each turn, a task every fifth turn, a short answer; a request
    /// without tools (a summary) is answered with every user line and summary it holds.
    static let model: @Sendable (RecordedRequest) -> ScriptedReply = { request in
        let messages = request.body["messages"]?.arrayValue ?? []
        if (request.body["tools"]?.arrayValue ?? []).isEmpty {
            let said = messages.filter { $0["role"] == "user" }.compactMap { $0["content"]?.stringValue }
            return .text("The user said, in order: " + said.joined(separator: " | "))
        }
        let lastUser = messages.lastIndex { $0["role"] == "user" } ?? 0
        let since = messages.dropFirst(lastUser + 1)
        guard !since.isEmpty else { return lists(prefix: "call_") }
        let text = messages[lastUser]["content"]?.stringValue ?? ""
        let number = Int(text.split(separator: " ").dropFirst().first?.filter(\.isNumber) ?? "") ?? 0
        let called = since.flatMap { $0["tool_calls"]?.arrayValue ?? [] }.compactMap { $0["function"]?["name"]?.stringValue }
        if number % 5 == 0, !called.contains("create_a_wix_task") {
            return .toolCall(name: "create_a_wix_task", arguments: #"{"title": "Follow up turn \#(number)", "dueDate": "2027-01-15"}"#, id: "task_\(number)")
        }
        return .text("Done with turn \(number).")
    }

    /// The same model on Anthropic's wire: a user turn is a text, tool results come back as
    /// `tool_result` blocks of a user message.
    static let anthropicModel: @Sendable (RecordedRequest) -> ScriptedReply = { request in
        let messages = request.body["messages"]?.arrayValue ?? []
        func text(_ message: JSONValue) -> String? {
            message["content"]?.stringValue ?? message["content"]?.arrayValue?.first { $0["type"] == "text" }?["text"]?.stringValue
        }
        func isTurn(_ message: JSONValue) -> Bool {
            message["role"] == "user" && text(message)?.hasPrefix("Turn ") == true
        }
        if (request.body["tools"]?.arrayValue ?? []).isEmpty {
            return .text("The user said, in order: " + messages.filter { $0["role"] == "user" }.compactMap(text).joined(separator: " | "))
        }
        let lastTurn = messages.lastIndex(where: isTurn) ?? 0
        let since = messages.dropFirst(lastTurn + 1)
        guard !since.isEmpty else { return lists(prefix: "toolu_") }
        let number = Int((text(messages[lastTurn]) ?? "").split(separator: " ").dropFirst().first?.filter(\.isNumber) ?? "") ?? 0
        let called = since.flatMap { $0["content"]?.arrayValue ?? [] }.filter { $0["type"] == "tool_use" }.compactMap { $0["name"]?.stringValue }
        if number % 5 == 0, !called.contains("create_a_wix_task") {
            return .toolCall(name: "create_a_wix_task", arguments: #"{"title": "Follow up turn \#(number)", "dueDate": "2027-01-15"}"#, id: "toolu_task_\(number)")
        }
        return .text("Done with turn \(number).")
    }

    /// Runs the scripted 30-turn session; the server's requests.
    static func session<Wire>(_ cli: CLI, _ server: FakeLLMServer<Wire>, window: Int, provider: String = "openai") async throws -> [RecordedRequest] {
        for turn in 1...30 {
            let text = turn == 1 ? "Turn 1: remember that my favourite colour is teal." : "Turn \(turn): how are orders, products and contacts?"
            let model = provider == "openai" ? "gpt-4o" : "claude-sonnet-4-5"
            let key = provider == "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"
            let run = try await cli.run(["exec", text, "--provider", provider, "--llm-base-url", server.baseURL, "--model", model,
                                         "--context-window", String(window), "--approval", "auto"] + (turn > 1 ? ["--resume", "last"] : []),
                                        extraEnvironment: [key: Self.key], timeout: 120)
            #expect(run.status == 0, "turn \(turn) at \(window): \(run.stderr)")
            if run.status != 0 { break }
        }
        return server.requests
    }

    /// `BENCH` lines: the requests, the prompt tokens sent in all and the peak request.
    static func bench(_ name: String, _ requests: [RecordedRequest]) {
        print("BENCH \(name)_requests=\(requests.count) requests")
        print("BENCH \(name)_tokens_sent=\(requests.map(\.promptTokens).reduce(0, +)) tokens")
        print("BENCH \(name)_peak_request=\(requests.map(\.promptTokens).max() ?? 0) tokens")
    }

    @Test(arguments: [128_000, 32_000])
    func thirtyTurnsNeverOverflowTheWindow(window: Int) async throws {
        let server = try await FakeOpenAIServer.start(window: window, overflow: .refuse, responder: Self.model)
        let cli = try CLI()
        defer { cli.cleanUp() }
        let requests = try await Self.session(cli, server, window: window)
        await server.stop()
        #expect(server.overflows == 0, "no request passed the \(window)-token window")
        Self.bench("session30_\(window / 1000)k", requests)
        let last = try #require(requests.last { ($0.body["tools"]?.arrayValue ?? []).isEmpty == false })
        #expect(last.rawBody.contains("teal"), "the fact of turn 1 reached the model in turn 30")
        let show = try await cli.run(["sessions", "show", "last"])
        #expect(show.stdout.contains("Turn 1: remember that my favourite colour is teal."), "the store keeps the whole conversation")
        if window == 32_000 { #expect(show.stdout.contains("*Compacted here:"), "and says where it was compacted") }
        let audit = try await cli.run(["audit", "--json", "--tool", "create_a_wix_task"])
        let tasks = audit.stdout.split(separator: "\n").filter { $0.contains(#""status":200"#) }
        #expect(tasks.count == 6, "every write of the session is in the audit once: \(audit.stdout.prefix(400))")
    }

    /// The same working day with a Claude model whose server says it has 32k.
    @Test func thirtyTurnsOnAnthropicsWireNeverOverflow() async throws {
        let server = try await FakeAnthropicServer.start(window: 32_000, overflow: .refuse, responder: Self.anthropicModel)
        let cli = try CLI()
        defer { cli.cleanUp() }
        let requests = try await Self.session(cli, server, window: 32_000, provider: "anthropic")
        await server.stop()
        #expect(server.overflows == 0)
        Self.bench("session30_anthropic_32k", requests)
        let last = try #require(requests.last { ($0.body["tools"]?.arrayValue ?? []).isEmpty == false })
        #expect(last.rawBody.contains("teal"), "the fact of turn 1 reached the model in turn 30")
        let audit = try await cli.run(["audit", "--json", "--tool", "create_a_wix_task"])
        #expect(audit.stdout.split(separator: "\n").filter { $0.contains(#""status":200"#) }.count == 6)
    }

    /// For `.ci/bench`: the same session at 128k with compaction and with none (a window too
    /// large to fill, against a server without one), tokens sent and the peak request of each.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WIXAGENT_BENCH"] != nil))
    func tokensSentWithAndWithoutCompaction() async throws {
        for (name, window, serverWindow) in [("compacted", 128_000, 128_000 as Int?), ("uncompacted", 10_000_000, nil)] {
            let server = try await FakeOpenAIServer.start(window: serverWindow, responder: Self.model)
            let cli = try CLI()
            defer { cli.cleanUp() }
            let requests = try await Self.session(cli, server, window: window)
            await server.stop()
            Self.bench("session30_128k_\(name)", requests)
        }
    }
}

}

extension TUISuite {
    /// The window in the TUI: the status bar's figure, `/context` and `/compact` with its line.
    @Suite("TUI context economy") struct ContextInTheTUI {
        @Test func theWindowIsShownBrokenDownAndCompactedOnRequest() async throws {
            let server = try await FakeOpenAIServer.start(window: 128_000, responder: TUISuite.ContextEndToEndTests.model)
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli, ["--llm-base-url", server.baseURL, "--context-window", "128000"],
                                         extraEnvironment: ["OPENAI_API_KEY": TUISuite.ContextEndToEndTests.key])
            defer { tmux.kill() }
            try tmux.submit("Turn 1: remember that my favourite colour is teal.")
            try tmux.waitFor(text: "Done with turn 1.", timeout: 60)
            try tmux.submit("Turn 2: how are orders, products and contacts?")
            let idle = try tmux.waitFor(text: "Done with turn 2.", timeout: 60)
            let figure = tmux.statusBar(idle).split(separator: "│").first { $0.contains("ctx ") }
            let percent = figure.flatMap { Int($0.filter(\.isNumber)) }
            #expect(percent.map { (1...100).contains($0) } == true, "status bar: \(tmux.statusBar(idle))")

            try tmux.submit("/context")
            let context = try tmux.waitFor(text: "of 128000 tokens", timeout: 30)
            #expect(context.contains("tool schemas:") && context.contains("tool results:"), "\(context)")

            try tmux.submit("/compact teal")
            let compacted = try tmux.waitFor(text: "Compacted the conversation the model sees:", timeout: 60)
            #expect(compacted.contains("older turns summarized"), "\(compacted)")
            let after = try tmux.waitFor("the figure to drop", timeout: 30) { screen in
                let now = tmux.statusBar(screen).split(separator: "│").first { $0.contains("ctx ") }.flatMap { Int($0.filter(\.isNumber)) }
                return now.map { $0 < (percent ?? 0) } == true
            }
            #expect(tmux.statusBar(after).contains("ctx "))
            try tmux.quit()
            await server.stop()
        }
    }
}
