import Foundation
import Synchronization

/// The agent's `CallLedger`, folded from every event its turns report once the journal has
/// stored it (so it holds what the session store holds). The gate reads its grants from here:
/// the grants that let calls run and the grants on record are one list.
public final class SharedLedger: Sendable {
    private let ledger = Mutex(CallLedger())

    public init() {}

    /// Folds `event` in; returns what changed.
    @discardableResult
    public func apply(_ event: AgentEvent, at now: Date = Date()) -> [CallLedger.Change] {
        ledger.withLock { $0.apply(event, at: now) }
    }

    /// The ledger as it is now.
    public var value: CallLedger { ledger.withLock { $0 } }

    /// The grants in force.
    public var grants: [Grant] { ledger.withLock { $0.grants } }

    /// Starts again with no calls and no grants (another session takes over).
    public func reset() {
        ledger.withLock { $0 = CallLedger() }
    }
}
