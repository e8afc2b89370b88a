/// One compaction of what the model is sent: the estimate before and after, what was done, and
/// the conversation as the model sees it from now on (the store keeps it, so a resumed session
/// continues from it, while every original message stays stored as it was).
public struct CompactionReport: Sendable, Hashable {
    public var before: Int
    public var after: Int
    /// Old tool results replaced by stubs.
    public var elided: Int
    /// Whether older turns were summarized by the model.
    public var summarized: Bool
    /// Results cut to fit what room was left.
    public var shortened: Bool
    public var view: [ChatMessage]

    public init(before: Int, after: Int, elided: Int, summarized: Bool, shortened: Bool, view: [ChatMessage]) {
        self.before = before
        self.after = after
        self.elided = elided
        self.summarized = summarized
        self.shortened = shortened
        self.view = view
    }

    /// The line the chat and `exec` show.
    public var line: String {
        var done: [String] = []
        if elided > 0 { done.append("\(elided) old tool result\(elided == 1 ? "" : "s") elided") }
        if summarized { done.append("older turns summarized") }
        if shortened { done.append("large results shortened") }
        return "Compacted the conversation the model sees: \(before) → \(after) tokens (\(done.isEmpty ? "nothing to drop" : done.joined(separator: ", "))). The session keeps every message."
    }

    public var json: JSONValue {
        ["before": .number(Double(before)), "after": .number(Double(after)), "elided": .number(Double(elided)),
         "summarized": .bool(summarized), "shortened": .bool(shortened)]
    }
}
