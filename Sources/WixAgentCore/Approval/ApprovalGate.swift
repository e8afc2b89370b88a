import Foundation

/// The final word on one call: run it (with these arguments) or answer the model with a rejection.
public struct GateVerdict: Sendable, Hashable {
    public var approved: Bool
    public var arguments: JSONValue
    public var reason: String?
    public var decidedBy: DecisionSource
    /// The user's decision when one was asked for.
    public var decision: ApprovalDecision?
    /// The `[[rules]]` entry that decided (or said to ask), when one did.
    public var rule: RuleReference? = nil
}

/// Asks a human (or answers for one) about a call that needs a decision. `announce` shows the
/// question (the agent's `approvalNeeded` event); the asker calls it once it is ready to take
/// the answer, so an answer can never arrive before its question is waiting.
public typealias ApprovalAsker = @Sendable (ApprovalRequest, _ announce: @escaping @Sendable () -> Void) async -> ApprovalDecision

/// Askers that need no waiting room.
public enum ApprovalAsking {
    /// Announces each question, then answers it with `answer` (`exec`, tests).
    public static func direct(_ answer: @escaping @Sendable (ApprovalRequest) async -> ApprovalDecision) -> ApprovalAsker {
        { request, announce in
            announce()
            return await answer(request)
        }
    }
}

