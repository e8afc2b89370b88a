import Foundation
import WixAgentCore

/// What the executable tells the TUI.
public struct TUIOptions: Sendable {
    /// e.g. "openai gpt-4o" or "offline demo model".
    public var modelLabel: String
    /// `wixagent 0.7.0`, for the first screen.
    public var version: String = ""
    /// "sandbox" or "account acc_123".
    public var sourceLabel: String
    public var policy: ApprovalPolicy
    /// The colours, loaded (and checked) with `TerminalApp.loadTheme` before curses starts.
    public var theme: Theme
    /// Example requests for the catalog: the first screen numbers the first five, F1 lists them all.
    public var examples: @Sendable (ToolCatalog) -> [String]
    /// For `/model NAME`; nil means the name is unknown.
    public var makeModel: @Sendable (String) -> Result<ChatModel, ModelUnavailable>
    /// Stores every agent event as it happens (the session recorder); writes run only once
    /// their decision is stored here.
    public var record: EventJournal
    /// The stored sessions for `/sessions`; nil when there is no store.
    public var sessions: SessionLibrary?
    /// Where MCP servers' elicitations arrive; the UI shows each as a form.
    public var elicitations: ElicitationRelay?
    /// Fired when a source's tools changed: the UI reloads the catalog.
    public var toolsChanged: ChangeSignal?

    public init(
        modelLabel: String, sourceLabel: String, policy: ApprovalPolicy, theme: Theme,
        examples: @escaping @Sendable (ToolCatalog) -> [String], makeModel: @escaping @Sendable (String) -> Result<ChatModel, ModelUnavailable>,
        record: @escaping EventJournal = { _ in nil }, sessions: SessionLibrary? = nil
    ) {
        self.record = record
        self.sessions = sessions
        self.modelLabel = modelLabel
        self.sourceLabel = sourceLabel
        self.policy = policy
        self.theme = theme
        self.examples = examples
        self.makeModel = makeModel
    }
}
