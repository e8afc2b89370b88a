import WixAgentCore

/// `/undo [N]`: proposes the inverse of the session's most recent executed write (or of call N,
/// the inspector's numbering) as a new write that asks like any other; says why when it has none.
enum UndoHandling {
    static func propose(_ argument: String, _ s: inout AppState) -> [Command] {
        guard s.connection == .ready, !s.turnRunning else {
            s.addEntry(.error, "The agent is still working (or not connected); /undo when it is idle.")
            return []
        }
        let target: ToolCallRecord
        if argument.isEmpty {
            guard let last = s.calls.last(where: { $0.access == .write && $0.state == .done }) else {
                s.addEntry(.error, "Nothing to undo: no write of this session has run.")
                return []
            }
            target = last
        } else {
            guard let number = Int(argument), (1...max(1, s.calls.count)).contains(number), s.calls.indices.contains(number - 1) else {
                s.addEntry(.error, "Usage: /undo [N], N a call number of the inspector (1 to \(s.calls.count)).")
                return []
            }
            target = s.calls[number - 1]
            guard target.access == .write, target.state == .done else {
                s.addEntry(.error, "Call \(number) (\(target.toolName)) is not an executed write: nothing to undo.")
                return []
            }
        }
        if let undone = target.call.undoneBy {
            s.addEntry(.error, "\(target.toolName) was already undone by \(s.callName(undone)).")
            return []
        }
        guard let tool = s.tool(named: target.toolName), tool.source == target.source else {
            s.addEntry(.error, "\(target.toolName) is not in the catalog any more (or is another source's tool now): it cannot be undone from here.")
            return []
        }
        switch UndoPlan.plan(undoing: tool, arguments: target.arguments, before: target.before, response: target.response, in: ToolCatalog(tools: s.catalog)) {
        case .failure(let refusal):
            s.addEntry(.error, "Not undoing: \(refusal.description).")
            return []
        case .success(let plan):
            let text = "/undo " + (s.callNumber(target.callID).map(String.init) ?? target.callID)
            s.addEntry(.user, text)
            s.phase = .running
            s.streamingEntry = nil
            let inverse = ToolCall(id: "", name: plan.tool.name, arguments: JSONValue.object(plan.arguments).compactText)
            return [.runProgramCalls(text: text, ProgramCalls(calls: [inverse], undoing: target.callID))]
        }
    }
}
