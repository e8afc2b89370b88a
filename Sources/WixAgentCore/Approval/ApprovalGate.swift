/// The final word on one call: run it (with these arguments) or answer the model with a rejection.
public struct GateVerdict: Sendable, Hashable {
    public var approved: Bool
    public var arguments: JSONValue
    public var reason: String?
    public var decidedBy: DecisionSource
    /// The user's decision when one was asked for.
    public var decision: ApprovalDecision?
}

/// Asks a human (or answers for one) about a call that needs a decision.
public typealias ApprovalAsker = @Sendable (ApprovalRequest) async -> ApprovalDecision

/// Decides, per call, whether it runs: applies the policy and the rules, asks when they say so,
/// and remembers "approve this tool for the session".
public actor ApprovalGate {
    public private(set) var policy: ApprovalPolicy
    private let rules: ToolRules
    private var sessionAllowed: Set<String> = []
    /// False when nobody can answer (`exec`): a call that would ask is refused instead.
    private let interactive: Bool

    public init(policy: ApprovalPolicy, rules: ToolRules = ToolRules(), interactive: Bool = true) {
        self.policy = policy
        self.rules = rules
        self.interactive = interactive
    }

    public func setPolicy(_ policy: ApprovalPolicy) {
        self.policy = policy
    }

    /// Whether the call may run without a question, must be asked about, or is refused outright.
    public enum Route: Sendable, Equatable {
        case run(DecisionSource)
        case ask
        case refuse(DecisionSource, String)
    }

    public func route(toolName: String, access: ToolAccess) -> Route {
        let route = policyRoute(toolName: toolName, access: access)
        if route == .ask, !interactive {
            return .refuse(.policy, "\(toolName) needs approval and nobody can approve here; rerun with --allow \(toolName) or --approval auto")
        }
        return route
    }

    private func policyRoute(toolName: String, access: ToolAccess) -> Route {
        if rules.deny.contains(toolName) {
            return .refuse(.rule, "the tool \(toolName) is denied by a rule in the config file")
        }
        if rules.ask.contains(toolName) { return .ask }
        if rules.allow.contains(toolName) || sessionAllowed.contains(toolName) { return .run(.rule) }
        switch (policy, access) {
        case (.auto, _), (.askWrites, .read), (.readOnly, .read): return .run(.policy)
        case (.readOnly, .write): return .refuse(.policy, "the approval policy is read-only, so writes are not run")
        case (.askWrites, .write), (.askAll, _): return .ask
        }
    }

    /// Routes the call and, when it must ask, waits for `ask` to answer.
    public func decide(_ request: ApprovalRequest, ask: ApprovalAsker) async -> GateVerdict {
        switch route(toolName: request.toolName, access: request.access) {
        case .run(let source):
            return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: source, decision: nil)
        case .refuse(let source, let reason):
            return GateVerdict(approved: false, arguments: request.arguments, reason: reason, decidedBy: source, decision: nil)
        case .ask:
            let decision = await ask(request)
            switch decision {
            case .approveOnce:
                return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: .user, decision: decision)
            case .approveToolForSession:
                sessionAllowed.insert(request.toolName)
                return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: .user, decision: decision)
            case .editAndApprove(let edited):
                return GateVerdict(approved: true, arguments: edited, reason: nil, decidedBy: .user, decision: decision)
            case .reject(let reason):
                return GateVerdict(approved: false, arguments: request.arguments, reason: reason, decidedBy: .user, decision: decision)
            }
        }
    }
}
