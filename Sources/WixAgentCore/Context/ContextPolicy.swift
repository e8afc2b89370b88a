/// How a run keeps its requests inside the model's window (`--context-window`,
/// `WIXAGENT_CONTEXT_WINDOW`, `context_window`, `compact_at`, `tool_loading`, `always_load`).
public struct ContextPolicy: Sendable, Equatable {
    /// The model's window in tokens, as the table, the user or a server's refusal says.
    public var window: Int
    /// The share of the window (less the room for the reply) at which compaction starts.
    public var compactAt: Double
    public var toolLoading: ToolLoading
    /// Tools whose schemas every request carries, also when the others are loaded on demand.
    public var alwaysLoad: [String]
    /// Whether the person set the window (flag, environment, config): another model keeps it.
    public var windowIsSet = false

    public enum ToolLoading: String, Sendable, Equatable, CaseIterable {
        /// Every schema when they take at most a tenth of the window; on demand otherwise.
        case auto
        /// Every schema in every request.
        case all
        /// Only `search_tools` and the tools found so far.
        case deferred
    }

    public init(window: Int = ContextWindow.unknown, compactAt: Double = 0.8, toolLoading: ToolLoading = .auto, alwaysLoad: [String] = []) {
        self.window = window
        self.compactAt = compactAt
        self.toolLoading = toolLoading
        self.alwaysLoad = alwaysLoad
    }

    /// Tokens kept free for the reply: an eighth of the window, at most 8k.
    public var replyRoom: Int { min(8_192, window / 8) }

    /// The most a request may hold before it is compacted (a share that is not a number in
    /// 0.2...0.95 counts as 0.8, so no value reaches the conversion unchecked).
    public var limit: Int {
        let share = compactAt.isFinite ? min(max(compactAt, 0.2), 0.95) : 0.8
        return max(512, Int(Double(max(0, window)) * share) - replyRoom)
    }
}
