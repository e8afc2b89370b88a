import TestSupport
import Testing
import WixAgentCore

extension Providers {
    @Suite struct AnthropicProviderTests {
        @Test func streamsTextThenToolUseFromInputJSONDeltas() async throws {
            try await withAnthropic { server, provider in
                let arguments = #"{"appointmentId":"847294","newStart":"2025-07-01T10:00:00Z"}"#
                server.enqueue(.answer(ScriptedAnswer(
                    text: "Rescheduling now.", toolCalls: [ScriptedToolCall(id: "toolu_1", name: "wix_bookings_reschedule", arguments: arguments)],
                    usage: TokenUsage(input: 40, output: 12), fragments: 4)))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.text == "Rescheduling now.")
                #expect(outcome.toolCalls == [ToolCall(id: "toolu_1", name: "wix_bookings_reschedule", arguments: arguments)])
                #expect(outcome.usage == [TokenUsage(input: 40, output: 12)])
                #expect(provider.displayName == "anthropic claude-test")
            }
        }

        @Test func toolUseWithoutInputIsAnEmptyObject() async throws {
            try await withAnthropic { server, provider in
                server.enqueue(.toolCall(name: "list_all_wix_orders", arguments: "", id: "toolu_2"))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.toolCalls == [ToolCall(id: "toolu_2", name: "list_all_wix_orders", arguments: "{}")])
            }
        }

        @Test func toleratesABaseURLThatEndsInV1() async throws {
            let server = try await FakeAnthropicServer.start()
            let transport = HTTPTransport()
            server.enqueue(.text("ok"))
            let provider = AnthropicProvider(baseURL: server.baseURL + "/v1/", apiKey: fakeKey, model: "m", transport: transport)
            #expect(await collect(provider.reply(to: hello)).text == "ok")
            #expect(server.requests.first?.path == "/v1/messages")
            await transport.shutdown()
            await server.stop()
        }

        @Test func nonStreamingReply() async throws {
            try await withAnthropic(stream: false) { server, provider in
                server.enqueue(.toolCall(name: "wix_contacts_label", arguments: #"{"contactId":"c1","labels":["vip"]}"#, id: "toolu_3", text: "Labelling."))
                let outcome = await collect(provider.reply(to: hello))
                #expect(outcome.error == nil)
                #expect(outcome.text == "Labelling.")
                let call = try #require(outcome.toolCalls.first)
                #expect(call.id == "toolu_3" && call.name == "wix_contacts_label")
                #expect(try JSONValue.parse(call.arguments) == ["contactId": "c1", "labels": ["vip"]])
                #expect(outcome.usage == [TokenUsage(input: server.requests.first?.promptTokens ?? -1, output: 7)], "what the server counted")
            }
        }

        @Test func sendsTheConversationInMessagesShape() async throws {
            try await withAnthropic { server, provider in
                server.enqueue(.text("ok"))
                _ = await collect(provider.reply(to: fullConversation))
                let request = try #require(server.requests.first)
                #expect(request.path == "/v1/messages")
                #expect(request.header("x-api-key") == fakeKey)
                #expect(request.header("anthropic-version") == "2023-06-01")
                #expect(request.header("content-type") == "application/json")
                let body = request.body
                #expect(body["model"] == "claude-test")
                #expect(body["max_tokens"] == 4096)
                #expect(body["system"] == "You run a Wix site.")
                #expect(body["stream"] == true)
                #expect(body["messages"] == [
                    ["role": "user", "content": "Find order 42"],
                    ["role": "assistant", "content": [
                        ["type": "text", "text": "Looking."],
                        ["type": "tool_use", "id": "call_a", "name": "get_single_wix_order_by_id", "input": ["id": "42"]],
                        ["type": "tool_use", "id": "call_b", "name": "wix_members_query", "input": [:]],
                    ]],
                    ["role": "user", "content": [
                        ["type": "tool_result", "tool_use_id": "call_a", "content": #"{"status":"PAID"}"#, "is_error": false],
                        ["type": "tool_result", "tool_use_id": "call_b", "content": "invalid arguments", "is_error": true],
                    ]],
                ])
                #expect(body["tools"] == [[
                    "name": "get_single_wix_order_by_id", "description": "Get one order",
                    "input_schema": ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]]])
            }
        }
    }
}
