import Foundation
import Testing
@testable import WixAgentCore

/// The audit trail: one entry per call with the decision as people name it.
@Suite("Audit trail", .serialized)
struct AuditTrailTests {
    static let task = #"{"title": "Audit me", "dueDate": "2025-07-01"}"#

    @Test func everyKindOfDecisionIsNamed() async throws {
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        let create = { (id: String) in ModelEvent.toolCall(ToolCall(id: id, name: "create_a_wix_task", arguments: Self.task)) }
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "r", name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#)), create("once"), create("edit"), create("no"), create("why")],
            [.textDelta("one")],
            // The grant is given before the next reply's call is decided (calls of one reply are
            // asked together, so a grant given on one of them is not there when the others ask).
            [create("session")], [create("granted")], [.textDelta("two")],
            [.toolCall(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12346"}"#))], [.textDelta("three")],
        ])
        let rule = try ConditionalRule(index: 1, tool: "wix_orders_cancel", decision: "allow", when: ["target.priceSummary.total": ["$lt": 50]])
        let agent = site.fixture.agent(model: model, rules: ToolRules(conditional: [rule]), interactive: true)
        let answers = AnswerQueue([.approveOnce, .editAndApprove(["title": "Edited", "dueDate": "2025-07-02"]), .reject(reason: nil),
                                   .reject(reason: "not today"), .approveToolForSession])
        for text in ["first", "second", "third"] {
            await agent.runTurn(text, ask: ApprovalAsking.direct { _ in answers.next() }, journal: store.recorder.journal, emit: { _ in })
        }
        await site.stop()

        let entries = try AuditTrail(database: store.database).entries()
        #expect(entries.map(\.decision) == ["by policy", "approved", "edited then approved", "rejected", "rejected with reason",
                                            "approved for the session", "by grant", "allowed by rule 1"], "\(entries.map(\.decision))")
        #expect(entries[2].edited && entries[2].arguments["title"] == "Edited")
        #expect(entries.last?.rule == ["index": 1, "when": #"{"target.priceSummary.total":{"$lt":50}}"#])
        #expect(entries.last?.preview["record"]?["id"] == "12346")
        #expect(entries.map(\.status) == [200, 200, 200, nil, nil, 200, 200, 200])
        // Each request that went out once; a write's key is its call's, a read carries none.
        #expect(entries.map(\.attempts) == [1, 1, 1, 0, 0, 1, 1, 1])
        #expect(entries.allSatisfy { $0.idempotencyKey == ($0.access == "write" && $0.status != nil ? IdempotencyKey.of(callID: $0.call) : nil) })
        #expect(try AuditTrail(database: store.database).entries(tool: "wix_orders_cancel").count == 1)
        #expect(try AuditTrail(database: store.database).entries(since: Date().addingTimeInterval(3600)).isEmpty)
        let keys = Set(entries[0].json.objectValue!.keys)
        #expect(keys == ["time", "session", "call", "tool", "source", "access", "decision", "decided_by", "rule", "arguments", "edited", "preview", "status", "outcome", "undone_by",
                      "attempts", "idempotency_key"])
    }
}

/// Answers in order; rejects once they run out.
final class AnswerQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [ApprovalDecision]
    init(_ answers: [ApprovalDecision]) { self.answers = answers }
    func next() -> ApprovalDecision { lock.withLock { answers.isEmpty ? .reject(reason: "out of answers") : answers.removeFirst() } }
}
