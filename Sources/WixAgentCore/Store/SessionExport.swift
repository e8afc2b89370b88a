import Foundation

/// A stored session written out: JSON Lines (one record per line) or a Markdown transcript
/// with every tool call and approval decision in place.
public enum SessionExport {
    public static func jsonl(_ records: [JSONValue]) -> String {
        records.map(\.compactText).joined(separator: "\n")
    }

    public static func markdown(_ records: [JSONValue]) -> String {
        var out: [String] = []
        for record in records {
            switch record["type"]?.stringValue {
            case "session":
                out.append("# \(text(record["title"], or: "Session \(text(record["id"]))"))")
                out.append("")
                out.append("Session \(code(text(record["id"]))) · \(text(record["model"])) · \(text(record["source"])) · started \(text(record["created_at"]))")
            case "message":
                switch record["role"]?.stringValue {
                case "user":
                    out.append("\n## User\n\n\(text(record["text"]))")
                case "assistant":
                    let body = text(record["text"])
                    if !body.isEmpty { out.append("\n## Agent\n\n\(body)") }
                case "tool":
                    let flag = record["is_error"] == .number(1) || record["is_error"] == .bool(true) ? " (error)" : ""
                    out.append("\n**Result of \(code(text(record["tool"])))\(flag):**\n\n" + fenced(String(text(record["text"]).prefix(4000)), info: "json"))
                default: break
                }
            case "tool_call":
                let status = record["status"]?.intValue.map { " → \($0)" } ?? ""
                let latency = record["latency_ms"]?.intValue.map { " in \($0) ms" } ?? ""
                out.append("\n- Tool call \(code(text(record["tool"]))) [\(text(record["access"], or: "?"))] \(text(record["state"]))\(status)\(latency)")
                out.append("  - request: \(code(text(record["request_line"], or: "none")))")
                out.append("  - arguments: \(code(record["arguments"]?.compactText ?? "{}"))")
            case "approval":
                let verdict = record["approved"] == .number(1) || record["approved"] == .bool(true) ? "approved" : "rejected"
                let reason = record["reason"]?.stringValue.map { ": \($0)" } ?? ""
                let edited = record["original_arguments"] != record["final_arguments"] ? " (arguments edited)" : ""
                out.append("- Approval for \(code(text(record["tool"]))): \(verdict) by \(text(record["decided_by"]))\(reason)\(edited)")
            case "compaction":
                let summarized = record["summarized"] == .number(1) || record["summarized"] == .bool(true) ? ", older turns summarized" : ""
                out.append("\n---\n*Compacted here: from now on the model was sent \(text(record["after_tokens"])) tokens instead of \(text(record["before_tokens"])) "
                           + "(\(text(record["elided"])) old results elided\(summarized)); every message above is kept as it was.*\n---")
            case "rate_limit":
                if record["kind"]?.stringValue == "wait" {
                    out.append("- Waited \(record["wait_seconds"]?.compactText ?? "?") s on the \(text(record["service"])) service: \(text(record["reason"]))")
                }
            default: break
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A fenced block that the text cannot close: its fence is longer than any run of
    /// backticks inside (CommonMark 4.5).
    static func fenced(_ body: String, info: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
        return "\(fence)\(info)\n\(body)\n\(fence)"
    }

    /// An inline code span the text cannot end early (CommonMark 6.1): more backticks than any
    /// run inside, padded with spaces when the text starts or ends with one.
    static func code(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestBacktickRun(text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return ticks + pad + text.replacingOccurrences(of: "\n", with: " ") + pad + ticks
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    private static func text(_ value: JSONValue?, or fallback: String = "") -> String {
        guard let value, value != .null else { return fallback }
        let s = value.stringValue ?? value.compactText
        return s.isEmpty ? fallback : s
    }
}
