import Foundation

/// One tool call's whole life in a session: what the model proposed, what it is now, who decided
/// and how it ended. `CallLedger` is the only place this is kept; the store, the screen and
/// `exec` read it.
public struct LedgerCall: Sendable, Hashable {
    /// The call's key, unique within the session.
    public let callID: String
    /// The id the provider gave the call, if any.
    public var providerCallID: String?
    public var toolName: String
    /// Nil for a tool the catalog does not have.
    public var access: ToolAccess?
    /// The tool it runs as, and where it comes from (nil for a tool the catalog does not have).
    public var identity: ToolIdentity?
    /// The arguments as the model proposed them.
    public let proposedArguments: JSONValue
    /// The arguments it runs (or ran) with: a person's edit changes them.
    public var arguments: JSONValue
    public var requestLine: String?
    /// The record the write touches, as read last.
    public var preview: WritePreview?
    /// What differed from what its last decision saw, when it was revised right before sending.
    public var changes: [String] = []
    /// What the other records its arguments name by id are, as its dialog showed them.
    public var namedRecords: [String] = []
    /// Every decision made on it, oldest first (a revised call is decided again).
    public var decisions: [CallDecision] = []
    public var state: ToolCallState = .proposed
    /// How many times its request went out (retries after a 429, a 5xx or a dropped connection).
    public var attempts = 0
    /// The `Idempotency-Key` its requests carried, when its source takes one.
    public var idempotencyKey: String?
    /// How it ended: the HTTP exchange, or why it never ran.
    public var outcome: ToolOutcome?
    /// The key of the call that reversed it (`/undo`).
    public var undoneBy: String?

    public init(callID: String, providerCallID: String?, toolName: String, access: ToolAccess?, identity: ToolIdentity?,
                arguments: JSONValue, requestLine: String?, preview: WritePreview?) {
        self.callID = callID
        self.providerCallID = providerCallID
        self.toolName = toolName
        self.access = access
        self.identity = identity
        self.proposedArguments = arguments
        self.arguments = arguments
        self.requestLine = requestLine
        self.preview = preview
    }

    /// The call this one sends again (`/resend`), when it is a resend.
    public var resendOf: String? {
        let root = CallKey.root(of: callID)
        return root == callID ? nil : root
    }

    /// The decision in force: the last one.
    public var decision: CallDecision? { decisions.last }

    /// Whether it has ended (ran, failed, was refused or was cut off by a crash).
    public var isSettled: Bool {
        switch state {
        case .done, .failed, .rejected, .interrupted: true
        default: false
        }
    }

    /// A write on its way to the service (sent, or to be sent again after a 429 or a failure):
    /// its true outcome is still to come.
    public var isWriteInFlight: Bool {
        guard access == .write else { return false }
        switch state {
        case .running, .waitingForRateLimit, .retrying: return true
        default: return false
        }
    }
}

/// One decision on a call: whether it runs, who or what decided, and on which tool and arguments.
public struct CallDecision: Sendable, Hashable {
    public var approved: Bool
    public var decidedBy: DecisionSource
    public var reason: String?
    /// The arguments it was decided on (a person's edit included).
    public var arguments: JSONValue
    /// The `[[rules]]` entry that decided (or said to ask), when one did.
    public var rule: RuleReference?
    /// Whether the person approved the tool for the rest of the session with it.
    public var grants: Bool
    /// The tool and access the call was decided as.
    public var identity: ToolIdentity?
    public var access: ToolAccess?

    public init(approved: Bool, decidedBy: DecisionSource, reason: String?, arguments: JSONValue, rule: RuleReference?, grants: Bool,
                identity: ToolIdentity?, access: ToolAccess?) {
        self.approved = approved
        self.decidedBy = decidedBy
        self.reason = reason
        self.arguments = arguments
        self.rule = rule
        self.grants = grants
        self.identity = identity
        self.access = access
    }
}
