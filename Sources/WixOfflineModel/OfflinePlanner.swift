import WixAgentCore

/// Picks the workflow that understands the user's request and asks it for the next step.
enum OfflinePlanner {
    /// The workflows the offline model knows, tried in order (the more specific first).
    static let workflows: [OfflineWorkflow.Type] = [
        DirectCallWorkflow.self,
        MemberSpendLabelWorkflow.self,
        RescheduleBookingWorkflow.self,
        CollectionAuditWorkflow.self,
        CollectionQueryWorkflow.self,
        CancelOrderWorkflow.self,
        CreateOrderWorkflow.self,
        OutOfStockProductsWorkflow.self,
        NewMembersWorkflow.self,
        CreateTaskWorkflow.self,
    ]

    static func next(for turn: OfflineTurn) -> OfflineStep {
        for workflow in workflows {
            if let step = workflow.next(for: turn) { return step }
        }
        return .answer(OfflineHelp.text)
    }
}

/// One kind of request the offline model understands. `next` returns nil when the request is
/// not of this kind, else the next step given what the turn's calls have returned so far.
protocol OfflineWorkflow: Sendable {
    static func next(for turn: OfflineTurn) -> OfflineStep?
}

/// The honest answer for anything the offline model does not understand.
enum OfflineHelp {
    static let text = """
    I'm the offline demo model: a rule-based stand-in with no language understanding, so I only know \
    the sample requests of the sandbox site (ids, names, emails, dates, amounts and collections can vary):
    \(SamplePrompts.all.map { "- \"\($0)\"" }.joined(separator: "\n"))
    - "/call list_all_wix_orders {\\"limit\\": 5}" (runs any tool directly)
    For free-form requests, configure a real model: export OPENAI_API_KEY (or ANTHROPIC_API_KEY), \
    or point --llm-base-url at any OpenAI-compatible server such as Ollama, then restart wixagent.
    """
}
