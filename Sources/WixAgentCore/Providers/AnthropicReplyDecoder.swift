import Foundation

/// Turns Messages stream events into model events: `text_delta` becomes text, a `tool_use`
/// block's `input_json_delta` pieces are joined and emitted at its `content_block_stop`, usage
/// is reported once at `message_delta`, `message_stop` completes the reply, `error` throws.
struct AnthropicReplyDecoder: ProviderReplyDecoder {
    let http: ProviderHTTP
    private(set) var isComplete = false
    private var inputTokens = 0
    private var toolBlocks: [Int: ToolCall] = [:]

    init(http: ProviderHTTP) {
        self.http = http
    }

    mutating func decode(_ event: SSEEvent) throws -> [ModelEvent] {
        let payload = try http.parseJSON(Data(event.data.utf8))
        let index = payload["index"]?.intValue ?? 0
        switch payload["type"]?.stringValue ?? event.name {
        case "message_start":
            inputTokens = payload["message"]?["usage"]?["input_tokens"]?.intValue ?? 0
        case "content_block_start":
            let block = payload["content_block"]
            if block?["type"]?.stringValue == "tool_use" {
                toolBlocks[index] = ToolCall(id: block?["id"]?.stringValue ?? "",
                                             name: block?["name"]?.stringValue ?? "", arguments: "")
            } else if let text = block?["text"]?.stringValue, !text.isEmpty {
                return [.textDelta(text)]
            }
        case "content_block_delta":
            let delta = payload["delta"]
            switch delta?["type"]?.stringValue {
            case "text_delta":
                if let text = delta?["text"]?.stringValue, !text.isEmpty { return [.textDelta(text)] }
            case "input_json_delta":
                toolBlocks[index]?.arguments += delta?["partial_json"]?.stringValue ?? ""
            default:
                break
            }
        case "content_block_stop":
            if var call = toolBlocks.removeValue(forKey: index) {
                if call.arguments.isEmpty { call.arguments = "{}" }
                return [.toolCall(call)]
            }
        case "message_delta":
            if let usage = payload["usage"], let output = usage["output_tokens"]?.intValue {
                return [.usage(TokenUsage(input: usage["input_tokens"]?.intValue ?? inputTokens, output: output))]
            }
        case "message_stop":
            isComplete = true
        case "error":
            throw http.streamError(payload)
        default:
            break  // ping, and event types added after this was written
        }
        return []
    }

    /// A non-streaming reply: `content` blocks (`text`, `tool_use` with `input`) and `usage`.
    static func decodeWhole(_ reply: JSONValue, http: ProviderHTTP) throws -> [ModelEvent] {
        if reply["type"]?.stringValue == "error" { throw http.streamError(reply) }
        guard let blocks = reply["content"]?.arrayValue else { throw http.malformed("a reply without content blocks") }
        var events: [ModelEvent] = []
        for (index, block) in blocks.enumerated() {
            switch block["type"]?.stringValue {
            case "text":
                if let text = block["text"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
            case "tool_use":
                events.append(.toolCall(ToolCall(
                    id: block["id"]?.stringValue ?? "", name: block["name"]?.stringValue ?? "",
                    arguments: (block["input"] ?? [:]).compactText)))
            default:
                break
            }
        }
        if let usage = reply["usage"], let input = usage["input_tokens"]?.intValue {
            events.append(.usage(TokenUsage(input: input, output: usage["output_tokens"]?.intValue ?? 0)))
        }
        return events
    }
}
