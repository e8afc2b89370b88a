import Foundation

/// Which service a rate limit or a retry is about.
public enum ServiceKind: String, Sendable, Codable, Hashable {
    /// The Truto proxy or the sandbox.
    case tools
    /// The LLM provider.
    case model
}

/// The state a tool call is in, as the inspector shows it.
public enum ToolCallState: Sendable, Hashable {
    case proposed
    case waitingForApproval
    case running
    case waitingForRateLimit(seconds: Double)
    case retrying(attempt: Int, of: Int)
    case done
    case failed
    case rejected
    /// The program stopped while it was in flight (found so when its session was resumed).
    case interrupted
}

/// What happened when a call ran: the HTTP exchange, or why it never reached the service.
public struct ToolOutcome: Sendable, Hashable {
    public var status: Int?
    public var latencyMs: Int?
    /// The response body as JSON (or a JSON string of the raw text), full size.
    public var response: JSONValue
    public var isError: Bool
    /// One line for people and for the model when it failed.
    public var summary: String
    /// The request may have reached the service and no answer says whether it took effect
    /// (a write whose connection failed after sending): `/resend` offers it again.
    public var isUnknown: Bool

    public init(status: Int?, latencyMs: Int?, response: JSONValue, isError: Bool, summary: String, isUnknown: Bool = false) {
        self.status = status
        self.latencyMs = latencyMs
        self.response = response
        self.isError = isError
        self.summary = summary
        self.isUnknown = isUnknown
    }

    /// A call that never reached the service, and why.
    public init(notRun line: String) {
        self.init(status: nil, latencyMs: nil, response: .string(line), isError: true, summary: line)
    }

    /// The outcome of a failed call: unknown when the failure says so (`ProxyClient.Failure.outcomeUnknown`).
    public init(failure: ProxyClient.Failure) {
        if case .outcomeUnknown(let line) = failure {
            self.init(status: nil, latencyMs: nil, response: .string(line), isError: true, summary: line, isUnknown: true)
        } else {
            self.init(notRun: failure.description)
        }
    }
}

/// Everything the agent loop reports during a turn. The TUI and `exec` both consume this stream.
public enum AgentEvent: Sendable {
    case turnStarted(userText: String)
    /// The conversation grew by this message (user, assistant or tool result).
    case message(ChatMessage)
    /// Streamed text of the agent's answer.
    case textDelta(String)
    /// The model asked for a tool call (arguments parsed when they parse). `callID` is the call's
    /// key, unique within the session; `providerCallID` is the id the provider gave it, if any.
    /// `preview` is the record a write touches, read before anyone decides on it; `identity` is
    /// the tool it is for, and where it comes from (nil for a tool the catalog does not have).
    case toolProposed(callID: String, providerCallID: String?, toolName: String, access: ToolAccess?, arguments: JSONValue, requestLine: String?,
                      preview: WritePreview? = nil, identity: ToolIdentity? = nil)
    /// A call is parked until `answer` is given (only when a person can answer).
    case approvalNeeded(ApprovalRequest)
    /// What the records a waiting write names by id are (`NamedRecordLines`): reported with
    /// `resolving…` as its dialog opens, then again as the reads answer.
    case recordsNamed(callID: String, lines: [String])
    /// `rule` is the `[[rules]]` entry that decided (or said to ask), when one did; `grants` is true
    /// when the person approved the tool for the rest of the session with this call.
    case approvalDecided(callID: String, approved: Bool, decidedBy: DecisionSource, reason: String?, arguments: JSONValue,
                         rule: RuleReference? = nil, grants: Bool = false)
    /// The call is not what it was proposed as: the person edited its arguments (its access, which
    /// a generic API call's method decides, and request line are these now), or, right before
    /// sending, its record or tool turned out to differ from what its decision saw (`changes`, one
    /// line each; it is decided again). `preview` is the record as read last.
    case callRevised(callID: String, access: ToolAccess, requestLine: String, preview: WritePreview?, identity: ToolIdentity, changes: [String])
    case toolStateChanged(callID: String, ToolCallState)
    /// Attempt `attempt` (from 1) of the call's request is about to go out, with this
    /// `Idempotency-Key` (nil: the source takes none). Reported, and so stored, before it is sent.
    case sending(callID: String, attempt: Int, idempotencyKey: String?)
    /// The latest rate-limit headers of a service.
    case rateLimit(ServiceKind, RateLimitSnapshot)
    /// A 429 or a transient failure is being waited out before retry `attempt` of `of`.
    case waiting(ServiceKind, callID: String?, seconds: Double, attempt: Int, of: Int, reason: String)
    case toolFinished(callID: String, ToolOutcome)
    case usage(TokenUsage)
    /// What the next model request holds against the window (sent before each request).
    case context(ContextUsage)
    /// What the model is sent was compacted; the store keeps `view` beside the full conversation.
    case compacted(CompactionReport)
    /// A line for the person that is not an error (the window was lowered, tools were loaded).
    case notice(String)
    /// The turn ended with this answer.
    case finished(answer: String)
    /// The turn ended early; the message is one line naming the cause.
    case failed(String)
    /// The user interrupted the turn.
    case cancelled
    /// The session store could not record an event: one line naming the store and the error.
    case storeFailed(String)
    /// The grant for this tool ended (`/grants`, or its tool changed); it asks again.
    case grantRevoked(tool: String)
    /// A resumed session's grants were given back (`/grants restore`).
    case grantsRestored([Grant])
    /// The call `callID` was reversed by the call `by` (`/undo`).
    case undone(callID: String, by: String)

    /// Whether this is the last event of a turn.
    public var endsTurn: Bool {
        switch self {
        case .finished, .failed, .cancelled: true
        default: false
        }
    }
}
