import Synchronization

/// A signal that something changed (an MCP server's tools), fired by whoever notices and
/// handled by whoever installed a handler (the TUI reloads its catalog); unhandled until then.
public final class ChangeSignal: Sendable {
    private let handler = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    public func install(_ handle: @escaping @Sendable () -> Void) {
        handler.withLock { $0 = handle }
    }

    public func fire() {
        handler.withLock { $0 }?()
    }
}
