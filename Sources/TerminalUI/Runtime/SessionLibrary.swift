import WixAgentCore

/// The session the TUI records into.
public struct ActiveSession: Sendable, Equatable {
    public var id: String
    /// Tokens its earlier turns used (zero for a new session): the status bar counts on from them.
    public var tokens: TokenUsage

    public init(id: String, tokens: TokenUsage = TokenUsage(input: 0, output: 0)) {
        self.id = id
        self.tokens = tokens
    }
}

/// The stored sessions as the TUI sees them, implemented by the executable with the session
/// store (the TUI knows nothing of the database). Called off the UI thread.
public struct SessionLibrary: Sendable {
    /// Stored sessions, newest first.
    public var list: @Sendable () throws -> [SessionArchive.Summary]
    /// Makes `id` the session new events are recorded into and returns it with its conversation.
    public var open: @Sendable (_ id: String) throws -> (session: ActiveSession, messages: [ChatMessage])
    /// The session being recorded into now, once the store is open.
    public var current: @Sendable () -> ActiveSession?
    /// The audit trail of one session (`/audit`).
    public var audit: @Sendable (_ id: String) throws -> [AuditTrail.Entry]
    /// A stored session's calls and grants (`SessionArchive.ledger`), for when it is resumed.
    public var ledger: @Sendable (_ id: String) throws -> CallLedger

    public init(
        list: @escaping @Sendable () throws -> [SessionArchive.Summary],
        open: @escaping @Sendable (_ id: String) throws -> (session: ActiveSession, messages: [ChatMessage]),
        current: @escaping @Sendable () -> ActiveSession?,
        audit: @escaping @Sendable (_ id: String) throws -> [AuditTrail.Entry] = { _ in [] },
        ledger: @escaping @Sendable (_ id: String) throws -> CallLedger = { _ in CallLedger() }
    ) {
        self.ledger = ledger
        self.list = list
        self.open = open
        self.current = current
        self.audit = audit
    }
}
