import Foundation

/// The session's tool calls and grants as one value, folded from the agent's events. It is the
/// only place a call's state is derived: the session store writes the rows it changes, the
/// screen draws from it, and a store's rows replay into the same value (`SessionArchive.ledger`).
public struct CallLedger: Sendable, Hashable {
    /// In the order the model proposed them.
    public private(set) var calls: [LedgerCall] = []
    private var index: [String: Int] = [:]
    /// "Approve this tool for the session" grants in force, one per tool (`[Grant].adding`).
    public private(set) var grants: [Grant] = []

    public init() {}

    /// A ledger with these calls and grants (a stored session's, replayed).
    public init(calls: [LedgerCall], grants: [Grant] = []) {
        for call in calls where index[call.callID] == nil {
            index[call.callID] = self.calls.count
            self.calls.append(call)
        }
        self.grants = grants
    }

    public subscript(callID: String) -> LedgerCall? {
        index[callID].map { calls[$0] }
    }

    /// The position of a call in proposal order, from 0.
    public func position(of callID: String) -> Int? {
        index[callID]
    }

    /// What an event changed.
    public enum Change: Sendable, Hashable {
        /// The call with this key (new or updated).
        case call(String)
        /// The list of grants.
        case grants
    }

    /// Folds one event in (`at`: when it happened, the time a grant is given); returns what changed.
    /// An event about a call the ledger does not know changes nothing: it is not a call's record.
    @discardableResult
    public mutating func apply(_ event: AgentEvent, at now: Date) -> [Change] {
        switch event {
        case .toolProposed(let id, let providerID, let name, let access, let arguments, let line, let preview, let identity):
            guard index[id] == nil else { return [] }
            index[id] = calls.count
            calls.append(LedgerCall(callID: id, providerCallID: providerID, toolName: name, access: access, identity: identity,
                                    arguments: arguments, requestLine: line, preview: preview))
            return [.call(id)]
        case .approvalDecided(let id, let approved, let by, let reason, let arguments, let rule, let grants):
            guard let i = index[id] else { return [] }
            let call = calls[i]
            calls[i].decisions.append(CallDecision(approved: approved, decidedBy: by, reason: reason, arguments: arguments, rule: rule,
                                                   grants: grants, identity: call.identity, access: call.access))
            calls[i].arguments = arguments
            if !approved { calls[i].state = .rejected }
            guard grants, approved else { return [.call(id)] }
            let before = self.grants
            self.grants = self.grants.adding(Grant(tool: call.toolName, at: now, afterCall: id, access: call.access ?? .read, identity: call.identity))
            return before == self.grants ? [.call(id)] : [.call(id), .grants]
        case .callRevised(let id, let access, let line, let preview, let identity, let changes):
            return update(id) { call in
                call.access = access
                call.requestLine = line
                call.preview = preview
                call.identity = identity
                call.changes = changes
            }
        case .toolStateChanged(let id, let state):
            return update(id) { $0.state = state }
        case .recordsNamed(let id, let lines):
            return update(id) { $0.namedRecords = lines }
        case .sending(let id, let attempt, let key):
            return update(id) { call in
                call.attempts = max(call.attempts, attempt)
                call.idempotencyKey = key ?? call.idempotencyKey
                // Out of a wait: its request is on its way again.
                if !call.isSettled { call.state = .running }
            }
        case .toolFinished(let id, let outcome):
            return update(id) { call in
                call.outcome = outcome
                // A refused call stays refused; otherwise its outcome says how it ended.
                if call.state != .rejected { call.state = outcome.isError ? .failed : .done }
            }
        case .undone(let id, let by):
            return update(id) { $0.undoneBy = by }
        case .grantRevoked(let tool):
            guard grants.contains(where: { $0.tool == tool }) else { return [] }
            grants.removeAll { $0.tool == tool }
            return [.grants]
        case .grantsRestored(let restored):
            let before = grants
            grants = restored.reduce(grants) { $0.adding($1) }
            return before == grants ? [] : [.grants]
        case .turnStarted, .message, .textDelta, .approvalNeeded, .rateLimit, .waiting, .usage, .context, .compacted, .notice,
             .finished, .failed, .cancelled, .storeFailed:
            return []
        }
    }

    private mutating func update(_ id: String, _ change: (inout LedgerCall) -> Void) -> [Change] {
        guard let i = index[id] else { return [] }
        let before = calls[i]
        change(&calls[i])
        return before == calls[i] ? [] : [.call(id)]
    }
}
