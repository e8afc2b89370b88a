import Foundation
import GRDB

extension SessionArchive {
    /// A stored session's calls and grants as the ledger it recorded: each call's row and its
    /// decisions' rows, in the order they were made. The grants are those the session holds
    /// (`grants(sessionID:)`).
    public func ledger(sessionID: String) throws -> CallLedger {
        let rows = try database.queue().read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM tool_call WHERE session_id = ? ORDER BY rowid", arguments: [sessionID]),
             try Row.fetchAll(db, sql: "SELECT * FROM approval WHERE session_id = ? ORDER BY id", arguments: [sessionID]))
        }
        let decisions = Dictionary(grouping: rows.1) { $0["call_id"] as String }
        let calls = rows.0.map { row in Self.call(row, decisions: decisions[row["call_id"] as String] ?? []) }
        return CallLedger(calls: calls, grants: try grants(sessionID: sessionID))
    }

    private static func call(_ row: Row, decisions: [Row]) -> LedgerCall {
        let arguments = parse(row["arguments"]) ?? .null
        var call = LedgerCall(callID: row["call_id"], providerCallID: row["provider_call_id"], toolName: row["tool"],
                              access: (row["access"] as String?).flatMap(ToolAccess.init(rawValue:)),
                              identity: (row["tool_identity"] as String?).flatMap(ToolIdentity.init(key:)),
                              arguments: decisions.first.flatMap { parse($0["original_arguments"]) } ?? arguments,
                              requestLine: row["request_line"], preview: parse(row["preview"]).flatMap(WritePreview.init(json:)))
        call.arguments = arguments
        call.changes = parse(row["changes"])?.arrayValue?.compactMap(\.stringValue) ?? []
        call.namedRecords = parse(row["named_records"])?.arrayValue?.compactMap(\.stringValue) ?? []
        call.decisions = decisions.map { decision in
            CallDecision(approved: decision["approved"], decidedBy: DecisionSource(rawValue: decision["decided_by"]) ?? .user,
                         reason: decision["reason"], arguments: parse(decision["final_arguments"]) ?? .null,
                         rule: parse(decision["rule"]).flatMap(rule), grants: decision["grants"],
                         identity: (decision["tool_identity"] as String?).flatMap(ToolIdentity.init(key:)),
                         access: (decision["access"] as String?).flatMap(ToolAccess.init(rawValue:)))
        }
        call.state = ToolCallState(label: row["state"]) ?? .interrupted
        if (row["finished_at"] as Date?) != nil {
            // An older store kept no `is_error`: its state says.
            let isError = row["is_error"] as Bool? ?? [.failed, .rejected, .interrupted].contains(call.state)
            call.outcome = ToolOutcome(status: row["status"], latencyMs: row["latency_ms"], response: parse(row["response"]) ?? .null,
                                       isError: isError, summary: row["summary"] ?? "", isUnknown: row["outcome_unknown"] ?? false)
        }
        call.attempts = row["attempts"] ?? 0
        call.idempotencyKey = row["idempotency_key"]
        call.undoneBy = row["undone_by"]
        return call
    }

    private static func parse(_ text: String?) -> JSONValue? {
        text.flatMap { try? JSONValue.parse($0) }
    }

    private static func rule(_ json: JSONValue) -> RuleReference? {
        guard let index = json.objectValue?["index"]?.doubleValue, let exact = Int(exactly: index) else { return nil }
        return RuleReference(index: exact, when: json.objectValue?["when"]?.stringValue)
    }
}
