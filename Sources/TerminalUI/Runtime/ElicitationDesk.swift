import Synchronization
import WixAgentCore

/// Where a source's elicitation waits for the person: `ask` shows the form (a message to the
/// UI) and returns what they answered; an interrupt or quit cancels every open form.
final class ElicitationDesk: Sendable {
    private let inbox: EventInbox
    private let waiting = Mutex<(next: Int, open: [Int: CheckedContinuation<ElicitationAnswer, Never>])>((0, [:]))

    init(inbox: EventInbox) {
        self.inbox = inbox
    }

    func ask(_ request: ElicitationRequest) async -> ElicitationAnswer {
        await withCheckedContinuation { continuation in
            let id = waiting.withLock { state in
                state.next += 1
                state.open[state.next] = continuation
                return state.next
            }
            inbox.post(.msg(.elicitationNeeded(id: id, request)))
        }
    }

    /// Ends form `id` with `answer` (nothing when it is no longer open).
    func answer(_ id: Int, with answer: ElicitationAnswer) {
        waiting.withLock { $0.open.removeValue(forKey: id) }?.resume(returning: answer)
    }

    func cancelAll() {
        let open = waiting.withLock { state in
            defer { state.open = [:] }
            return Array(state.open.values)
        }
        for continuation in open { continuation.resume(returning: ElicitationAnswer(action: .cancel)) }
    }
}
