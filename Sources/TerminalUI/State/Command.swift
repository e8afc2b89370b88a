import WixAgentCore

/// Work `update` asks for; the run loop performs it off the UI thread.
public enum Command: Equatable, Sendable {
    /// Run one agent turn with this user text.
    case startTurn(String)
    /// Interrupt the running turn (and reject whatever waits for approval).
    case cancelTurn
    case answer(callID: String, ApprovalDecision)
    /// Ends an MCP server's form with this answer.
    case answerElicitation(id: Int, ElicitationAnswer)
    case setPolicy(ApprovalPolicy)
    case setModel(String)
    /// Forget the conversation.
    case clearConversation
    /// Compact what the model is sent now, summarizing older turns with this focus (`/compact`).
    case compact(focus: String?)
    /// Read the stored sessions for the picker (answered with `sessionsListed`/`sessionsUnavailable`).
    case loadSessions
    /// Continue this stored session: the agent gets its conversation and new events are recorded
    /// into it (answered with `sessionResumed`/`sessionResumeFailed`).
    case resumeSession(String)
    /// Read the current session's audit trail (answered with `auditListed`).
    case loadAudit
    /// Run calls the program proposes (an undo's inverse, writes sent again); each asks like any write.
    case runProgramCalls(text: String, ProgramCalls)
    /// End the grant for this tool (and record that it ended).
    case revokeGrant(String)
    /// Give these grants back to the gate (a resumed session's, confirmed by the person).
    case restoreGrants([Grant])
    case quit
}
