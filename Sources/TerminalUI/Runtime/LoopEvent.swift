import WixAgentCore

/// What background tasks hand the UI thread: a message for `update`, or the connected agent for the effects.
enum LoopEvent: Sendable {
    case msg(Msg)
    case agentReady(Agent)
}
