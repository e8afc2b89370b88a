/// A cheap, conservative count of the tokens a text costs: one per three UTF-8 bytes, rounded up.
/// Tokenizers of the providers here give about one per four bytes of English and one per three
/// of JSON, so this over-counts prose by about a third and JSON slightly: compaction starts a
/// little early rather than a request passing the window. The provider's reported usage is the
/// truth for what it counted; this only covers what was added since (`ContextMeter`).
public enum TokenEstimate {
    public static func tokens(_ text: String) -> Int {
        (text.utf8.count + 2) / 3
    }

    /// What one message costs, with a few tokens of framing per message and per tool call.
    public static func tokens(_ message: ChatMessage) -> Int {
        switch message {
        case .user(let text): return 4 + tokens(text)
        case .assistant(let text, let calls): return 4 + tokens(text) + calls.reduce(0) { $0 + 8 + tokens($1.name) + tokens($1.arguments) }
        case .toolResult(let id, let name, let content, _): return 8 + tokens(id) + tokens(name) + tokens(content)
        }
    }

    public static func tokens(_ spec: ToolSpec) -> Int {
        8 + tokens(spec.name) + tokens(spec.description) + tokens(spec.inputSchema.compactText)
    }
}
