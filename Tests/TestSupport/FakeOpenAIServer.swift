import WixAgentCore

/// A fake OpenAI Chat Completions server: `POST /v1/chat/completions`; `baseURL` ends in `/v1`.
public typealias FakeOpenAIServer = FakeLLMServer<OpenAIWire>

/// Chat Completions on the wire. Streamed tool calls announce id and name first, then send the
/// arguments of all calls in fragments interleaved by `index`, the way parallel calls may arrive.
public enum OpenAIWire: FakeWireFormat {
    public static let path = "/v1/chat/completions"
    public static let baseURLSuffix = "/v1"

    public static func streamEvents(_ answer: ScriptedAnswer, request: RecordedRequest) -> [String] {
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> String {
            sse(["id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model(request),
                 "choices": [["index": 0, "delta": delta, "finish_reason": finish]]])
        }
        var events = [chunk(["role": "assistant", "content": ""])]
        events += ScriptedAnswer.pieces(answer.text, answer.fragments).map { chunk(["content": .string($0)]) }
        for (index, call) in answer.toolCalls.enumerated() {
            events.append(chunk(["tool_calls": [["index": .number(Double(index)), "id": .string(call.id), "type": "function",
                                                 "function": ["name": .string(call.name), "arguments": ""]]]]))
        }
        let fragments = answer.toolCalls.map { ScriptedAnswer.pieces($0.arguments, answer.fragments) }
        for round in 0..<(fragments.map(\.count).max() ?? 0) {
            for (index, pieces) in fragments.enumerated() where round < pieces.count {
                events.append(chunk(["tool_calls": [["index": .number(Double(index)),
                                                     "function": ["arguments": .string(pieces[round])]]]]))
            }
        }
        events.append(chunk([:], finish: .string(finishReason(answer))))
        if request.body["stream_options"]?["include_usage"]?.boolValue == true {
            events.append(sse(["id": "chatcmpl-fake", "object": "chat.completion.chunk", "choices": [],
                               "usage": usage(answer, request)]))
        }
        events.append("data: [DONE]\n\n")
        return events
    }

    public static func body(_ answer: ScriptedAnswer, request: RecordedRequest) -> JSONValue {
        var message: [String: JSONValue] = ["role": "assistant", "content": answer.text.isEmpty ? .null : .string(answer.text)]
        if !answer.toolCalls.isEmpty {
            message["tool_calls"] = .array(answer.toolCalls.map { call in
                ["id": .string(call.id), "type": "function",
                 "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })
        }
        return ["id": "chatcmpl-fake", "object": "chat.completion", "model": model(request),
                "choices": [["index": 0, "message": .object(message), "finish_reason": .string(finishReason(answer))]],
                "usage": usage(answer, request)]
    }

    public static func streamErrorEvent(_ message: String) -> String {
        sse(["error": ["message": .string(message), "type": "server_error"]])
    }

    private static func model(_ request: RecordedRequest) -> JSONValue {
        request.body["model"] ?? "fake-model"
    }

    private static func finishReason(_ answer: ScriptedAnswer) -> String {
        answer.toolCalls.isEmpty ? "stop" : "tool_calls"
    }

    private static func usage(_ answer: ScriptedAnswer, _ request: RecordedRequest) -> JSONValue {
        let usage = answer.usage(for: request)
        return ["prompt_tokens": .number(Double(usage.input)), "completion_tokens": .number(Double(usage.output)),
                "total_tokens": .number(Double(usage.input + usage.output))]
    }

    /// OpenAI's refusal of a request longer than the window.
    public static func overflowError(window: Int, tokens: Int) -> (status: Int, body: JSONValue) {
        (400, ["error": ["message": .string("This model's maximum context length is \(window) tokens. However, your messages resulted in \(tokens) tokens. Please reduce the length of the messages."),
                         "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"]])
    }

    /// Every assistant message with `tool_calls` must be followed by one `tool` message per call
    /// before any other message, and every `tool` message must answer such a call.
    public static func conversationProblem(_ body: JSONValue) -> String? {
        var open: Set<String> = []
        for message in body["messages"]?.arrayValue ?? [] {
            let role = message["role"]?.stringValue
            if role == "tool" {
                guard let id = message["tool_call_id"]?.stringValue, open.remove(id) != nil else {
                    return "Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls'."
                }
                continue
            }
            if !open.isEmpty {
                return "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: \(open.sorted().joined(separator: ", "))"
            }
            for call in message["tool_calls"]?.arrayValue ?? [] {
                if let id = call["id"]?.stringValue { open.insert(id) }
            }
        }
        return nil
    }
}
