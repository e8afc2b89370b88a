import WixAgentCore

/// Performs `Command`s: runs turns in a background task, answers approvals, and changes the
/// agent's policy, model and conversation. Results come back as messages through the inbox.
/// Used from the UI thread only.
final class Effects {
    private let inbox: EventInbox
    private let makeModel: @Sendable (String) -> Result<ChatModel, ModelUnavailable>
    private let record: EventJournal
    private let sessions: SessionLibrary?
    private let approvals = ApprovalInbox()
    private let elicitations: ElicitationDesk
    private var agent: Agent?
    /// The turn last started (stopped by `.quit`, perhaps still finishing a write).
    private(set) var turn: Task<Void, Never>?
    /// The last of the changes asked for so far (a policy, a revoke, an answer...): each waits
    /// for the one before, so they take effect in the order the keys were pressed, and a turn
    /// starts only once everything typed before it has.
    private var applied: Task<Void, Never>?

    init(inbox: EventInbox, makeModel: @escaping @Sendable (String) -> Result<ChatModel, ModelUnavailable>, record: @escaping EventJournal,
         sessions: SessionLibrary? = nil) {
        self.inbox = inbox
        self.sessions = sessions
        self.makeModel = makeModel
        self.record = record
        elicitations = ElicitationDesk(inbox: inbox)
    }

    /// Sources' elicitations become forms on screen from now on.
    func answersElicitations(from relay: ElicitationRelay) {
        let desk = elicitations
        relay.install { await desk.ask($0) }
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
            let before = applied
            turn = Task.detached {
                await before?.value
                await agent.runTurn(text, ask: approvals.asker, journal: record) { event in
                    inbox.post(.msg(.agent(event)))
                }
            }
        case .runProgramCalls(let text, let program):
            guard let agent else { return }
            let before = applied
            turn = Task.detached {
                await before?.value
                await agent.runProgramCalls(text, program, ask: approvals.asker, journal: record) { event in
                    inbox.post(.msg(.agent(event)))
                }
            }
        case .cancelTurn, .quit:
            turn?.cancel()
            elicitations.cancelAll()
            inOrder { await approvals.cancelAll(reason: ApprovalInbox.interrupted) }
        case .answerElicitation(let id, let answer):
            elicitations.answer(id, with: answer)
        case .answer(let callID, let decision):
            inOrder { await approvals.answer(callID: callID, with: decision) }
        case .revokeGrant(let tool):
            guard let agent else { return }
            inOrder { await agent.note(.grantRevoked(tool: tool), journal: record) }
        case .restoreGrants(let grants):
            guard let agent else { return }
            inOrder { await agent.note(.grantsRestored(grants), journal: record) }
        case .setPolicy(let policy):
            guard let agent else { return }
            inOrder { await agent.gate.setPolicy(policy) }
        case .setModel(let name):
            guard let agent else {
                inbox.post(.msg(.modelUnknown("Not connected yet; try /model again in a moment.")))
                return
            }
            let model: ChatModel
            switch makeModel(name) {
            case .success(let made): model = made
            case .failure(let unavailable):
                inbox.post(.msg(.modelUnknown(unavailable.line)))
                return
            }
            inOrder {
                await agent.setModel(model)
                inbox.post(.msg(.modelChanged(model.displayName)))
            }
        case .clearConversation:
            guard let agent else { return }
            inOrder { await agent.clear() }
        case .compact(let focus):
            guard let agent else { return }
            inOrder {
                await agent.compact(focus: focus, journal: record) { event in inbox.post(.msg(.agent(event))) }
            }
        case .loadSessions:
            let sessions = self.sessions
            Task.detached { inbox.post(.msg(Effects.listSessions(sessions))) }
        case .loadAudit:
            let sessions = self.sessions
            Task.detached { inbox.post(.msg(Effects.audit(sessions))) }
        case .resumeSession(let id):
            guard let agent, let sessions else {
                inbox.post(.msg(.sessionResumeFailed("Cannot switch sessions: not connected or no session store.")))
                return
            }
            inOrder { inbox.post(.msg(await Effects.resume(id, sessions, agent))) }
        }
    }

    /// Runs `change` once every change asked for before it has run.
    private func inOrder(_ change: @escaping @Sendable () async -> Void) {
        let before = applied
        applied = Task.detached {
            await before?.value
            await change()
        }
    }

    private static func listSessions(_ sessions: SessionLibrary?) -> Msg {
        guard let sessions else { return .sessionsUnavailable("There is no session store in this run.") }
        do {
            return .sessionsListed(try sessions.list())
        } catch {
            return .sessionsUnavailable("Could not read the stored sessions: \(line(error))")
        }
    }

    private static func audit(_ sessions: SessionLibrary?) -> Msg {
        guard let sessions, let current = sessions.current() else { return .auditListed([]) }
        do {
            return .auditListed(try sessions.audit(current.id).map(\.line))
        } catch {
            return .auditListed(["Could not read the audit trail: \(line(error))"])
        }
    }

    /// Switches the recorder to `id`, then hands its conversation to the agent.
    private static func resume(_ id: String, _ sessions: SessionLibrary, _ agent: Agent) async -> Msg {
        let opened: (session: ActiveSession, messages: [ChatMessage])
        do {
            opened = try sessions.open(id)
        } catch {
            return .sessionResumeFailed("Could not open session \(id): \(line(error))")
        }
        await agent.replaceConversation(opened.messages)
        return .sessionResumed(opened.session, opened.messages, ledger: (try? sessions.ledger(opened.session.id)) ?? CallLedger())
    }

    /// The first line of an error's description.
    static func line(_ error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
