import Foundation
import GRDB

/// Every decision and every executed call across sessions, oldest first: what `wixagent audit`
/// and the TUI's `/audit` show. One entry per call, reads too (decided by policy).
public struct AuditTrail: Sendable {
    public let database: SessionDatabase

    public init(database: SessionDatabase) {
        self.database = database
    }

    /// One call: when, where, what was decided by whom, with which arguments, and what came of it.
    public struct Entry: Sendable, Hashable {
        public var time: Date
        public var session: String
        public var call: String
        public var tool: String
        /// Where the tool came from (`sandbox`, `truto`, an MCP source); nil in sessions stored before sources.
        public var source: String?
        public var access: String?
        /// approved, approved for the session, edited then approved, allowed by rule N, by policy,
        /// by grant, rejected, rejected with reason, denied by rule N, refused by policy, not decided.
        public var decision: String
        public var decidedBy: String?
        public var rule: JSONValue
        public var arguments: JSONValue
        public var edited: Bool
        public var preview: JSONValue
        public var status: Int?
        public var outcome: String?
        public var state: String
        /// The call that reversed this one, when `/undo` did.
        public var undoneBy: String?
        /// How many times its request went out, and the `Idempotency-Key` it carried.
        public var attempts: Int
        public var idempotencyKey: String?

        /// The `audit --json` object.
        public var json: JSONValue {
            ["time": .string(ISODate.string(time)), "session": .string(session), "call": .string(call), "tool": .string(tool),
             "source": source.map(JSONValue.string) ?? .null, "access": access.map(JSONValue.string) ?? .null, "decision": .string(decision),
             "decided_by": decidedBy.map(JSONValue.string) ?? .null, "rule": rule, "arguments": arguments, "edited": .bool(edited),
             "preview": preview, "status": status.map { .number(Double($0)) } ?? .null, "outcome": outcome.map(JSONValue.string) ?? .null,
             "undone_by": undoneBy.map(JSONValue.string) ?? .null, "attempts": .number(Double(attempts)),
             "idempotency_key": idempotencyKey.map(JSONValue.string) ?? .null]
        }

        /// One line for people.
        public var line: String {
            let result = status.map { "\($0)" } ?? state
            let summary = outcome.map { " — \($0)" } ?? ""
            return "\(ISODate.string(time))  \(session)  \(tool)\(source.map { " (\($0))" } ?? "") [\(access ?? "?")]  \(decision)\(decidedBy.map { " (\($0))" } ?? "")  → \(result)\(summary)  \(arguments.compactText)"
                + (undoneBy.map { "  undone by \($0)" } ?? "") + (attempts > 1 ? "  (\(attempts) attempts)" : "")
        }
    }

    /// Entries matching the filters, oldest first. `session` is an id; `since` a day or a time.
    public func entries(session: String? = nil, tool: String? = nil, since: Date? = nil) throws -> [Entry] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let session { conditions.append("t.session_id = ?"); arguments.append(session) }
        if let tool { conditions.append("t.tool = ?"); arguments.append(tool) }
        if let since { conditions.append("t.proposed_at >= ?"); arguments.append(since) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.queue().read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.session_id, t.call_id, t.tool, t.source, t.access, t.arguments, t.preview, t.state, t.status, t.summary, t.proposed_at,
                       t.undone_by, t.attempts, t.idempotency_key, a.approved, a.decided_by, a.reason, a.original_arguments, a.final_arguments, a.rule, a.grants
                FROM tool_call t LEFT JOIN approval a ON a.session_id = t.session_id AND a.call_id = t.call_id
                \(filter) ORDER BY t.proposed_at, t.rowid
                """, arguments: StatementArguments(arguments)).map(Self.entry)
        }
    }

    private static func entry(_ row: Row) -> Entry {
        func json(_ column: String) -> JSONValue { (row[column] as String?).flatMap { try? JSONValue.parse($0) } ?? .null }
        let approved: Bool? = row["approved"]
        let by: String? = row["decided_by"]
        let reason: String? = row["reason"]
        let edited = approved == true && by == "user" && (row["original_arguments"] as String?) != (row["final_arguments"] as String?)
        let rule = json("rule")
        let ruleIndex = rule["index"]?.intValue
        let decision: String
        switch (approved, by) {
        case (nil, _): decision = "not decided"
        case (true?, "user"?): decision = edited ? "edited then approved" : (row["grants"] as Bool? == true ? "approved for the session" : "approved")
        case (true?, "rule"?): decision = ruleIndex.map { "allowed by rule \($0)" } ?? "allowed by the allow list"
        case (true?, "grant"?): decision = "by grant"
        case (true?, _): decision = "by policy"
        case (false?, "user"?): decision = reason == nil ? "rejected" : "rejected with reason"
        case (false?, "rule"?): decision = ruleIndex.map { "denied by rule \($0)" } ?? "denied by the deny list"
        case (false?, _): decision = "refused by policy"
        }
        return Entry(time: row["proposed_at"], session: row["session_id"], call: row["call_id"], tool: row["tool"], source: row["source"], access: row["access"],
                     decision: decision, decidedBy: by, rule: rule, arguments: json("arguments"), edited: edited, preview: json("preview"),
                     status: row["status"], outcome: row["summary"], state: row["state"], undoneBy: row["undone_by"],
                     attempts: row["attempts"] ?? 0, idempotencyKey: row["idempotency_key"])
    }
}
