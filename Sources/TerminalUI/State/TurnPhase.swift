/// Where the UI is in the life of a turn: one value instead of flags whose combinations could
/// contradict each other. `Update` makes the transitions:
///
///     idle ──send──► running ──Esc──► interrupting ──turn ends──► idle
///       │              │ └───────────────turn ends──────────────────┘
///       │              └─quit with a write in flight─► quittingAfterWrites ──turn ends──► quitting
///       └─/sessions pick─► switchingSession ──resumed or failed──► idle
///     any ──quit (nothing in flight), quit again, SIGTERM──► quitting
public enum TurnPhase: Equatable, Sendable {
    case idle
    /// A turn runs (the model answers, tools run, questions wait).
    case running
    /// Esc was pressed: the turn is stopping (a write in flight finishes first).
    case interrupting
    /// A session picked in `/sessions` is being opened; turns wait until it is.
    case switchingSession
    /// Quit was asked for while a write was in flight: the turn is stopping, and the program
    /// quits once it has ended (the write's outcome recorded).
    case quittingAfterWrites
    /// The run loop ends.
    case quitting

    /// Whether a turn is under way: running, or stopping.
    public var turnRuns: Bool {
        switch self {
        case .running, .interrupting, .quittingAfterWrites: true
        case .idle, .switchingSession, .quitting: false
        }
    }

    /// The phase once the turn has ended.
    var afterTurn: TurnPhase {
        switch self {
        case .running, .interrupting: .idle
        case .quittingAfterWrites: .quitting
        case .idle, .switchingSession, .quitting: self
        }
    }
}
