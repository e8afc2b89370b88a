/// Makes a stored conversation valid to send again, whatever point the process died at:
/// every tool call gets a result right after its assistant message (providers answer 400 to a
/// call without one), and a result that answers no call of that message is dropped.
public enum ConversationRepair {
    /// How the result of a call that never finished begins.
    public static let interruptedNote = "Interrupted: the program stopped before this call finished"

    /// The result given to a call that has none.
    static func interruptedResult(for call: ToolCall) -> ChatMessage {
        .toolResult(callID: call.id, name: call.name,
                    content: interruptedNote + "; for a write, whether it took effect is unknown (check before repeating it).",
                    isError: true)
    }

    /// The conversation with every call answered, and the calls that were given the interrupted result.
    public static func repair(_ messages: [ChatMessage]) -> (messages: [ChatMessage], interrupted: [ToolCall]) {
        var out: [ChatMessage] = []
        var interrupted: [ToolCall] = []
        var index = 0
        while index < messages.count {
            let message = messages[index]
            index += 1
            guard case .assistant(_, let calls) = message else {
                // A result outside the run of results after its assistant message answers nothing.
                if case .toolResult = message { continue }
                out.append(message)
                continue
            }
            out.append(message)
            var answered = Set<String>()
            var results: [ChatMessage] = []
            while index < messages.count, case .toolResult(let id, _, _, _) = messages[index] {
                if calls.contains(where: { $0.id == id }), answered.insert(id).inserted { results.append(messages[index]) }
                index += 1
            }
            for call in calls where !answered.contains(call.id) {
                results.append(interruptedResult(for: call))
                interrupted.append(call)
            }
            // Results in the order of the calls, as the model made them.
            out += calls.compactMap { call in results.first { if case .toolResult(call.id, _, _, _) = $0 { true } else { false } } }
        }
        return (out, interrupted)
    }

    /// Whether a result is the one `repair` gave to a call that never finished.
    public static func isInterrupted(_ content: String) -> Bool {
        content.hasPrefix(interruptedNote)
    }
}
