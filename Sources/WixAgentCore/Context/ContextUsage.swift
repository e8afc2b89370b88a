/// What one model request holds, in tokens, against the model's window: the figure the status
/// bar shows (`ctx 41%`) and `/context` breaks down. Parts are estimates (`TokenEstimate`);
/// `reported` is what the provider counted for the last request, when it said.
public struct ContextUsage: Sendable, Hashable {
    public var window: Int
    public var system: Int
    public var tools: Int
    /// User and assistant messages.
    public var conversation: Int
    public var toolResults: Int
    /// Tokens an elision of old tool results would free now.
    public var elidable: Int
    /// The provider's count of the last request's input, when it gave one.
    public var reported: Int?

    public init(window: Int, system: Int, tools: Int, conversation: Int, toolResults: Int, elidable: Int, reported: Int? = nil) {
        self.window = window
        self.system = system
        self.tools = tools
        self.conversation = conversation
        self.toolResults = toolResults
        self.elidable = elidable
        self.reported = reported
    }

    /// The estimate of a request, each part times `scale` (how many of the provider's tokens an
    /// estimated one turned out to be: its reported count is the truth).
    public init(request: ChatRequest, window: Int, elidable: Int, scale: Double = 1) {
        var conversation = 0
        var results = 0
        for message in request.messages {
            if case .toolResult = message { results += TokenEstimate.tokens(message) } else { conversation += TokenEstimate.tokens(message) }
        }
        // The scale is 1 to 4 (`Agent.calibration`); anything else counts as 1.
        let factor = scale.isFinite ? min(max(scale, 1), 4) : 1
        // Saturating: no count times the factor can leave Int's range (10^15 tokens is no request).
        func scaled(_ tokens: Int) -> Int { Int(min(Double(max(0, tokens)) * factor, 1e15)) }
        self.init(window: window, system: scaled(TokenEstimate.tokens(request.system)),
                  tools: scaled(request.tools.reduce(0) { $0 + TokenEstimate.tokens($1) }),
                  conversation: scaled(conversation), toolResults: scaled(results), elidable: scaled(elidable))
    }

    public var total: Int { system + tools + conversation + toolResults }

    /// How full the window is, in percent (over 100 when it does not fit).
    public var percent: Int { min(999, total * 100 / max(1, window)) }

    /// `/context`: each part in tokens and share, and what compaction would free.
    public var lines: [String] {
        func row(_ name: String, _ tokens: Int) -> String {
            "\(name): \(tokens) tokens (\(total == 0 ? 0 : tokens * 100 / total)%)"
        }
        return ["Context: \(total) of \(window) tokens (\(percent)%)" + (reported.map { "; the model counted \($0) for the last request" } ?? ""),
                row("system prompt", system), row("tool schemas", tools), row("conversation", conversation), row("tool results", toolResults),
                "Compaction would free about \(elidable) tokens by eliding old tool results (/compact also summarizes older turns)."]
    }

    public var json: JSONValue {
        ["window": .number(Double(window)), "system": .number(Double(system)), "tools": .number(Double(tools)),
         "conversation": .number(Double(conversation)), "tool_results": .number(Double(toolResults)), "total": .number(Double(total)),
         "reported": reported.map { .number(Double($0)) } ?? .null]
    }
}