/// Decides, per call, whether it runs: applies the policy and the rules, asks when they say so,
/// and remembers "approve this tool for the session".
public actor ApprovalGate {
    public private(set) var policy: ApprovalPolicy
    private let rules: ToolRules
    /// The session's calls and grants, as the agent's events made them: "approve this tool for
    /// the session" grants let their tools run without asking until revoked.
    public nonisolated let ledger: SharedLedger
    private nonisolated var grants: [Grant] { ledger.grants }
    /// False when nobody can answer (`exec`): a call that would ask is refused instead.
    public nonisolated let interactive: Bool

    public init(policy: ApprovalPolicy, rules: ToolRules = ToolRules(), interactive: Bool = true, ledger: SharedLedger = SharedLedger()) {
        self.ledger = ledger
        self.policy = policy
        self.rules = rules
        self.interactive = interactive
    }

    /// How a refusal reads when the call needed a person and none can answer (`exec`).
    public static let unattended = "needs approval and nobody can approve here"

    public func setPolicy(_ policy: ApprovalPolicy) {
        self.policy = policy
    }

    /// Why an approved write must not run after all, checked right before it runs: the policy
    /// became read-only, a deny rule matches (its edited arguments too), or the grant it ran by
    /// was revoked. Nil: it may run.
    public func recheck(_ request: ApprovalRequest, decidedBy: DecisionSource) -> String? {
        guard request.access == .write else { return nil }
        if policy == .readOnly { return "the approval policy became read-only, so writes are not run" }
        if case .refuse(_, let why) = policyRoute(request).0 { return why }
        if decidedBy == .grant, !grants.allow(request.identity, request.access) {
            return "the grant for \(request.toolName) was revoked"
        }
        return nil
    }

    /// One line per rule that cannot do what it says, for when the catalog has loaded: a rule
    /// naming a tool the catalog does not have (a typo in `deny` would otherwise deny nothing),
    /// and an allow rule for a write under `read-only`, which never lets it run.
    public func warnings(catalog: ToolCatalog) -> [String] {
        var lines: [String] = []
        for (kind, name) in rules.namedTools where Self.covered(name, in: catalog).isEmpty {
            lines.append("the \(kind) rule names \(name), which is not a tool of this catalog; it has no effect (see wixagent tools list)")
        }
        if policy == .readOnly {
            for name in rules.allow.sorted() where Self.covered(name, in: catalog).contains(where: { $0.access == .write }) {
                lines.append("\(name) is a write, and the approval policy is read-only: writes never run, whatever --allow or the config allows")
            }
        }
        return lines
    }

    /// What the rules cover in `catalog` that they did not in `before` (a reload renamed a tool
    /// or brought another source's tool of a name a rule gives), one line per rule entry.
    public func coverageChanges(from before: ToolCatalog, to catalog: ToolCatalog) -> [String] {
        var lines: [String] = []
        for (kind, name) in rules.namedTools {
            let now = Self.covered(name, in: catalog).map(\.name)
            guard now != Self.covered(name, in: before).map(\.name), !now.isEmpty else { continue }
            lines.append("the \(kind) rule for \(name) now covers \(now.joined(separator: ", "))")
        }
        return lines
    }

    /// The tools of `catalog` that a rule entry naming `name` covers.
    static func covered(_ name: String, in catalog: ToolCatalog) -> [Tool] {
        catalog.tools.filter { $0.identity.names(catalogName: $0.name).contains(name) }
    }

    /// Whether the call may run without a question, must be asked about, or is refused outright.
    public enum Route: Sendable, Equatable {
        case run(DecisionSource)
        case ask
        case refuse(DecisionSource, String)
    }

    public func route(toolName: String, access: ToolAccess) -> Route {
        routing(ApprovalRequest(callID: "", toolName: toolName, access: access, arguments: [:], requestLine: "")).route
    }

    /// The route for a call, given its arguments and previewed record, and the `[[rules]]`
    /// entry that decided it, if one did.
    public func routing(_ request: ApprovalRequest) -> (route: Route, rule: RuleReference?) {
        let (route, rule) = policyRoute(request)
        if route == .ask, !interactive {
            return (.refuse(.policy, "\(request.toolName) \(Self.unattended); rerun with --allow \(request.toolName) or --approval auto"), rule)
        }
        return (route, rule)
    }

    /// Deny rules first, then `read-only`, which no rule, `--allow` or session grant overrides;
    /// then ask rules, allow rules and grants, then the policy. Among the `[[rules]]` that match
    /// the call, deny beats ask beats allow, as for the plain lists. A rule covers a tool by its
    /// plain name from any source, by `source:name` or by its catalog name; a condition that
    /// cannot be judged matches a deny or ask rule and never an allow rule.
    private func policyRoute(_ request: ApprovalRequest) -> (Route, RuleReference?) {
        let toolName = request.toolName
        let names = request.identity.names(catalogName: toolName)
        let (arguments, unjudgeable) = RuleArguments.view(request.arguments, urlKeys: request.urlArguments)
        let judged = rules.conditional.filter { $0.covers(names) }.map { rule in
            (rule: rule, holds: rule.evaluate(arguments: arguments, target: request.preview?.record, unjudgeable: unjudgeable))
        }
        func first(_ decision: ConditionalRule.Decision) -> (rule: ConditionalRule, holds: Bool?)? {
            judged.first { $0.rule.decision == decision && (decision == .allow ? $0.holds == true : $0.holds != false) }
        }
        if !rules.deny.isDisjoint(with: names) {
            return (.refuse(.rule, "the tool \(toolName) is denied by a rule in the config file"), nil)
        }
        if let (rule, holds) = first(.deny) {
            let unsure = holds == nil ? ", whose condition could not be judged on this call (that counts as a match)" : ""
            return (.refuse(.rule, "\(toolName) is denied by \(rule.reference.label) in the config file\(unsure)"), rule.reference)
        }
        if policy == .readOnly, request.access == .write {
            return (.refuse(.policy, "the approval policy is read-only, so writes are not run"), nil)
        }
        if !rules.ask.isDisjoint(with: names) { return (.ask, nil) }
        if let (rule, _) = first(.ask) { return (.ask, rule.reference) }
        if !rules.allow.isDisjoint(with: names) { return (.run(.rule), nil) }
        if let (rule, _) = first(.allow) { return (.run(.rule), rule.reference) }
        if grants.allow(request.identity, request.access) { return (.run(.grant), nil) }
        switch (policy, request.access) {
        case (.auto, _), (.askWrites, .read), (.readOnly, .read): return (.run(.policy), nil)
        case (.askWrites, .write), (.askAll, _), (.readOnly, .write): return (.ask, nil)
        }
    }

    /// Whether the call would run now without a question (the policy, a rule or a grant).
    public func runs(_ request: ApprovalRequest) -> Bool {
        if case .run = routing(request).route { true } else { false }
    }

    /// The record paths the rules covering this call test (`target.status` → `status`).
    public func targetPaths(for request: ApprovalRequest) -> [String] {
        let names = request.identity.names(catalogName: request.toolName)
        return rules.conditional.filter { $0.covers(names) }.flatMap(\.targetPaths)
    }

    /// Routes the call and, when it must ask, waits for `ask` to answer. `mustAsk`: a person
    /// decided on another picture of the call (`ApprovalRequest.changes`), so a route that would
    /// run it asks instead (and where nobody can answer, refuses it).
    public func decide(_ request: ApprovalRequest, mustAsk: Bool = false, announce: @escaping @Sendable () -> Void = {}, ask: ApprovalAsker) async -> GateVerdict {
        var (route, rule) = routing(request)
        if mustAsk, case .run = route {
            route = interactive ? .ask : .refuse(.policy, "\(request.toolName) changed since it was decided (\(request.changes.first ?? "")), and nobody can decide again here")
            rule = nil
        }
        switch route {
        case .run(let source):
            return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: source, decision: nil, rule: rule)
        case .refuse(let source, let reason):
            return GateVerdict(approved: false, arguments: request.arguments, reason: reason, decidedBy: source, decision: nil, rule: rule)
        case .ask:
            var request = request
            request.askedBy = rule
            let decision = await ask(request, announce)
            if policy == .readOnly, request.access == .write, decision.approves {
                // The policy became read-only while the question was open: no answer overrides it.
                return GateVerdict(approved: false, arguments: request.arguments, reason: "the approval policy is read-only, so writes are not run", decidedBy: .policy, decision: decision)
            }
            switch decision {
            case .approveOnce:
                return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: .user, decision: decision)
            case .approveToolForSession:
                // The grant itself is the decision's event, in force once the store has it (`TurnReporter`).
                return GateVerdict(approved: true, arguments: request.arguments, reason: nil, decidedBy: .user, decision: decision)
            case .editAndApprove(let edited):
                return GateVerdict(approved: true, arguments: edited, reason: nil, decidedBy: .user, decision: decision)
            case .reject(let reason):
                return GateVerdict(approved: false, arguments: request.arguments, reason: reason, decidedBy: .user, decision: decision)
            }
        }
    }
}
