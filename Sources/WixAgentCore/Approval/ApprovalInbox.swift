/// Where calls wait for a person: the agent loop's asker parks here until the UI answers.
/// Several waiting calls are answered independently. An answer counts only for a call that is
/// waiting when it arrives: a stale or early answer is dropped, so it can never decide a later
/// call. `cancelAll` rejects whatever still waits.
public actor ApprovalInbox {
    private var waiting: [String: CheckedContinuation<ApprovalDecision, Never>] = [:]

    public init() {}

    /// Parks the request, then calls `announce` (which shows the question), and suspends until
    /// `answer(callID:with:)` or `cancelAll` is called for it. The request is waiting before
    /// anyone can see it, so no answer to it can arrive too early.
    public func wait(for request: ApprovalRequest, announce: @Sendable () -> Void = {}) async -> ApprovalDecision {
        let id = request.callID
        // A turn interrupted before (or while) its question waits gets a rejection, never a question nobody can end.
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard !Task.isCancelled else {
                    continuation.resume(returning: .reject(reason: Self.interrupted))
                    return
                }
                if let previous = waiting.updateValue(continuation, forKey: id) {
                    previous.resume(returning: .reject(reason: "The call was asked about twice."))
                }
                announce()
            }
        } onCancel: {
            Task { await self.answer(callID: id, with: .reject(reason: Self.interrupted)) }
        }
    }

    /// The reason a call left waiting by an interrupted turn is rejected with.
    public static let interrupted = "The user interrupted the turn."

    /// Whether a call is waiting for an answer.
    public func isWaiting(_ callID: String) -> Bool {
        waiting[callID] != nil
    }

    /// Decides the call if it is waiting; returns false (and does nothing) otherwise.
    @discardableResult
    public func answer(callID: String, with decision: ApprovalDecision) -> Bool {
        guard let continuation = waiting.removeValue(forKey: callID) else { return false }
        continuation.resume(returning: decision)
        return true
    }

    /// Rejects every waiting call, e.g. when the user interrupts the turn.
    public func cancelAll(reason: String) {
        let all = waiting
        waiting = [:]
        for continuation in all.values { continuation.resume(returning: .reject(reason: reason)) }
    }

    /// The asker to hand to `Agent.runTurn`: every question waits here, and is announced
    /// (by the agent's `approvalNeeded` event) only once it does.
    public nonisolated var asker: ApprovalAsker {
        { request, announce in await self.wait(for: request, announce: announce) }
    }
}
