import WixAgentCore

/// One tool call a fake server will send. `arguments` is JSON text, sent in fragments.
public struct ScriptedToolCall: Sendable, Hashable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String? = nil, name: String, arguments: String) {
        self.id = id ?? "call_\(name)"
        self.name = name
        self.arguments = arguments
    }
}

/// A successful reply: text, tool calls, usage, and response headers (e.g. rate-limit ones).
/// Streamed, the text and every tool call's arguments are cut into `fragments` pieces,
/// each in its own event.
public struct ScriptedAnswer: Sendable, Hashable {
    public var text: String
    public var toolCalls: [ScriptedToolCall]
    /// What the server reports; nil: the request's own size (`RecordedRequest.promptTokens`) and 7 out.
    public var usage: TokenUsage?
    public var headers: [String: String]
    public var fragments: Int

    public init(
        text: String = "", toolCalls: [ScriptedToolCall] = [], usage: TokenUsage? = nil,
        headers: [String: String] = [:], fragments: Int = 3
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.headers = headers
        self.fragments = fragments
    }

    /// The usage reported for `request`: the scripted one, else the request's size.
    public func usage(for request: RecordedRequest) -> TokenUsage {
        usage ?? TokenUsage(input: request.promptTokens, output: 7)
    }

    /// `text` cut into at most `fragments` non-empty pieces on character boundaries.
    public static func pieces(_ text: String, _ fragments: Int) -> [String] {
        let characters = Array(text)
        guard !characters.isEmpty else { return [] }
        let size = max(1, (characters.count + fragments - 1) / max(1, fragments))
        return stride(from: 0, to: characters.count, by: size).map {
            String(characters[$0..<min($0 + size, characters.count)])
        }
    }
}

/// What a fake model server does with the next request. Both fake servers take the same script,
/// each speaking its own wire format; a request with nothing left in the queue gets a 500.
public enum ScriptedReply: Sendable, Hashable {
    case answer(ScriptedAnswer)
    /// An HTTP error: status, raw body and headers such as `retry-after` or `ratelimit-reset`.
    case failure(status: Int, body: String, headers: [String: String] = [:])
    /// Streamed: some events of an answer with `text`, then half an event, then the body ends.
    /// Not streamed: the JSON body cut in half.
    case brokenStream(text: String = "Partial answer that never")
    /// Streamed: an event whose data is not JSON. Not streamed: a body that is not JSON.
    case malformedJSON
    /// Streamed: the provider's in-stream error (OpenAI error chunk, Anthropic `error` event)
    /// after some text. Not streamed: the same error as a 500 body.
    case streamError(message: String)

    public static func text(_ text: String, usage: TokenUsage? = nil,
                            headers: [String: String] = [:]) -> ScriptedReply {
        .answer(ScriptedAnswer(text: text, usage: usage, headers: headers))
    }

    public static func toolCall(name: String, arguments: String, id: String? = nil, text: String = "",
                                fragments: Int = 3) -> ScriptedReply {
        .answer(ScriptedAnswer(text: text, toolCalls: [ScriptedToolCall(id: id, name: name, arguments: arguments)],
                               fragments: fragments))
    }

    public static func toolCalls(_ calls: [ScriptedToolCall], text: String = "") -> ScriptedReply {
        .answer(ScriptedAnswer(text: text, toolCalls: calls))
    }

    /// An HTTP error whose JSON body carries `message` where both providers put it
    /// (`{"type":"error","error":{"type":…,"message":…}}`).
    public static func error(status: Int, message: String, headers: [String: String] = [:]) -> ScriptedReply {
        let body: JSONValue = ["type": "error", "error": ["type": .string(errorType(status)), "message": .string(message)]]
        return .failure(status: status, body: body.compactText, headers: headers)
    }

    /// A 429 with the given `retry-after` and/or `ratelimit-reset` seconds.
    public static func rateLimited(retryAfter: Double? = nil, reset: Double? = nil) -> ScriptedReply {
        var headers: [String: String] = [:]
        if let retryAfter { headers["retry-after"] = JSONValue.number(retryAfter).compactText }
        if let reset { headers["ratelimit-reset"] = JSONValue.number(reset).compactText }
        return error(status: 429, message: "Rate limit reached for requests", headers: headers)
    }

    private static func errorType(_ status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 429: "rate_limit_error"
        case 529: "overloaded_error"
        case 500...: "api_error"
        default: "invalid_request_error"
        }
    }
}
