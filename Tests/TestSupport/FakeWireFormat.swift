import WixAgentCore

/// How one provider's API looks on the wire, for `FakeLLMServer`.
public protocol FakeWireFormat: Sendable {
    /// The route the client posts to, e.g. `/v1/chat/completions`.
    static var path: String { get }
    /// What follows `http://127.0.0.1:PORT` in the base URL a client is configured with.
    static var baseURLSuffix: String { get }
    /// The complete SSE text of each event of a streamed answer, in order.
    static func streamEvents(_ answer: ScriptedAnswer, request: RecordedRequest) -> [String]
    /// The JSON body of a non-streamed answer.
    static func body(_ answer: ScriptedAnswer, request: RecordedRequest) -> JSONValue
    /// The provider's in-stream error event.
    static func streamErrorEvent(_ message: String) -> String
    /// The provider's refusal of a request of `tokens` for a window of `window`.
    static func overflowError(window: Int, tokens: Int) -> (status: Int, body: JSONValue)
    /// Why the provider would answer 400 to this request's conversation (a tool call without
    /// its result, a result for no call), as the real APIs do; nil when it is valid.
    static func conversationProblem(_ body: JSONValue) -> String?
}

extension FakeWireFormat {
    /// One SSE event: optional `event:` line, one `data:` line, blank line.
    static func sse(_ data: JSONValue, event: String? = nil) -> String {
        (event.map { "event: \($0)\n" } ?? "") + "data: \(data.compactText)\n\n"
    }
}
