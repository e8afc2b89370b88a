import WixAgentCore

/// `/resend`: proposes again the session's writes whose outcome is unknown (sent, no answer) or
/// that a stopped program cut off, each with its original idempotency key, so a service that
/// honours keys runs it at most once; each asks like any write. Says why when there are none.
enum ResendHandling {
    static func propose(_ s: inout AppState) -> [Command] {
        guard s.connection == .ready, !s.turnRunning else {
            s.addEntry(.error, "The agent is still working (or not connected); /resend when it is idle.")
            return []
        }
        let writes = ProgramCalls.unsettledWrites(in: s.ledger)
        guard !writes.isEmpty else {
            s.addEntry(.error, "Nothing to resend: no write of this session has an unknown outcome.")
            return []
        }
        let (program, resent, other) = ProgramCalls.resending(writes, catalog: ToolCatalog(tools: s.catalog))
        for write in other {
            s.addEntry(.error, "Not resending \(s.callName(write.callID)) (\(write.toolName)): the catalog's tool of that name is not the one it ran as.")
        }
        guard !resent.isEmpty else { return [] }
        let text = "/resend " + resent.map { s.callName($0.callID) }.joined(separator: ", ")
        s.addEntry(.user, text)
        s.phase = .running
        s.streamingEntry = nil
        return [.runProgramCalls(text: text, program)]
    }
}
