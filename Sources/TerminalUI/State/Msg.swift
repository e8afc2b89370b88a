import WixAgentCore

/// Everything that can change the UI state: input, agent events, time and the connection.
public enum Msg: Sendable {
    case key(Key)
    case agent(AgentEvent)
    /// Time passed (countdowns, the Ctrl-C window); `update` reads the clock it is given.
    case tick
    case resize(Size)
    /// A frame showing the approval dialog reached the terminal: the guard time starts now.
    case approvalDrawn
    /// An MCP server asks the person to fill in a form (answered with `answerElicitation`).
    case elicitationNeeded(id: Int, ElicitationRequest)
    /// A frame showing the elicitation form reached the terminal.
    case elicitationDrawn
    /// The agent is ready: its tool catalog, the model's name, and the example requests the first screen offers.
    case connected(ToolCatalog, modelLabel: String, examples: [String] = [])
    /// A source's tools changed and the catalog was loaded again.
    case catalogChanged(ToolCatalog)
    /// Lines about rules that cannot do what they say (unknown tools, allowed writes under read-only).
    case warnings([String])
    /// Connecting failed; one line saying why.
    case connectFailed(String)
    /// The earlier conversation of a resumed session (`--resume`), shown before the new turns.
    case resumed([ChatMessage])
    /// The session this run records into (known once the store is open).
    case sessionActive(ActiveSession)
    /// The stored sessions for the picker, newest first, or why they could not be read.
    case sessionsListed([SessionArchive.Summary])
    case sessionsUnavailable(String)
    /// A session picked in `/sessions` is now the current one: its conversation replaces the chat.
    /// With the grants that session held: offered, not given back (`/grants restore`).
    case sessionResumed(ActiveSession, [ChatMessage], ledger: CallLedger = CallLedger())
    case sessionResumeFailed(String)
    /// The current session's audit trail, one line per call, or why it could not be read.
    case auditListed([String])
    /// The calls and grants a session resumed at start had: its calls are shown (and can be
    /// undone or sent again), its grants offered, not given back.
    case ledgerResumed(CallLedger)
    /// `/model NAME` worked (the new label) or did not (the error line).
    case modelChanged(String)
    case modelUnknown(String)
    /// SIGINT from outside the terminal: treated like Ctrl-C.
    case interrupt
    /// SIGTERM or SIGHUP: quit now.
    case terminate
}
