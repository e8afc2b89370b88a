import Foundation
import GRDB

/// Reading stored sessions: list, show, full-text search, export, and the messages to resume with.
public struct SessionArchive: Sendable {
    public let database: SessionDatabase

    public init(database: SessionDatabase) {
        self.database = database
    }

    public struct Summary: Sendable, Hashable {
        public var id: String
        public var title: String
        public var model: String
        public var source: String
        public var createdAt: Date
        public var updatedAt: Date
        public var messageCount: Int
        public var toolCallCount: Int
        /// Tokens the session's turns used, as the providers reported them.
        public var tokens: TokenUsage

        public init(id: String, title: String, model: String, source: String, createdAt: Date, updatedAt: Date,
                    messageCount: Int, toolCallCount: Int, tokens: TokenUsage = TokenUsage(input: 0, output: 0)) {
            self.id = id
            self.title = title
            self.model = model
            self.source = source
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.messageCount = messageCount
            self.toolCallCount = toolCallCount
            self.tokens = tokens
        }
    }

    public struct SearchHit: Sendable, Hashable {
        public var sessionID: String
        public var role: String
        public var snippet: String
        public var at: Date
    }

    /// Newest first.
    public func list(limit: Int = 100) throws -> [Summary] {
        try database.queue().read { db in
            try Row.fetchAll(db, sql: Self.summarySQL + " ORDER BY s.updated_at DESC LIMIT ?", arguments: [limit]).map(Self.summary)
        }
    }

    public func summary(id: String) throws -> Summary? {
        try database.queue().read { db in
            try Row.fetchOne(db, sql: Self.summarySQL + " WHERE s.id = ?", arguments: [id]).map(Self.summary)
        }
    }

    /// The session `last` (the most recently updated one) or `reference` itself names, if it exists.
    public func resolve(_ reference: String) throws -> Summary? {
        reference == "last" ? try list(limit: 1).first : try summary(id: reference)
    }

    /// A stored conversation made ready to continue.
    public struct Resumed: Sendable {
        /// The conversation, every call answered (`ConversationRepair`).
        public var messages: [ChatMessage]
        /// Calls the process died in: they were given the interrupted result.
        public var interrupted: [ToolCall]
    }

    /// Opens a session to continue it: its conversation, repaired so that any provider accepts
    /// it, and the calls that never finished, whose records now say `interrupted`.
    public func resume(sessionID: String) throws -> Resumed {
        let repaired = ConversationRepair.repair(try modelView(sessionID: sessionID))
        try database.queue().write { db in
            try db.execute(sql: """
                UPDATE tool_call SET state = 'interrupted', summary = COALESCE(summary, ?)
                WHERE session_id = ? AND state NOT IN ('done', 'failed', 'rejected', 'interrupted')
                """, arguments: [ConversationRepair.interruptedNote, sessionID])
        }
        return Resumed(messages: repaired.messages, interrupted: repaired.interrupted)
    }

    /// The grants a session holds: every "approve for the session" not revoked since, oldest first.
    public func grants(sessionID: String) throws -> [Grant] {
        try database.queue().read { db in
            // A grant covers the tool and access its decision was made on (one given on a generic
            // API tool's GET covers reads only), as the decision's row keeps them.
            let given = try Row.fetchAll(db, sql: """
                SELECT a.id, a.tool, a.call_id, a.at, a.access, a.tool_identity FROM approval a
                WHERE a.session_id = ? AND a.grants = 1 AND a.approved = 1 ORDER BY a.id
                """, arguments: [sessionID])
            var revocations = try Row.fetchAll(db, sql: "SELECT tool, at, after_approval FROM grant_revocation WHERE session_id = ? ORDER BY id",
                                               arguments: [sessionID])
            // The grants given and ended in the order they were (as `CallLedger` folds them): a
            // revocation ends the tool's grants given before it (an older store's, by their clocks).
            var grants: [Grant] = []
            func revoke(_ revocation: Row) {
                grants.removeAll { $0.tool == revocation["tool"] as String }
            }
            for row in given {
                // A call without a known access is restored as a read grant: a restored grant
                // never lets more run than its call did.
                let access = (row["access"] as String?).flatMap(ToolAccess.init(rawValue:)) ?? .read
                // A decision without a stored identity (an older store) gives a grant that covers no tool.
                let identity = (row["tool_identity"] as String?).flatMap(ToolIdentity.init(key:))
                let grant = Grant(tool: row["tool"], at: row["at"], afterCall: row["call_id"], access: access, identity: identity)
                let id: Int64 = row["id"]
                let earlier = revocations.prefix { revocation in
                    (revocation["after_approval"] as Int64?).map { $0 < id } ?? ((revocation["at"] as Date) < grant.at)
                }
                earlier.forEach(revoke)
                revocations.removeFirst(earlier.count)
                grants = grants.adding(grant)
            }
            revocations.forEach(revoke)
            return grants
        }
    }

