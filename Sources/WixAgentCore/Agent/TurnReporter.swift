import Synchronization

/// Stores one agent event durably (the session store); returns the error when it could not.
public typealias EventJournal = @Sendable (AgentEvent) -> Error?

/// Reports the events of one turn: each goes to the journal first, then to the listener. The
/// first event the journal could not store is followed by one `storeFailed` line, so the person
/// sees at once that the record is incomplete (and why writes are being refused).
final class TurnReporter: Sendable {
    private let journal: EventJournal?
    private let emit: @Sendable (AgentEvent) -> Void
    private let warned = Mutex(false)

    init(journal: EventJournal?, emit: @escaping @Sendable (AgentEvent) -> Void) {
        self.journal = journal
        self.emit = emit
    }

    /// Journals and emits `event`; returns the journal's error, if any.
    @discardableResult
    func report(_ event: AgentEvent) -> Error? {
        let error = journal?(event)
        emit(event)
        if let error, !warned.withLock({ warned in defer { warned = true }; return warned }) {
            emit(.storeFailed("\(error); writes are refused until the store works again"))
        }
        return error
    }

    /// `report` as a plain listener, for code that only emits.
    var reportAndForget: @Sendable (AgentEvent) -> Void {
        { [self] event in self.report(event) }
    }
}
