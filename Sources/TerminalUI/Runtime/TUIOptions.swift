import Foundation
import WixAgentCore

/// What the executable tells the TUI.
public struct TUIOptions: Sendable {
    /// e.g. "openai gpt-4o" or "offline demo model".
    public var modelLabel: String
    /// "sandbox" or "account acc_123".
    public var sourceLabel: String
    public var policy: ApprovalPolicy
    /// A built-in name (dark, light, high-contrast), a user theme name, or a path to a .toml; nil = dark.
    public var theme: String?
    /// `$XDG_CONFIG_HOME/wixagent/themes`: user themes by name.
    public var userThemesDirectory: URL
    /// Shown in help.
    public var samplePrompts: [String]
    /// For `/model NAME`; nil means the name is unknown.
    public var makeModel: @Sendable (String) -> ChatModel?
    /// Sees every agent event as it happens (the session recorder).
    public var record: @Sendable (AgentEvent) -> Void
    /// The stored sessions for `/sessions`; nil when there is no store.
    public var sessions: SessionLibrary?

    public init(
        modelLabel: String, sourceLabel: String, policy: ApprovalPolicy, theme: String?,
        userThemesDirectory: URL, samplePrompts: [String], makeModel: @escaping @Sendable (String) -> ChatModel?,
        record: @escaping @Sendable (AgentEvent) -> Void = { _ in }, sessions: SessionLibrary? = nil
    ) {
        self.record = record
        self.sessions = sessions
        self.modelLabel = modelLabel
        self.sourceLabel = sourceLabel
        self.policy = policy
        self.theme = theme
        self.userThemesDirectory = userThemesDirectory
        self.samplePrompts = samplePrompts
        self.makeModel = makeModel
    }
}
