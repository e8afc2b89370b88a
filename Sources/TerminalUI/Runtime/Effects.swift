import WixAgentCore

/// Performs `Command`s: runs turns in a background task, answers approvals, and changes the
/// agent's policy, model and conversation. Results come back as messages through the inbox.
/// Used from the UI thread only.
final class Effects {
    private let inbox: EventInbox
    private let makeModel: @Sendable (String) -> ChatModel?
    private let record: @Sendable (AgentEvent) -> Void
    private let approvals = ApprovalInbox()
    private var agent: Agent?
    private var turn: Task<Void, Never>?

    init(inbox: EventInbox, makeModel: @escaping @Sendable (String) -> ChatModel?, record: @escaping @Sendable (AgentEvent) -> Void) {
        self.inbox = inbox
        self.makeModel = makeModel
        self.record = record
    }

    func connected(_ agent: Agent) {
        self.agent = agent
    }

    func perform(_ command: Command) {
        let inbox = self.inbox
        let approvals = self.approvals
        let record = self.record
        switch command {
        case .startTurn(let text):
            guard let agent else { return }
            turn = Task.detached {
                await agent.runTurn(text, ask: approvals.asker) { event in
                    record(event)
                    inbox.post(.msg(.agent(event)))
                }
            }
        case .cancelTurn, .quit:
            turn?.cancel()
            Task { await approvals.cancelAll(reason: "The user interrupted the turn.") }
        case .answer(let callID, let decision):
            Task { await approvals.answer(callID: callID, with: decision) }
        case .setPolicy(let policy):
            guard let agent else { return }
            Task { await agent.gate.setPolicy(policy) }
        case .setModel(let name):
            guard let agent else {
                inbox.post(.msg(.modelUnknown("Not connected yet; try /model again in a moment.")))
                return
            }
            guard let model = makeModel(name) else {
                inbox.post(.msg(.modelUnknown("Unknown model \"\(name)\".")))
                return
            }
            Task {
                await agent.setModel(model)
                inbox.post(.msg(.modelChanged(model.displayName)))
            }
        case .clearConversation:
            guard let agent else { return }
            Task { await agent.clear() }
        }
    }
}
