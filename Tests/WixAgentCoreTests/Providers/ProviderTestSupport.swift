import Foundation
import TestSupport
import Testing
import WixAgentCore

/// A key that must never show up in any error message.
let fakeKey = "sk-test-SECRET-7f3a9c0d"

/// What a provider stream produced: its events and the error that ended it, if any.
struct Outcome {
    var events: [ModelEvent] = []
    var error: Error?

    var text: String {
        events.compactMap { if case .textDelta(let t) = $0 { t } else { nil } }.joined()
    }
    var toolCalls: [ToolCall] {
        events.compactMap { if case .toolCall(let c) = $0 { c } else { nil } }
    }
    var usage: [TokenUsage] {
        events.compactMap { if case .usage(let u) = $0 { u } else { nil } }
    }
    var retries: [(attempt: Int, of: Int, after: Double)] {
        events.compactMap { if case .retrying(let a, let of, let after, _) = $0 { (a, of, after) } else { nil } }
    }
    var providerError: ProviderError? { error as? ProviderError }
}

/// Reads a whole reply, keeping the error instead of throwing it.
func collect(_ stream: AsyncThrowingStream<ModelEvent, Error>) async -> Outcome {
    var outcome = Outcome()
    do {
        for try await event in stream { outcome.events.append(event) }
    } catch {
        outcome.error = error
    }
    return outcome
}

/// Fast retries for tests: waits come from headers, backoff is tiny.
let quickRetries = RetryPolicy(maxRetries: 3, baseDelay: 0.01, maxWait: 5)

/// Runs `body` against a fresh fake OpenAI server and a provider pointed at it.
func withOpenAI(
    stream: Bool = true, policy: RetryPolicy = quickRetries,
    _ body: (FakeOpenAIServer, OpenAIProvider) async throws -> Void
) async throws {
    let server = try await FakeOpenAIServer.start()
    let transport = HTTPTransport()
    let provider = OpenAIProvider(baseURL: server.baseURL + "/", apiKey: fakeKey, model: "gpt-test", stream: stream,
                                  retryPolicy: policy, transport: transport)
    do { try await body(server, provider) } catch { await transport.shutdown(); await server.stop(); throw error }
    await transport.shutdown()
    await server.stop()
}

/// Runs `body` against a fresh fake Anthropic server and a provider pointed at it.
func withAnthropic(
    stream: Bool = true, policy: RetryPolicy = quickRetries,
    _ body: (FakeAnthropicServer, AnthropicProvider) async throws -> Void
) async throws {
    let server = try await FakeAnthropicServer.start()
    let transport = HTTPTransport()
    let provider = AnthropicProvider(baseURL: server.baseURL, apiKey: fakeKey, model: "claude-test", stream: stream,
                                     retryPolicy: policy, transport: transport)
    do { try await body(server, provider) } catch { await transport.shutdown(); await server.stop(); throw error }
    await transport.shutdown()
    await server.stop()
}

/// A conversation that exercises every message kind: system, user, an assistant turn with two
/// tool calls (one with arguments that are not JSON), two tool results, and one tool.
let fullConversation = ChatRequest(
    system: "You run a Wix site.",
    messages: [
        .user("Find order 42"),
        .assistant(text: "Looking.", toolCalls: [
            ToolCall(id: "call_a", name: "get_single_wix_order_by_id", arguments: #"{"id":"42"}"#),
            ToolCall(id: "call_b", name: "wix_members_query", arguments: "{not json"),
        ]),
        .toolResult(callID: "call_a", name: "get_single_wix_order_by_id", content: #"{"status":"PAID"}"#, isError: false),
        .toolResult(callID: "call_b", name: "wix_members_query", content: "invalid arguments", isError: true),
    ],
    tools: [ToolSpec(name: "get_single_wix_order_by_id", description: "Get one order",
                     inputSchema: ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]])])

let hello = ChatRequest(system: "", messages: [.user("hi")], tools: [])

/// The checks every provider error must pass: one line, no key, the expected kind.
func expectOneLineError(_ outcome: Outcome, _ kind: ProviderError.Kind, mentioning words: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error = outcome.providerError else {
        Issue.record("expected a ProviderError(\(kind)), got \(String(describing: outcome.error))", sourceLocation: sourceLocation)
        return
    }
    #expect(error.kind == kind, "\(error.description)", sourceLocation: sourceLocation)
    #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    #expect(!error.description.contains(fakeKey), sourceLocation: sourceLocation)
    for word in words {
        #expect(error.description.contains(word), "\(error.description) lacks \(word)", sourceLocation: sourceLocation)
    }
}

/// The provider suites, grouped so that `swift test --filter Providers` selects them.
@Suite enum Providers {}
