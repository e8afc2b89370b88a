/// What the model is told about a call's result: the response as compact JSON, shortened
/// with a note when it is long (the full response stays in the inspector and the store).
enum ResultShortener {
    /// The line before the response when the user edited the call's arguments.
    static let editedNote = "(The user edited the arguments before approving; the call ran with the edited arguments.)"

    static func text(for outcome: ToolOutcome, limit: Int, edited: Bool) -> String {
        var text = outcome.isError ? "Error: \(outcome.summary)\n" : ""
        if edited { text += editedNote + "\n" }
        let body = outcome.response.compactText
        if body.count <= limit {
            text += body
        } else {
            text += String(body.prefix(limit))
            text += "\n[Result shortened for you: \(body.count) characters, first \(limit) shown. Ask for fewer items (limit, filter) or the next page to see more.]"
        }
        return text
    }
}
