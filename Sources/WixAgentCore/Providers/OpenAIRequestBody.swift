/// The JSON body of a Chat Completions request.
enum OpenAIRequestBody {
    static func make(_ request: ChatRequest, model: String, stream: Bool) -> JSONValue {
        var messages: [JSONValue] = []
        if !request.system.isEmpty { messages.append(["role": "system", "content": .string(request.system)]) }
        messages += request.messages.map(message)
        var body: [String: JSONValue] = ["model": .string(model), "messages": .array(messages), "stream": .bool(stream)]
        if stream { body["stream_options"] = ["include_usage": true] }
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(tool)) }
        return .object(body)
    }

    static func message(_ message: ChatMessage) -> JSONValue {
        switch message {
        case .user(let text):
            return ["role": "user", "content": .string(text)]
        case .assistant(let text, let toolCalls):
            var out: [String: JSONValue] = ["role": "assistant"]
            out["content"] = text.isEmpty && !toolCalls.isEmpty ? .null : .string(text)
            if !toolCalls.isEmpty {
                out["tool_calls"] = .array(toolCalls.map { call in
                    ["id": .string(call.id), "type": "function",
                     "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                })
            }
            return .object(out)
        case .toolResult(let callID, _, let content, _):
            return ["role": "tool", "tool_call_id": .string(callID), "content": .string(content)]
        }
    }

    static func tool(_ tool: ToolSpec) -> JSONValue {
        ["type": "function",
         "function": ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.inputSchema]]
    }
}
