import TestSupport
import Testing
import WixAgentCore

extension Providers {
    @Suite struct OpenAIProviderTests {
        @Test func streamsTextAndUsage() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.text("Héllo from the 日本 store 👋", usage: TokenUsage(input: 21, output: 9)))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.text == "Héllo from the 日本 store 👋")
                #expect(outcome.events.filter { if case .textDelta = $0 { true } else { false } }.count >= 3)
                #expect(outcome.usage == [TokenUsage(input: 21, output: 9)])
                #expect(provider.displayName == "openai gpt-test")
            }
        }

        @Test func assemblesToolCallArgumentsSplitAcrossChunks() async throws {
            try await withOpenAI { server, provider in
                let arguments = #"{"filter":{"tags":{"$hasSome":["Summer Collection"]}},"limit":50}"#
                server.enqueue(.toolCall(name: "wix_stores_products_query", arguments: arguments, id: "call_1", fragments: 5))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.toolCalls == [ToolCall(id: "call_1", name: "wix_stores_products_query", arguments: arguments)])
                // The call comes whole, after everything else but the usage.
                #expect(outcome.events.last.map { if case .usage = $0 { true } else { false } } == true)
            }
        }

        @Test func assemblesTwoParallelCallsByIndex() async throws {
            try await withOpenAI { server, provider in
                let first = ScriptedToolCall(id: "call_a", name: "get_single_wix_order_by_id", arguments: #"{"id":"order-1001"}"#)
                let second = ScriptedToolCall(id: "call_b", name: "wix_members_query", arguments: #"{"query":{"email":"john.doe@example.com"}}"#)
                server.enqueue(.toolCalls([first, second], text: "Checking both."))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.text == "Checking both.")
                #expect(outcome.toolCalls == [
                    ToolCall(id: "call_a", name: first.name, arguments: first.arguments),
                    ToolCall(id: "call_b", name: second.name, arguments: second.arguments),
                ])
            }
        }

        @Test func nonStreamingReply() async throws {
            try await withOpenAI(stream: false) { server, provider in
                server.enqueue(.toolCall(name: "list_all_wix_orders", arguments: #"{"limit":5}"#, id: "c9", text: "One moment."))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.text == "One moment.")
                #expect(outcome.toolCalls == [ToolCall(id: "c9", name: "list_all_wix_orders", arguments: #"{"limit":5}"#)])
                #expect(outcome.usage == [TokenUsage(input: server.requests.first?.promptTokens ?? -1, output: 7)], "what the server counted")
                #expect(server.requests.first?.body["stream"] == false)
                #expect(server.requests.first?.body["stream_options"] == nil)
            }
        }

        @Test func sendsTheConversationInChatCompletionsShape() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.text("ok"))
                _ = await collect(provider.reply(to: fullConversation))
                let request = try #require(server.requests.first)
                #expect(request.path == "/v1/chat/completions")
                #expect(request.header("authorization") == "Bearer \(fakeKey)")
                let body = request.body
                #expect(body["model"] == "gpt-test")
                #expect(body["stream"] == true)
                #expect(body["stream_options"] == ["include_usage": true])
                #expect(body["messages"] == [
                    ["role": "system", "content": "You run a Wix site."],
                    ["role": "user", "content": "Find order 42"],
                    ["role": "assistant", "content": "Looking.", "tool_calls": [
                        ["id": "call_a", "type": "function", "function": ["name": "get_single_wix_order_by_id", "arguments": #"{"id":"42"}"#]],
                        ["id": "call_b", "type": "function", "function": ["name": "wix_members_query", "arguments": "{not json"]],
                    ]],
                    ["role": "tool", "tool_call_id": "call_a", "content": #"{"status":"PAID"}"#],
                    ["role": "tool", "tool_call_id": "call_b", "content": "invalid arguments"],
                ])
                #expect(body["tools"] == [["type": "function", "function": [
                    "name": "get_single_wix_order_by_id", "description": "Get one order",
                    "parameters": ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]]]])
            }
        }

        @Test func worksWithoutAKeyAndSendsNoAuthorization() async throws {
            let server = try await FakeOpenAIServer.start()
            let transport = HTTPTransport()
            server.enqueue(.text("local"))
            let provider = OpenAIProvider(baseURL: server.baseURL, apiKey: nil, model: "llama3", transport: transport)
            let outcome = await collect(provider.reply(to: hello))
            #expect(outcome.text == "local")
            #expect(server.requests.first?.header("authorization") == nil)
            await transport.shutdown()
            await server.stop()
        }
    }
}
