/// Calls the program proposes itself, as a turn of their own: the inverse of a write (`/undo`),
/// or writes whose outcome is unknown sent again (`/resend`). Each asks like any write.
public struct ProgramCalls: Sendable, Hashable {
    public var calls: [ToolCall]
    /// The keys the calls get, one each; nil for fresh ones. A resend's key keeps its original
    /// call's idempotency key (`CallKey.resend(of:)`).
    public var keys: [String]?
    /// The call they reverse (`/undo`).
    public var undoing: String?

    public init(calls: [ToolCall], keys: [String]? = nil, undoing: String? = nil) {
        self.calls = calls
        self.keys = keys
        self.undoing = undoing
    }

    /// The writes of `ledger` that went out with an `Idempotency-Key`, approved, and whose
    /// outcome is unknown (sent, no clear answer) or that a stopped program cut off, and that no
    /// later resend settled with a clear answer: what `/resend` offers. A write without a key
    /// (an MCP tool's) is never sent again: the service could not tell it from a new one.
    public static func unsettledWrites(in ledger: CallLedger) -> [LedgerCall] {
        let settled = Set(ledger.calls.filter { call in
            call.resendOf != nil && call.outcome.map { $0.status != nil && !$0.isUnknown } == true
        }.compactMap(\.resendOf))
        return ledger.calls.filter { call in
            // A stored argument the scrubber masked (it held a secret) cannot be sent as it was.
            call.access == .write && call.resendOf == nil && call.idempotencyKey != nil && call.decision?.approved == true
                && !call.arguments.compactText.contains(SecretScrubber.mask)
                && !settled.contains(call.callID) && (call.state == .interrupted || call.outcome?.isUnknown == true)
        }
    }

    /// Each of `writes` proposed again with its own arguments and idempotency key, when the
    /// catalog's tool of its name is the one it ran as (same source, name and schema): `resent`
    /// are those, `other` the rest.
    public static func resending(_ writes: [LedgerCall], catalog: ToolCatalog) -> (program: ProgramCalls, resent: [LedgerCall], other: [LedgerCall]) {
        let same = writes.filter { catalog.tool(named: $0.toolName).map(\.identity) == $0.identity }
        let program = ProgramCalls(calls: same.map { ToolCall(id: "", name: $0.toolName, arguments: $0.arguments.compactText) },
                                   keys: same.map { CallKey.resend(of: $0.callID) })
        return (program, same, writes.filter { !same.contains($0) })
    }
}
