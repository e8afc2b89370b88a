import WixAgentCore

/// A fake Anthropic Messages server: `POST /v1/messages`; `baseURL` is the host.
public typealias FakeAnthropicServer = FakeLLMServer<AnthropicWire>

/// Messages on the wire: `message_start`, a `ping`, a text block of `text_delta`s, one
/// `tool_use` block per call with `input_json_delta` fragments, `message_delta`, `message_stop`.
public enum AnthropicWire: FakeWireFormat {
    public static let path = "/v1/messages"
    public static let baseURLSuffix = ""

    public static func streamEvents(_ answer: ScriptedAnswer, request: RecordedRequest) -> [String] {
        func event(_ type: String, _ fields: [String: JSONValue]) -> String {
            sse(.object(fields.merging(["type": .string(type)]) { old, _ in old }), event: type)
        }
        var events = [
            event("message_start", ["message": [
                "id": "msg_fake", "type": "message", "role": "assistant", "model": model(request), "content": [],
                "stop_reason": .null, "usage": ["input_tokens": .number(Double(answer.usage(for: request).input)), "output_tokens": 1]]]),
            event("ping", [:]),
        ]
        var index = 0
        if !answer.text.isEmpty {
            events.append(event("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]]))
            events += ScriptedAnswer.pieces(answer.text, answer.fragments).map {
                event("content_block_delta", ["index": 0, "delta": ["type": "text_delta", "text": .string($0)]])
            }
            events.append(event("content_block_stop", ["index": 0]))
            index = 1
        }
        for call in answer.toolCalls {
            let at = JSONValue.number(Double(index))
            events.append(event("content_block_start", ["index": at, "content_block": [
                "type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": [:]]]))
            events += ScriptedAnswer.pieces(call.arguments, answer.fragments).map {
                event("content_block_delta", ["index": at, "delta": ["type": "input_json_delta", "partial_json": .string($0)]])
            }
            events.append(event("content_block_stop", ["index": at]))
            index += 1
        }
        events.append(event("message_delta", [
            "delta": ["stop_reason": .string(stopReason(answer)), "stop_sequence": .null],
            "usage": ["output_tokens": .number(Double(answer.usage(for: request).output))]]))
        events.append(event("message_stop", [:]))
        return events
    }

    /// Anthropic's refusal of a request longer than the window.
    public static func overflowError(window: Int, tokens: Int) -> (status: Int, body: JSONValue) {
        (400, ["type": "error", "error": ["type": "invalid_request_error", "message": .string("prompt is too long: \(tokens) tokens > \(window) maximum")]])
    }

    public static func body(_ answer: ScriptedAnswer, request: RecordedRequest) -> JSONValue {
        var content: [JSONValue] = answer.text.isEmpty ? [] : [["type": "text", "text": .string(answer.text)]]
        content += answer.toolCalls.map { call in
            ["type": "tool_use", "id": .string(call.id), "name": .string(call.name),
             "input": (try? JSONValue.parse(call.arguments)) ?? [:]]
        }
        return ["id": "msg_fake", "type": "message", "role": "assistant", "model": model(request),
                "content": .array(content), "stop_reason": .string(stopReason(answer)), "stop_sequence": .null,
                "usage": ["input_tokens": .number(Double(answer.usage(for: request).input)), "output_tokens": .number(Double(answer.usage(for: request).output))]]
    }

    /// Each assistant `tool_use` must be answered by a `tool_result` in the very next (user)
    /// message, and every `tool_result` must answer a `tool_use` of the message before it.
    public static func conversationProblem(_ body: JSONValue) -> String? {
        var open: Set<String> = []
        for message in body["messages"]?.arrayValue ?? [] {
            let blocks = message["content"]?.arrayValue ?? []
            let results = Set(blocks.filter { $0["type"]?.stringValue == "tool_result" }.compactMap { $0["tool_use_id"]?.stringValue })
            if let stray = results.subtracting(open).first {
                return "messages: unexpected `tool_use_id` found in `tool_result` blocks: \(stray). Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
            }
            if let missing = open.subtracting(results).first {
                return "messages: `tool_use` ids were found without `tool_result` blocks immediately after: \(missing). Each `tool_use` block must have a corresponding `tool_result` block in the next message."
            }
            open = Set(blocks.filter { $0["type"]?.stringValue == "tool_use" }.compactMap { $0["id"]?.stringValue })
        }
        return nil
    }

    public static func streamErrorEvent(_ message: String) -> String {
        sse(["type": "error", "error": ["type": "overloaded_error", "message": .string(message)]], event: "error")
    }

    private static func model(_ request: RecordedRequest) -> JSONValue {
        request.body["model"] ?? "fake-model"
    }

    private static func stopReason(_ answer: ScriptedAnswer) -> String {
        answer.toolCalls.isEmpty ? "end_turn" : "tool_use"
    }
}
