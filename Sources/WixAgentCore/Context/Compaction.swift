/// Makes a conversation cost fewer tokens, cheapest step first. It changes only what the model
/// is sent: the session store keeps every message as it was.
///   1. Old tool results (before the last `recentTurns` user turns) become one-line stubs.
///   2. The older part is summarized by the model (`Agent.compact`), with the writes that ran in
///      it and the grants in force appended from the program's own records (`recordedFacts`).
///   3. A single result still too large for the room left is shortened further.
public enum Compaction {
    /// How many of the last user turns keep their tool results whole.
    public static let recentTurns = 2

    /// Where the last `turns` user turns begin (0 when there are fewer).
    public static func recentStart(_ messages: [ChatMessage], turns: Int = recentTurns) -> Int {
        var seen = 0
        for index in messages.indices.reversed() {
            if case .user = messages[index] {
                seen += 1
                if seen == turns { return index }
            }
        }
        return 0
    }

    /// Step 1: every tool result before `recentStart` as a stub; how many were elided and the
    /// tokens that saves.
    public static func elideOldResults(_ messages: [ChatMessage], turns: Int = recentTurns) -> (messages: [ChatMessage], elided: Int, saved: Int) {
        let start = recentStart(messages, turns: turns)
        var out = messages
        var elided = 0
        var saved = 0
        for index in 0..<start {
            guard case .toolResult(let id, let name, let content, let isError) = messages[index], !content.hasPrefix(stubPrefix) else { continue }
            let short = stub(name: name, content: content)
            guard short.utf8.count < content.utf8.count else { continue }
            out[index] = .toolResult(callID: id, name: name, content: short, isError: isError)
            saved += TokenEstimate.tokens(content) - TokenEstimate.tokens(short)
            elided += 1
        }
        return (out, elided, saved)
    }

    static let stubPrefix = "[Result elided to save context:"

    /// The one line a model sees instead of an old result: the tool, its size and record count,
    /// and that calling again shows it.
    static func stub(name: String, content: String) -> String {
        let json = try? JSONValue.parse(content)
        let records = (json?["result"]?.arrayValue ?? json?.arrayValue)?.count
        let count = records.map { ", \($0) record\($0 == 1 ? "" : "s")" } ?? ""
        return "\(stubPrefix) \(name) answered \(content.utf8.count) bytes\(count). The full result is stored; call the tool again to see it.]"
    }

    /// Step 3: tool results longer than `limit` characters cut to it, with a note.
    public static func shortenLarge(_ messages: [ChatMessage], limit: Int) -> [ChatMessage] {
        messages.map { message in
            guard case .toolResult(let id, let name, let content, let isError) = message, content.count > limit else { return message }
            let note = "\n[Result shortened to fit the context window: \(content.count) characters, first \(limit) shown. Ask for fewer items or the next page.]"
            return .toolResult(callID: id, name: name, content: String(content.prefix(limit)) + note, isError: isError)
        }
    }

    /// The instruction of the summary request (step 2); `focus` is what `/compact` was given.
    public static func summaryInstruction(focus: String?) -> String {
        "Summarize the conversation so far for yourself, so you can continue the work without it: what the user asked for, "
            + "facts and ids the user gave or the tools returned that are still needed, decisions made, and what is left to do. "
            + "Be brief and concrete; plain text, no tool calls."
            + (focus.map { " Keep in particular what concerns: \($0)." } ?? "")
    }

    /// What happened to the site in `messages`, from the program's own records, for the summary:
    /// each write call with its key arguments and outcome. `isWrite` tells a write by tool name.
    public static func recordedFacts(_ messages: [ChatMessage], isWrite: (String) -> Bool, grants: [String]) -> String {
        var results: [String: (content: String, isError: Bool)] = [:]
        for message in messages {
            if case .toolResult(let id, _, let content, let isError) = message { results[id] = (content, isError) }
        }
        var lines: [String] = []
        for message in messages {
            guard case .assistant(_, let calls) = message else { continue }
            for call in calls where isWrite(call.name) {
                let outcome: String
                switch results[call.id] {
                case nil: outcome = "no answer recorded (outcome unknown)"
                case let (content, isError)?:
                    if content.hasPrefix("The user rejected") || content.hasPrefix("Not run") { outcome = "NOT run: " + String(content.prefix(120)) }
                    else { outcome = isError ? "FAILED: " + String(content.prefix(120)) : "ran" }
                }
                lines.append("- \(call.name) \(String(call.arguments.prefix(200))): \(outcome)")
            }
        }
        let writes = lines.isEmpty ? "No write calls were made in that part." : "Write calls in that part (from the program's records, not the summary):\n" + lines.joined(separator: "\n")
        let granted = grants.isEmpty ? "No tool is approved for the session." : "Approved for the session (grants in force): " + grants.joined(separator: ", ") + "."
        return writes + "\n" + granted
    }
}
