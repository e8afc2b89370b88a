import Synchronization
import Foundation
import PropertyBased
import Testing
@testable import WixAgentCore
import WixOfflineModel

/// The call ledger is the one record of a session's calls: folding the agent's events gives the
/// same ledger as replaying what the session store wrote from them.
@Suite("Call ledger")
struct CallLedgerTests {
    /// Each number picks one event about one of four calls (or a grant), so a sequence of numbers
    /// is an event sequence: in any order, about calls known or not, repeated or not.
    static func event(_ n: Int) -> AgentEvent {
        let id = "c\((n / 16) % 4)"
        let v = n / 64
        let tools = ["wix_orders_cancel", "list_all_wix_orders", "send_note"]
        let tool = tools[v % 3]
        let identity: ToolIdentity? = v % 5 == 0 ? nil : ToolIdentity(source: ["sandbox", "crm"][v % 2], remoteName: tool, fingerprint: String(v % 7))
        let arguments: JSONValue = ["id": .string("o-\(v % 9)"), "note": .string(["", "é ✓", "a\"b"][v % 3]), "n": .number(Double(v % 1000))]
        let preview: WritePreview? = v % 3 == 0 ? nil
            : WritePreview(record: ["id": .string("o-\(v % 9)"), "total": .number(Double(v % 700))], unavailable: v % 2 == 0 ? nil : "preview unavailable: 404",
                           lines: ["Order o-\(v % 9)", "total: \(v % 700)"], readArguments: v % 4 == 0 ? nil : ["id": .string("o-\(v % 9)")])
        switch n % 16 {
        case 0, 1, 2:
            return .toolProposed(callID: id, providerCallID: v % 2 == 0 ? nil : "p\(v)", toolName: tool, access: [.read, .write, nil][v % 3],
                                 arguments: arguments, requestLine: v % 4 == 0 ? nil : "POST /orders/o-\(v % 9)/cancel", preview: preview, identity: identity)
        case 3, 4:
            return .approvalDecided(callID: id, approved: v % 3 != 0, decidedBy: [.user, .rule, .grant, .policy][v % 4],
                                    reason: v % 2 == 0 ? nil : "too expensive", arguments: arguments,
                                    rule: v % 5 == 0 ? RuleReference(index: v % 3 + 1, when: v % 2 == 0 ? nil : "{\"a\":1}") : nil, grants: v % 2 == 0)
        case 5:
            return .callRevised(callID: id, access: [.read, .write][v % 2], requestLine: "DELETE /x/\(v)", preview: preview,
                                identity: identity ?? ToolIdentity(source: "sandbox", remoteName: tool, fingerprint: "f"),
                                changes: Array(["the record changed", "total: 1 → 2"].prefix(v % 3)))
        case 6, 7, 8:
            let states: [ToolCallState] = [.running, .waitingForApproval, .waitingForRateLimit(seconds: Double(v % 9)), .retrying(attempt: v % 4 + 1, of: 5),
                                           .proposed, .done, .failed, .rejected, .interrupted]
            return .toolStateChanged(callID: id, states[v % states.count])
        case 9, 10, 11:
            return .toolFinished(callID: id, v % 4 == 0 ? (v % 8 == 0 ? ToolOutcome(notRun: "not run: \(v)") : ToolOutcome(failure: .outcomeUnknown("sent, no answer \(v)")))
                                 : ToolOutcome(status: [200, 404, 409, nil][v % 4], latencyMs: v % 3 == 0 ? nil : v % 500,
                                               response: ["ok": .bool(v % 2 == 0), "items": .array([.number(Double(v % 5))])], isError: v % 2 == 1, summary: "HTTP \(v % 600)"))
        case 12:
            return .undone(callID: id, by: "c\(v % 4)")
        case 13:
            return .grantRevoked(tool: tool)
        case 14:
            return v % 2 == 0 ? .rateLimit(.tools, RateLimitSnapshot(limit: 100, remaining: v % 100, resetSeconds: 3))
                : .sending(callID: id, attempt: v % 5 + 1, idempotencyKey: v % 3 == 0 ? nil : IdempotencyKey.of(callID: id))
        default:
            return v % 2 == 0 ? .message(.user("hello \(v)"))
                : .recordsNamed(callID: id, lines: Array(["buyerInfo.contactId → contact: resolving…", "order total: \(v % 300).00 USD"].prefix(v % 3)))
        }
    }

    @Test func foldingEventsGivesTheLedgerTheStoreReplays() async throws {
        await propertyCheck(count: 150, input: Gen.int(in: 0...200_000).array(of: 1...60)) { numbers in
            Self.foldEqualsReplay(numbers)
        }
    }

    /// Sequences the property found, kept: two grants on one tool identity under two names, then
    /// one name revoked (the store restored the other grant, which the fold had never held).
    @Test(arguments: [[165200, 0, 14661, 114195, 1283, 24285], [113360, 190483]])
    func foundSequences(_ numbers: [Int]) {
        Self.foldEqualsReplay(numbers)
    }

    static func foldEqualsReplay(_ numbers: [Int]) {
        do {
            let store = try TemporaryStore()
            defer { try? FileManager.default.removeItem(at: store.directory) }
            var folded = CallLedger()
            for event in numbers.map(Self.event) {
                folded.apply(event, at: Date())
                store.recorder.record(event)
            }
            let replayed = try SessionArchive(database: store.database).ledger(sessionID: store.recorder.sessionID)
            #expect(replayed.calls == folded.calls, "events: \(numbers)")
            // The store keeps times to the millisecond.
            #expect(replayed.grants.map(Self.grantFacts) == folded.grants.map(Self.grantFacts), "events: \(numbers)")
            #expect(zip(replayed.grants, folded.grants).allSatisfy { abs($0.at.timeIntervalSince($1.at)) < 0.002 })
        } catch {
            Issue.record("the store failed: \(error)")
        }
    }

