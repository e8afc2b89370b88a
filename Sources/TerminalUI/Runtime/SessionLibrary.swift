import WixAgentCore

/// The stored sessions as the TUI sees them, implemented by the executable with the session
/// store (the TUI knows nothing of the database). Called off the UI thread.
public struct SessionLibrary: Sendable {
    /// Stored sessions, newest first.
    public var list: @Sendable () throws -> [SessionArchive.Summary]
    /// Makes `id` the session new events are recorded into and returns its conversation.
    public var open: @Sendable (_ id: String) throws -> [ChatMessage]
    /// The session being recorded into now, once the store is open.
    public var currentID: @Sendable () -> String?

    public init(
        list: @escaping @Sendable () throws -> [SessionArchive.Summary],
        open: @escaping @Sendable (_ id: String) throws -> [ChatMessage],
        currentID: @escaping @Sendable () -> String?
    ) {
        self.list = list
        self.open = open
        self.currentID = currentID
    }
}
