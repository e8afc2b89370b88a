import Synchronization

/// Stores one agent event durably (the session store); returns the error when it could not.
public typealias EventJournal = @Sendable (AgentEvent) -> Error?

/// Reports the events of one turn: each goes to the journal first, then (once stored) into the
/// agent's ledger, then to the listener. The first event the journal could not store is followed
/// by one `storeFailed` line, so the person sees at once that the record is incomplete (and why
/// writes are being refused).
final class TurnReporter: Sendable {
    private let journal: EventJournal?
    private let ledger: SharedLedger
    private let emit: @Sendable (AgentEvent) -> Void
    private let warned = Mutex(false)

    init(journal: EventJournal?, ledger: SharedLedger, emit: @escaping @Sendable (AgentEvent) -> Void) {
        self.journal = journal
        self.ledger = ledger
        self.emit = emit
    }

    /// Journals, folds and emits `event`; returns the journal's error, if any. An event the
    /// store refused is not folded (a grant whose decision is not on record is not in force),
    /// except the end of a grant, which holds whether or not the store can say so.
    /// The listener is told of every event, so the screen shows what happened; but a decision
    /// the store refused reaches it without its grant, which is not in force.
    @discardableResult
    func report(_ event: AgentEvent) -> Error? {
        let error = journal?(event)
        if case .grantRevoked = event {
            ledger.apply(event)
        } else if error == nil {
            ledger.apply(event)
        }
        if error != nil, case .approvalDecided(let id, let approved, let by, let reason, let arguments, let rule, true) = event {
            emit(.approvalDecided(callID: id, approved: approved, decidedBy: by, reason: reason, arguments: arguments, rule: rule, grants: false))
        } else {
            emit(event)
        }
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
