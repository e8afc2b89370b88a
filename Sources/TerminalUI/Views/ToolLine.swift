import Foundation
import WixAgentCore

/// How a tool call's state reads in one line: icon, label and role, shared by the chat and the inspector.
enum ToolLine {
    static func icon(_ state: ToolCallState) -> String {
        switch state {
        case .done: "✓"
        case .failed, .rejected, .interrupted: "✗"
        default: "⏳"
        }
    }

    static func role(_ state: ToolCallState) -> Role {
        switch state {
        case .failed, .rejected, .interrupted: .error
        default: .tool
        }
    }

    /// e.g. `waiting 7s for rate limit`, `retry 2/5 in 3s`, `done 200 · 35 ms`, `rejected: too expensive`.
    static func label(_ r: ToolCallRecord, now: Date) -> String {
        let left = r.secondsLeft(at: now)
        switch r.state {
        case .proposed, .waitingForApproval, .running:
            return r.state.label
        case .waitingForRateLimit(let seconds):
            return ToolCallState.waitingForRateLimit(seconds: left.map(Double.init) ?? seconds).label
        case .retrying(let attempt, let of):
            return "retry \(attempt)/\(of)" + (left.map { " in \($0)s" } ?? "")
        case .done:
            return "done" + exchange(r)
        case .failed:
            return "failed" + exchange(r) + (r.summary.map { ": \($0)" } ?? "")
        case .rejected:
            return "rejected" + (r.rejectionReason.map { ": \($0)" } ?? "")
        case .interrupted:
            return "interrupted"
        }
    }

    /// ` 200 · 35 ms`, or empty when no request was made.
    static func exchange(_ r: ToolCallRecord) -> String {
        var parts: [String] = []
        if let status = r.status { parts.append(String(status)) }
        if let ms = r.latencyMs { parts.append("\(ms) ms") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " · ")
    }

    /// The read/write badge text and role.
    static func badge(_ access: ToolAccess?) -> (text: String, role: Role) {
        switch access {
        case .read: (" read ", .readBadge)
        case .write: (" write ", .writeBadge)
        case nil: (" ? ", .dim)
        }
    }
}