    /// The conversation as the model last saw it: the view of the latest compaction, then the
    /// messages stored after it; the whole conversation when it was never compacted.
    public func modelView(sessionID: String) throws -> [ChatMessage] {
        let latest = try database.queue().read { db in
            try Row.fetchOne(db, sql: "SELECT message_id, view FROM compaction WHERE session_id = ? ORDER BY id DESC LIMIT 1", arguments: [sessionID])
        }
        guard let latest, let view = try? JSONDecoder().decode([ChatMessage].self, from: Data((latest["view"] as String).utf8)) else {
            return try messages(sessionID: sessionID)
        }
        return view + (try messages(sessionID: sessionID, after: latest["message_id"]))
    }

    /// The conversation as stored (from after message `after`, by its row id).
    public func messages(sessionID: String, after: Int64 = 0) throws -> [ChatMessage] {
        try database.queue().read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message WHERE session_id = ? AND id > ? ORDER BY id", arguments: [sessionID, after]).compactMap { row in
                let text: String = row["text"]
                switch row["role"] as String {
                case "user": return .user(text)
                case "assistant":
                    let encoded: String? = row["tool_calls"]
                    let calls = encoded.flatMap { try? JSONDecoder().decode([ToolCall].self, from: Data($0.utf8)) } ?? []
                    return .assistant(text: text, toolCalls: calls)
                case "tool":
                    return .toolResult(callID: row["call_id"] ?? "", name: row["tool"] ?? "", content: text, isError: row["is_error"] ?? false)
                default: return nil
                }
            }
        }
    }

    /// Messages that contain every word of `text` (SQLite FTS5), newest first.
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllTokensIn: text) else { return [] }
        return try database.queue().read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.session_id, m.role, m.at, snippet(message_fts, 0, '[', ']', '…', 12) AS snippet
                FROM message_fts JOIN message m ON m.id = message_fts.rowid
                WHERE message_fts MATCH ? ORDER BY m.at DESC LIMIT ?
                """, arguments: [pattern, limit]).map {
                SearchHit(sessionID: $0["session_id"], role: $0["role"], snippet: $0["snippet"], at: $0["at"])
            }
        }
    }

    /// Every record of a session in time order, each as a JSON object with a `type`:
    /// `session`, `message`, `tool_call`, `approval`, `rate_limit`.
    public func records(sessionID: String) throws -> [JSONValue] {
        try database.queue().read { db in
            guard let session = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [sessionID]) else { return [] }
            var timed: [(Date, Int, JSONValue)] = []
            func add(_ table: String, _ type: String, time: String, order: String) throws {
                for (i, row) in try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE session_id = ? ORDER BY \(order)", arguments: [sessionID]).enumerated() {
                    var object = Self.json(row)
                    object["type"] = .string(type)
                    timed.append((row[time], timed.count + i, .object(object)))
                }
            }
            try add("message", "message", time: "at", order: "id")
            try add("tool_call", "tool_call", time: "proposed_at", order: "proposed_at")
            try add("approval", "approval", time: "at", order: "id")
            try add("rate_limit_event", "rate_limit", time: "at", order: "id")
            try add("compaction", "compaction", time: "at", order: "id")
            var head = Self.json(session)
            head["type"] = "session"
            return [.object(head)] + timed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }
    }

    /// Each session with its message and tool-call counts.
    private static let summarySQL = """
        SELECT s.*, (SELECT COUNT(*) FROM message m WHERE m.session_id = s.id) AS messages,
               (SELECT COUNT(*) FROM tool_call t WHERE t.session_id = s.id) AS calls
        FROM session s
        """

    private static func summary(_ row: Row) -> Summary {
        Summary(id: row["id"], title: row["title"], model: row["model"], source: row["source"],
                createdAt: row["created_at"], updatedAt: row["updated_at"],
                messageCount: row["messages"] ?? 0, toolCallCount: row["calls"] ?? 0,
                tokens: TokenUsage(input: row["input_tokens"] ?? 0, output: row["output_tokens"] ?? 0))
    }

    /// A row as JSON; columns holding JSON text (arguments, responses, tool calls) are embedded as
    /// JSON, and times (`at`, `…_at`) are RFC 3339 UTC with milliseconds, as everywhere else.
    private static func json(_ row: Row) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        let jsonColumns: Set<String> = ["arguments", "response", "tool_calls", "original_arguments", "final_arguments", "preview", "rule", "changes"]
        for column in row.columnNames {
            if column == "at" || column.hasSuffix("_at"), let date = row[column] as Date? {
                object[column] = .string(ISODate.string(date))
                continue
            }
            let value = row[column] as DatabaseValue
            switch value.storage {
            case .null: object[column] = .null
            case .int64(let i): object[column] = .number(Double(i))
            case .double(let d): object[column] = .number(d)
            case .string(let s):
                object[column] = jsonColumns.contains(column) ? ((try? JSONValue.parse(s)) ?? .string(s)) : .string(s)
            case .blob: object[column] = .null
            }
        }
        return object
    }
}
