/// A tool call as the model proposed it. `arguments` is the raw JSON text the model produced,
/// which may be malformed; the agent loop parses and validates it.
public struct ToolCall: Sendable, Hashable, Codable {
    /// The provider's id; empty when it gave none (the agent loop then assigns one).
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// One message of a conversation, in a provider-neutral form.
public enum ChatMessage: Sendable, Hashable, Codable {
    case user(String)
    /// Text and the tool calls the model made in the same reply.
    case assistant(text: String, toolCalls: [ToolCall])
    /// The answer to one tool call.
    case toolResult(callID: String, name: String, content: String, isError: Bool)
}

/// What a model is told about one tool.
public struct ToolSpec: Sendable, Hashable {
    public var name: String
    public var description: String
    public var inputSchema: JSONValue

    public init(name: String, description: String, inputSchema: JSONValue) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }
}

/// One request to a model: the whole conversation so far, with the tools it may call.
public struct ChatRequest: Sendable {
    public var system: String
    public var messages: [ChatMessage]
    public var tools: [ToolSpec]

    public init(system: String, messages: [ChatMessage], tools: [ToolSpec]) {
        self.system = system
        self.messages = messages
        self.tools = tools
    }
}

/// Tokens a request used, as the provider reported them.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }
}

/// What a model sends back while it answers, in order.
public enum ModelEvent: Sendable, Hashable {
    case textDelta(String)
    /// A complete tool call (streamed fragments already assembled).
    case toolCall(ToolCall)
    case usage(TokenUsage)
    /// The provider's own rate-limit headers on this response.
    case rateLimit(RateLimitSnapshot)
    /// The provider answered 429; the request is retried after `seconds`.
    case retrying(attempt: Int, of: Int, after: Double, reason: String)
}

/// A language model that can call tools. Implementations: OpenAI Chat Completions,
/// Anthropic Messages, and the offline demo model.
public protocol ChatModel: Sendable {
    /// The name shown to people, e.g. `gpt-4o` or `offline demo model`.
    var displayName: String { get }
    /// Streams one reply. The stream ends when the reply is complete and throws a
    /// `ProviderError` for anything that stops it early.
    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error>
    /// Whether requests must fit a context window (false for the offline demo model, which reads
    /// every tool and the whole conversation: it is never compacted and never sent `search_tools`).
    var hasContextWindow: Bool { get }
}

extension ChatModel {
    public var hasContextWindow: Bool { true }
}
