/// Where calls wait for a person: the agent loop's asker parks here until the UI answers.
/// Several waiting calls are answered independently; an answer that arrives before its call
/// is parked is kept for it; `cancelAll` rejects whatever still waits.
public actor ApprovalInbox {
    private var waiting: [String: CheckedContinuation<ApprovalDecision, Never>] = [:]
    private var early: [String: ApprovalDecision] = [:]

    public init() {}

    /// Suspends until `answer(callID:with:)` or `cancelAll` is called for this request.
    public func wait(for request: ApprovalRequest) async -> ApprovalDecision {
        if let decision = early.removeValue(forKey: request.callID) { return decision }
        return await withCheckedContinuation { continuation in
            waiting[request.callID] = continuation
        }
    }

    public func answer(callID: String, with decision: ApprovalDecision) {
        if let continuation = waiting.removeValue(forKey: callID) {
            continuation.resume(returning: decision)
        } else {
            early[callID] = decision
        }
    }

    /// Rejects every waiting call, e.g. when the user interrupts the turn.
    public func cancelAll(reason: String) {
        let all = waiting
        waiting = [:]
        early = [:]
        for continuation in all.values { continuation.resume(returning: .reject(reason: reason)) }
    }

    /// The asker to hand to `Agent.runTurn`: every question waits here.
    public nonisolated var asker: ApprovalAsker {
        { request in await self.wait(for: request) }
    }
}
