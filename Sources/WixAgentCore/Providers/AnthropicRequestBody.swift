/// The JSON body of a Messages request. Tool results become `tool_result` blocks of a user
/// message (consecutive results share one); assistant tool calls become `tool_use` blocks.
enum AnthropicRequestBody {
    static func make(_ request: ChatRequest, model: String, maxTokens: Int, stream: Bool) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(model), "max_tokens": .number(Double(maxTokens)),
            "messages": .array(messages(request.messages)), "stream": .bool(stream),
        ]
        if !request.system.isEmpty { body["system"] = .string(request.system) }
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(tool)) }
        return .object(body)
    }

    static func messages(_ conversation: [ChatMessage]) -> [JSONValue] {
        var out: [JSONValue] = []
        var pendingResults: [JSONValue] = []
        func flushResults() {
            if !pendingResults.isEmpty { out.append(["role": "user", "content": .array(pendingResults)]) }
            pendingResults = []
        }
        for message in conversation {
            switch message {
            case .toolResult(let callID, _, let content, let isError):
                pendingResults.append(["type": "tool_result", "tool_use_id": .string(callID),
                                       "content": .string(content), "is_error": .bool(isError)])
            case .user(let text):
                flushResults()
                out.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let toolCalls):
                flushResults()
                var blocks: [JSONValue] = text.isEmpty ? [] : [["type": "text", "text": .string(text)]]
                blocks += toolCalls.map { call in
                    ["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input(call.arguments)]
                }
                // The API rejects empty content; an empty turn carries nothing anyway.
                if !blocks.isEmpty { out.append(["role": "assistant", "content": .array(blocks)]) }
            }
        }
        flushResults()
        return out
    }

    /// The stored arguments text as an input object; `{}` when it is not a JSON object.
    static func input(_ arguments: String) -> JSONValue {
        guard let value = try? JSONValue.parse(arguments), value.objectValue != nil else { return [:] }
        return value
    }

    static func tool(_ tool: ToolSpec) -> JSONValue {
        let schema: JSONValue = tool.inputSchema.objectValue == nil ? ["type": "object"] : tool.inputSchema
        return ["name": .string(tool.name), "description": .string(tool.description), "input_schema": schema]
    }
}
