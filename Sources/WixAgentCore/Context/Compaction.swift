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
    /// `isWrite` tells a write by tool name: its stub says it ran and must not be repeated.
    public static func elideOldResults(_ messages: [ChatMessage], turns: Int = recentTurns,
                                       isWrite: (String) -> Bool = { _ in false }) -> (messages: [ChatMessage], elided: Int, saved: Int) {
        let start = recentStart(messages, turns: turns)
        var out = messages
        var elided = 0
        var saved = 0
        for index in 0..<start {
            guard case .toolResult(let id, let name, let content, let isError) = messages[index], !content.hasPrefix(stubPrefix) else { continue }
            let short = stub(name: name, content: content, isError: isError, isWrite: isWrite(name))
            guard short.utf8.count < content.utf8.count else { continue }
            out[index] = .toolResult(callID: id, name: name, content: short, isError: isError)
            saved += TokenEstimate.tokens(content) - TokenEstimate.tokens(short)
            elided += 1
        }
        return (out, elided, saved)
    }

    static let stubPrefix = "[Result elided to save context:"

    /// The one line a model sees instead of an old result: the tool, its size and record count,
    /// and that calling again shows it; for a write, that it already ran (or did not) and must
    /// not be repeated to see its answer.
    static func stub(name: String, content: String, isError: Bool, isWrite: Bool) -> String {
        if isWrite {
            let outcome = isError ? "did not succeed: " + String(content.prefix(160)) : "ran and succeeded"
            return "\(stubPrefix) the write \(name) \(outcome). Do not repeat it to see its answer; the program keeps its record.]"
        }
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
        "Summarize the conversation below for yourself, so you can continue the work without it: what the user asked for, "
            + "facts and ids the user gave or the tools returned that are still needed, decisions made, and what is left to do. "
            + "Be brief and concrete; plain text."
            + (focus.map { " Keep in particular what concerns: \($0)." } ?? "")
    }

    /// The first line of the message that stands for a compacted part of the conversation.
    public static let compactedMarker = "[The earlier conversation, compacted to fit the context window.]"

    /// The older part as one plain transcript (no tool-call structure, which a request without
    /// tools may not carry), each entry cut to `limit` characters and the whole to `total`.
    public static func transcript(_ messages: [ChatMessage], limit: Int, total: Int) -> String {
        var lines: [String] = []
        for message in messages {
            switch message {
            case .user(let text): lines.append("User: " + String(text.prefix(limit)))
            case .assistant(let text, let calls):
                if !text.isEmpty { lines.append("Assistant: " + String(text.prefix(limit))) }
                for call in calls { lines.append("Assistant called \(call.name) \(call.arguments.prefix(300))") }
            case .toolResult(_, let name, let content, let isError):
                lines.append("Result of \(name)\(isError ? " (error)" : ""): " + String(content.prefix(limit)))
            }
        }
        let text = lines.joined(separator: "\n")
        return text.count > total ? String(text.suffix(total)) : text
    }

    /// What happened to the site in `messages`, from the program's own records, for the summary:
    /// each write call with its arguments and outcome, and the records of parts compacted before
    /// (carried over, so a second compaction never drops them). `isWrite` tells a write by its
    /// call; `messages` are as they were before any elision.
    public static func recordedFacts(_ messages: [ChatMessage], isWrite: (ToolCall) -> Bool, grants: [String]) -> String {
        var results: [String: (content: String, isError: Bool)] = [:]
        var lines: [String] = []
        for message in messages {
            switch message {
            case .toolResult(let id, _, let content, let isError): results[id] = (content, isError)
            case .user(let text) where text.hasPrefix(compactedMarker):
                lines += text.split(separator: "\n").filter { $0.hasPrefix("- ") }.map(String.init)
            default: break
            }
        }
        for message in messages {
            guard case .assistant(_, let calls) = message else { continue }
            for call in calls where isWrite(call) {
                let outcome: String
                switch results[call.id] {
                case nil: outcome = "no answer recorded (outcome unknown)"
                case let (content, isError)?:
                    let edited = content.contains(ResultShortener.editedNote) ? " (with arguments the user edited)" : ""
                    if content.hasPrefix(ConversationRepair.interruptedNote) { outcome = "interrupted: whether it took effect is unknown" }
                    else if content.hasPrefix("The user rejected") || content.hasPrefix("Not run") { outcome = "NOT run: " + String(content.prefix(120)) }
                    else { outcome = (isError ? "FAILED: " + String(content.prefix(120)) : "ran") + edited }
                }
                lines.append("- \(call.name) \(String(call.arguments.prefix(200))): \(outcome)")
            }
        }
        let writes = lines.isEmpty ? "No write calls were made in that part." : "Write calls in that part (from the program's records, not the summary):\n" + lines.joined(separator: "\n")
        let granted = grants.isEmpty ? "No tool is approved for the session." : "Approved for the session (grants in force): " + grants.joined(separator: ", ") + "."
        return writes + "\n" + granted
    }
}
