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
        FollowUpWorkflow.self,
        CatalogWorkflow.self,
    ]

    static func next(for turn: OfflineTurn) -> OfflineStep {
        for workflow in workflows {
            if let step = workflow.next(for: turn) { return step }
        }
        return .answer(Help.text(for: turn.userText, in: turn.resources))
    }
}

/// One kind of request the offline model understands. `next` returns nil when the request is
/// not of this kind, else the next step given what the turn's calls have returned so far.
protocol OfflineWorkflow: Sendable {
    static func next(for turn: OfflineTurn) -> OfflineStep?
}

/// The honest answer for anything the offline model does not understand: what it can do, two
/// examples close to what was asked, and how to configure a real model.
enum Help {
    static func text(for request: String, in resources: [CatalogResource]) -> String {
        let words = request.lowercased().split { !$0.isLetter }.map(String.init)
        let asked = resources.first { $0.mention(in: words) != nil }
        let names = resources.filter { $0.tools["list"] != nil || $0.tools["search"] != nil }.map(\.name)
        return "I'm the offline demo model, a planner without language understanding. I can count, list, total and look up "
            + "this site's \(names.joined(separator: ", ")) with filters (a status, an email, amounts under or over, dates such as "
            + "this month or the last 30 days), change a record named by its number or id (with your approval), and run the sample "
            + "workflows (F1 lists them). " + examples(for: asked, in: resources) + "\n"
            + "For anything else, configure a real model: export OPENAI_API_KEY (or ANTHROPIC_API_KEY), or point --llm-base-url "
            + "at any OpenAI-compatible server such as Ollama, then restart wixagent."
    }

    /// Two requests it understands, about `resource` when one was named.
    static func examples(for resource: CatalogResource?, in resources: [CatalogResource]) -> String {
        let pick = resource ?? resources.first { $0.tools["search"] != nil } ?? resources.first
        guard let pick else { return "" }
        let lines = ExampleRequests.about(pick)
        return "For example: " + lines.map { "\"\($0)\"" }.joined(separator: " or ") + "."
    }
}
