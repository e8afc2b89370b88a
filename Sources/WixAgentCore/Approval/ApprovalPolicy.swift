/// How much the user wants to be asked.
public enum ApprovalPolicy: String, Sendable, Codable, CaseIterable {
    /// Reads run; writes wait for a decision. The default.
    case askWrites = "ask-writes"
    /// Every call waits for a decision.
    case askAll = "ask-all"
    /// Writes are rejected without asking.
    case readOnly = "read-only"
    /// Nothing asks.
    case auto
}

/// Per-tool rules from the config file and `--allow`: plain lists and `[[rules]]` with
/// conditions. Deny beats ask beats allow.
public struct ToolRules: Sendable, Hashable {
    public var allow: Set<String>
    public var ask: Set<String>
    public var deny: Set<String>
    public var conditional: [ConditionalRule]

    public init(allow: Set<String> = [], ask: Set<String> = [], deny: Set<String> = [], conditional: [ConditionalRule] = []) {
        self.allow = allow
        self.ask = ask
        self.deny = deny
        self.conditional = conditional
    }

    /// Every tool a rule names (a plain name, `source:name` or a catalog name).
    var namedTools: [(kind: String, tool: String)] {
        [("deny", deny), ("ask", ask), ("allow", allow)].flatMap { kind, names in names.sorted().map { (kind, $0) } }
            + conditional.map { ("rule \($0.index)", $0.tool) }
    }
}

/// What the user (or a rule) decided about one call.
public enum ApprovalDecision: Sendable, Hashable {
    case approveOnce
    /// Approve, and let this tool run without asking for the rest of the session.
    case approveToolForSession
    case reject(reason: String?)
    /// Run with these arguments instead (already validated by whoever edited them).
    case editAndApprove(JSONValue)

    /// Whether the call runs on this decision.
    public var approves: Bool {
        if case .reject = self { false } else { true }
    }
}

/// Who made a decision, as the audit trail records it.
public enum DecisionSource: String, Sendable, Codable {
    /// A person, in the approval dialog.
    case user
    /// A config rule or `--allow`.
    case rule
    /// "Approve this tool for the session", given earlier by a person.
    case grant
    /// The approval policy itself (`auto`, reads under `ask-writes`, writes under `read-only`).
    case policy
}

/// A call waiting for a decision, as the approval dialog shows it.
public struct ApprovalRequest: Sendable, Hashable {
    public var callID: String
    public var toolName: String
    public var access: ToolAccess
    public var arguments: JSONValue
    /// The request it will make, e.g. `POST /proxy/orders/cancel?...`.
    public var requestLine: String
    /// What the write touches, when it names a record the catalog can read.
    public var preview: WritePreview?
    /// The `[[rules]]` entry that said to ask, when one did.
    public var askedBy: RuleReference?
    /// The tool the call was proposed for (`ToolIdentity`): rules and grants cover it by this.
    public var identity: ToolIdentity
    /// The tool's source (`sandbox`, `truto`, an MCP source's name).
    public var source: String { identity.source }
    /// For a generic API tool: the arguments that name where it goes, tested by the rules as a
    /// normalized path (`MCPToolTraits.urlArguments`).
    public var urlArguments: [String] = []
    /// The argument keys that name the record the call acts on: never masked on screen.
    public var namingKeys: Set<String> = []
    /// When the call is asked about again: what changed since the last decision (the record,
    /// the tool, the arguments), one line each, shown first in the dialog.
    public var changes: [String] = []
    /// For an MCP write that may be destructive (`destructiveHint` not false: MCP's default),
    /// the line that says so (`MCPToolTraits.destructionNote`).
    public var destruction: String?

    /// `identity` defaults to a tool of that name at no known source (tests of the gate alone).
    public init(callID: String, toolName: String, access: ToolAccess, arguments: JSONValue, requestLine: String, preview: WritePreview? = nil,
                identity: ToolIdentity? = nil) {
        self.identity = identity ?? ToolIdentity(source: "", remoteName: toolName, fingerprint: "")
        self.callID = callID
        self.toolName = toolName
        self.access = access
        self.arguments = arguments
        self.requestLine = requestLine
        self.preview = preview
    }
}