    static func grantFacts(_ grant: Grant) -> String {
        "\(grant.tool) \(grant.identity.key) \(grant.afterCall) \(grant.access.rawValue)"
    }

    @Test func aResumedSessionsRecorderKnowsItsEarlierCalls() throws {
        let store = try TemporaryStore()
        defer { try? FileManager.default.removeItem(at: store.directory) }
        for n in [0, 3 + 64 * 2, 9 + 64 * 2] { store.recorder.record(Self.event(n)) }
        let resumed = try SessionRecorder(database: store.database, model: "scripted", source: "sandbox", secrets: [], resuming: store.recorder.sessionID)
        #expect(resumed.record(.undone(callID: "c0", by: "c1")) == nil)
        let ledger = try SessionArchive(database: store.database).ledger(sessionID: store.recorder.sessionID)
        #expect(ledger["c0"]?.undoneBy == "c1")
        #expect(ledger["c0"]?.state == .done)
    }

    @Test func oneEventPerChange() {
        var ledger = CallLedger()
        let now = Date()
        #expect(ledger.apply(Self.event(0), at: now) == [.call("c0")])
        #expect(ledger.apply(Self.event(0), at: now).isEmpty, "a second proposal of the key is not a new call")
        #expect(ledger.apply(.toolStateChanged(callID: "c0", .running), at: now) == [.call("c0")])
        #expect(ledger.apply(.toolStateChanged(callID: "c0", .running), at: now).isEmpty, "no change, no change reported")
        #expect(ledger.apply(.toolFinished(callID: "zz", ToolOutcome(notRun: "x")), at: now).isEmpty, "an unknown call is not a record")
        #expect(ledger.apply(.approvalDecided(callID: "c0", approved: false, decidedBy: .user, reason: "no", arguments: [:]), at: now) == [.call("c0")])
        #expect(ledger["c0"]?.state == .rejected)
        ledger.apply(.toolFinished(callID: "c0", ToolOutcome(notRun: "not run")), at: now)
        #expect(ledger["c0"]?.state == .rejected, "a refused call stays refused")
    }
}

/// The gate's grants are the agent's ledger's: given by a stored decision, ended by a revocation
/// even when the store cannot record it.
@Suite("The gate's grants")
struct GateGrantTests {
    @Test func aGrantHoldsOnlyOnceStoredAndEndsEvenWhenTheStoreFails() async throws {
        let tool = Tool(resource: "wix/orders", method: "cancel", name: "wix_orders_cancel", description: "Cancel.",
                        bodySchema: ["type": "object", "properties": ["orderId": ["type": "string"]]])
        let request = ApprovalRequest(callID: "c1", toolName: tool.name, access: .write, arguments: [:], requestLine: "", identity: tool.identity)
        let agent = Agent(model: OfflineModel(), catalog: ToolCatalog(tools: [tool]), executor: ToolExecutor(source: NoSource()),
                          gate: ApprovalGate(policy: .askWrites), systemPrompt: { "" })
        let failing: EventJournal = { _ in SessionStoreError(path: "/dev/full", reason: "disk full") }
        let proposed = AgentEvent.toolProposed(callID: "c1", providerCallID: nil, toolName: tool.name, access: .write, arguments: [:],
                                               requestLine: nil, identity: tool.identity)
        let granting = AgentEvent.approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: [:], grants: true)
        await agent.note(proposed, journal: failing)
        await agent.note(granting, journal: failing)
        #expect(await agent.gate.runs(request) == false, "a grant the store did not keep is not in force")
        await agent.note(proposed)
        await agent.note(granting)
        #expect(await agent.gate.runs(request), "stored, it lets the tool run")
        await agent.note(.grantRevoked(tool: tool.name), journal: failing)
        #expect(await agent.gate.runs(request) == false, "revoked, though the store could not say so")
    }
}

extension GateGrantTests {
    /// What the screen folds from the events it is told of lists the grants the gate holds:
    /// a grant whose decision the store refused is in neither.
    @Test func theScreenListsNoGrantTheStoreRefused() async {
        let tool = Tool(resource: "wix/orders", method: "cancel", name: "wix_orders_cancel", description: "Cancel.")
        let shared = SharedLedger()
        let screen = Mutex(CallLedger())
        let failing: EventJournal = { _ in SessionStoreError(path: "/dev/full", reason: "disk full") }
        let reporter = TurnReporter(journal: failing, ledger: shared, emit: { event in screen.withLock { _ = $0.apply(event, at: Date()) } })
        reporter.report(.toolProposed(callID: "c1", providerCallID: nil, toolName: tool.name, access: .write, arguments: [:], requestLine: nil,
                                      identity: tool.identity))
        reporter.report(.approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: [:], grants: true))
        #expect(screen.withLock(\.grants).isEmpty)
        #expect(shared.grants.isEmpty)
        #expect(screen.withLock { $0["c1"]?.decisions.last?.approved } == true, "the decision itself is still shown")
    }
}

/// A source for tests that run nothing.
struct NoSource: ToolSource {
    var name: String { "none" }
    var label: String { "none" }
    func loadTools() async throws(CatalogError) -> [Tool] { [] }
    func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "" }
    func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
        ToolOutcome(notRun: "nothing runs here")
    }
    func close() async {}
}
