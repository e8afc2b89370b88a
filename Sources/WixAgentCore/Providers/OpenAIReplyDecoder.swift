import Foundation

/// Turns Chat Completions chunks into model events. Tool calls arrive as fragments keyed by
/// `index` (id and name first, `arguments` in pieces) and are emitted whole at `finish_reason`
/// or `[DONE]`, whichever comes first.
struct OpenAIReplyDecoder: ProviderReplyDecoder {
    let http: ProviderHTTP
    private(set) var isComplete = false
    private var pending: [Int: ToolCall] = [:]

    init(http: ProviderHTTP) {
        self.http = http
    }

    mutating func decode(_ event: SSEEvent) throws -> [ModelEvent] {
        if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            isComplete = true
            return flush()
        }
        let chunk = try http.parseJSON(Data(event.data.utf8))
        if chunk["error"] != nil { throw http.streamError(chunk) }
        var events: [ModelEvent] = []
        if let choice = chunk["choices"]?.arrayValue?.first {
            if let text = choice["delta"]?["content"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
            for (position, fragment) in (choice["delta"]?["tool_calls"]?.arrayValue ?? []).enumerated() {
                absorb(fragment, index: fragment["index"]?.intValue ?? position)
            }
            if let reason = choice["finish_reason"], !reason.isNull { events += flush() }
        }
        if let usage = chunk["usage"].flatMap(Self.usage) { events.append(.usage(usage)) }
        return events
    }

    private mutating func absorb(_ fragment: JSONValue, index: Int) {
        var call = pending[index] ?? ToolCall(id: "", name: "", arguments: "")
        if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
        if let name = fragment["function"]?["name"]?.stringValue, !name.isEmpty { call.name = name }
        if let piece = fragment["function"]?["arguments"] { call.arguments += Self.argumentsText(piece) }
        pending[index] = call
    }

    /// The assembled calls in index order; afterwards nothing is pending.
    private mutating func flush() -> [ModelEvent] {
        defer { pending = [:] }
        return pending.sorted { $0.key < $1.key }.map { index, call in
            .toolCall(ToolCall(id: call.id, name: call.name,
                               arguments: call.arguments.isEmpty ? "{}" : call.arguments))
        }
    }

    /// A non-streaming reply: `choices[0].message` with `content` and `tool_calls`, and `usage`.
    static func decodeWhole(_ reply: JSONValue, http: ProviderHTTP) throws -> [ModelEvent] {
        if reply["error"] != nil { throw http.streamError(reply) }
        guard let message = reply["choices"]?.arrayValue?.first?["message"] else {
            throw http.malformed("a reply without choices[0].message")
        }
        var events: [ModelEvent] = []
        if let text = message["content"]?.stringValue, !text.isEmpty { events.append(.textDelta(text)) }
        for (index, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            let arguments = call["function"]?["arguments"].map(argumentsText) ?? ""
            events.append(.toolCall(ToolCall(
                id: call["id"]?.stringValue ?? "", name: call["function"]?["name"]?.stringValue ?? "",
                arguments: arguments.isEmpty ? "{}" : arguments)))
        }
        if let usage = reply["usage"].flatMap(usage) { events.append(.usage(usage)) }
        return events
    }

    /// Arguments are JSON text; some compatible servers send an object instead.
    private static func argumentsText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .null: ""
        default: value.compactText
        }
    }

    private static func usage(_ usage: JSONValue) -> TokenUsage? {
        guard let input = usage["prompt_tokens"]?.intValue else { return nil }
        return TokenUsage(input: input, output: usage["completion_tokens"]?.intValue ?? 0)
    }
}
