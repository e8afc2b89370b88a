import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport
import WixSandbox
@testable import WixAgentCore

/// The approval promise (issue: approvals and the audit trail hold under every sequence of
/// events), one regression test per defect found, through the agent, the gate, the store and
/// the sandbox over HTTP.
@Suite("Approval integrity", .serialized)
struct ApprovalIntegrityTests {
    static let task = #"{"title": "Call back Jane", "dueDate": "2025-07-01"}"#

    @Test func repeatedProviderIdsAreTwoRecordsTwoKeysAndUniqueConversationIds() async throws {
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        // Both turns' calls come with the same id, as from a server that numbers calls per reply.
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "call_0", name: "create_a_wix_task", arguments: Self.task))], [.textDelta("one")],
            [.toolCall(ToolCall(id: "call_0", name: "create_a_wix_task", arguments: Self.task))], [.textDelta("two")],
            [.toolCall(ToolCall(id: "", name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#))], [.textDelta("three")],
        ])
        let agent = site.fixture.agent(model: model, policy: .auto)
        for text in ["first", "second", "third"] {
            await agent.runTurn(text, ask: ApprovalAsking.direct { _ in .approveOnce }, journal: store.recorder.journal, emit: { _ in })
        }
        await site.stop()

        #expect(site.appliedWrites == 2)
        let rows = try store.rows("SELECT call_id, provider_call_id, state, status FROM tool_call ORDER BY proposed_at")
        #expect(rows.count == 3, "one record per call")
        #expect(Set(rows.map { $0["call_id"] as String }).count == 3)
        #expect(rows.map { $0["provider_call_id"] as String? } == ["call_0", "call_0", nil])
        #expect(rows.map { $0["status"] as Int? } == [200, 200, 200])
        // The conversation the model sees names each call once.
        let ids = model.requests.last!.messages.flatMap { message -> [String] in
            if case .assistant(_, let calls) = message { calls.map(\.id) } else { [] }
        }
        #expect(ids.count == 3 && Set(ids).count == 3 && !ids.contains(""))
        #expect(OpenAIWire.conversationProblem(OpenAIRequestBody.make(model.requests.last!, model: "m", stream: false)) == nil)
    }

    @Test func readOnlyRefusesAnAllowedWriteAndASessionGrant() async throws {
        let site = try await WatchedSandbox.start()
        let log = EventLog()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "a", name: "create_a_wix_task", arguments: Self.task))], [.textDelta("done")],
        ])
        let agent = site.fixture.agent(model: model, policy: .readOnly, rules: ToolRules(allow: ["create_a_wix_task"]), interactive: true)
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveToolForSession }, emit: log.append)
        await site.stop()
        #expect(site.appliedWrites == 0)
        #expect(log.events.contains { if case .approvalDecided(_, false, .policy, _, _, _, _) = $0 { true } else { false } })
        let warnings = await agent.gate.warnings(catalog: site.fixture.catalog)
        #expect(warnings.contains { $0.contains("create_a_wix_task is a write, and the approval policy is read-only") })
    }

    @Test func aPolicyThatBecomesReadOnlyWhileTheDialogIsOpenRefusesTheApproval() async {
        let gate = ApprovalGate(policy: .askWrites)
        let request = ApprovalRequest(callID: "k", toolName: "t", access: .write, arguments: [:], requestLine: "POST /x")
        let verdict = await gate.decide(request) { _, _ in
            await gate.setPolicy(.readOnly)
            return .approveToolForSession
        }
        #expect(!verdict.approved && verdict.decidedBy == .policy)
        #expect(await gate.route(toolName: "t", access: .write) != .run(.grant), "no grant was made")
    }

    @Test func rulesNamingUnknownToolsAreWarnedAbout() async throws {
        let site = try await WatchedSandbox.start()
        await site.stop()
        let gate = ApprovalGate(policy: .askWrites, rules: ToolRules(allow: ["wix_orders_cancel"], deny: ["delete_a_wix_data_item_by_idd"]))
        let warnings = await gate.warnings(catalog: site.fixture.catalog)
        #expect(warnings == ["the deny rule names delete_a_wix_data_item_by_idd, which is not a tool of this catalog; it has no effect (see wixagent tools list)"])
    }

    @Test func escDuringAWriteInFlightWaitsForItsTrueOutcome() async throws {
        let site = try await WatchedSandbox.start(latency: .milliseconds(700))
        let store = try TemporaryStore()
        let log = EventLog()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "w", name: "create_a_wix_task", arguments: Self.task)),
             .toolCall(ToolCall(id: "x", name: "create_a_wix_task", arguments: Self.task))],
            [.textDelta("never asked")],
        ])
        let agent = site.fixture.agent(model: model, policy: .auto)
        let turn = Task { await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, journal: store.recorder.journal, emit: log.append) }
        // Esc once the first write's request is on its way.
        while !log.events.contains(where: { if case .toolStateChanged(_, .running) = $0 { true } else { false } }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(100))
        turn.cancel()
        await turn.value
        await site.stop()

        #expect(site.appliedWrites == 1, "the write in flight took effect; the second never ran")
        let outcome = try #require(log.outcomes.first)
        #expect(outcome.status == 200 && !outcome.isError, "\(outcome.summary)")
        #expect(log.events.last.map { if case .cancelled = $0 { true } else { false } } == true)
        // Both writes of the reply were decided before either ran; the second never ran.
        let rows = try store.rows("SELECT state, status, summary FROM tool_call ORDER BY proposed_at")
        #expect(rows.map { $0["state"] as String } == ["done", "failed"])
        #expect(rows.map { $0["status"] as Int? } == [200, nil])
        #expect((rows.last?["summary"] as String?)?.contains("interrupted") == true)
        #expect(model.requests.count == 1, "the turn stopped after the write")
    }

    @Test func customMethodsThatNameAWriteVerbAreWritesInAnyCase() {
        for method in ["get_and_delete", "list_and_purge", "GetAndDelete", "findAndCancel", "listSetDefault", "CANCEL", "Reschedule"] {
            #expect(ToolAccess(method: method) == .write, "\(method)")
        }
        for method in ["LIST", "Get", "Query", "search", "listLabels", "find_by_email"] {
            #expect(ToolAccess(method: method) == .read, "\(method)")
        }
        let get = Tool(resource: "wix/orders", method: "GET", name: "g", description: "")
        #expect(get.proxy!.request(arguments: ["id": "7"], accountID: "acc").requestLine == "GET /proxy/wix/orders/7?integrated_account_id=acc")
        #expect(get.inputSchema["required"] == ["id"])
    }

    @Test func maxStepsCountsToolCallsNotModelReplies() async throws {
        let site = try await WatchedSandbox.start()
        let read = ToolCall(id: "", name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#)
        let model = ScriptedModel([[.toolCall(read), .toolCall(read), .toolCall(read)], [.textDelta("never")]])
        let agent = Agent(model: model, catalog: site.fixture.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.fixture.client)),
                          gate: ApprovalGate(policy: .auto), systemPrompt: { "" }, maxSteps: 2)
        let log = EventLog()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        await site.stop()
        #expect(site.requests.filter { $0.method == "GET" && $0.path.contains("tasks") }.count == 2)
        let results = await agent.messages.compactMap { if case .toolResult(_, _, let content, _) = $0 { content } else { nil } }
        #expect(results.count == 3)
        #expect(results.last?.hasPrefix("Not run: the step limit of 2 tool calls") == true)
        #expect(log.failure?.contains("Stopped after 2 tool calls") == true)
    }

    @Test func whenTheStoreFailsWritesAreRefusedReadsRunAndTheLineComesAtOnce() async throws {
        let site = try await WatchedSandbox.start()
        let log = EventLog()
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "r", name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#)),
             .toolCall(ToolCall(id: "w", name: "create_a_wix_task", arguments: Self.task))],
            [.textDelta("ok")],
        ])
        let broken: EventJournal = { _ in SessionStoreError(path: "/full/disk/sessions.sqlite", reason: "database or disk is full") }
        // ask-writes, with a person who would approve: the write must be refused before anyone is asked.
        await site.fixture.agent(model: model, policy: .askWrites, interactive: true)
            .runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, journal: broken, emit: log.append)
        await site.stop()
        #expect(site.appliedWrites == 0)
        #expect(site.requests.contains { $0.method == "GET" && $0.status == 200 }, "reads still run")
        let lines = log.events.compactMap { if case .storeFailed(let line) = $0 { line } else { nil } }
        #expect(lines == ["the session store /full/disk/sessions.sqlite could not be written: database or disk is full; writes are refused until the store works again"])
        // The line comes with the turn's first event, long before the write is refused.
        #expect(log.events.firstIndex { if case .storeFailed = $0 { true } else { false } }! <= 2)
        let write = try #require(log.outcomes.last)
        #expect(write.isError && write.status == nil && write.summary.contains("the session store could not record it"))
        #expect(!log.events.contains { if case .approvalNeeded = $0 { true } else { false } }, "nobody is asked about a write that cannot run")
    }

    @Test func aDecisionForACallWithoutItsRecordIsNotStored() throws {
        let store = try TemporaryStore()
        #expect(store.recorder.record(.message(.user("hi"))) == nil)
        let error = store.recorder.record(.approvalDecided(callID: "never-proposed", approved: true, decidedBy: .user, reason: nil, arguments: [:]))
        #expect(error != nil)
        #expect(try store.rows("SELECT * FROM approval").isEmpty)
    }

    @Test func aSessionIdThatExistsIsAnErrorNeverAMerge() throws {
        let store = try TemporaryStore()
        #expect(store.recorder.record(.message(.user("first run"))) == nil)
        let twin = try SessionRecorder(database: store.database, model: "m", source: "s", secrets: [], newSessionID: store.recorder.sessionID)
        #expect(twin.record(.message(.user("second run"))) != nil)
        #expect(try store.rows("SELECT * FROM message").count == 1)
    }

    @Test func resumingRepairsEveryUnansweredCallAndDropsStrayResults() {
        let a = ToolCall(id: "a", name: "get_single_wix_order_by_id", arguments: "{}")
        let b = ToolCall(id: "b", name: "wix_orders_cancel", arguments: "{}")
        let stored: [ChatMessage] = [
            .user("cancel it"), .assistant(text: "", toolCalls: [a, b]),
            .toolResult(callID: "b", name: b.name, content: "{}", isError: false),
            .toolResult(callID: "zzz", name: "x", content: "{}", isError: false),
            .user("and now?"),
        ]
        let repaired = ConversationRepair.repair(stored)
        #expect(repaired.interrupted == [a])
        guard case .toolResult("a", _, let content, true) = repaired.messages[2] else {
            Issue.record("the interrupted result comes first, in call order: \(repaired.messages)")
            return
        }
        #expect(ConversationRepair.isInterrupted(content) && content.contains("whether it took effect is unknown"))
        #expect(repaired.messages.count == 5)
        let request = ChatRequest(system: "", messages: repaired.messages, tools: [])
        #expect(OpenAIWire.conversationProblem(OpenAIRequestBody.make(request, model: "m", stream: false)) == nil)
        #expect(AnthropicWire.conversationProblem(AnthropicRequestBody.make(request, model: "m", maxTokens: 10, stream: false)) == nil)
        let raw = ChatRequest(system: "", messages: stored, tools: [])
        #expect(OpenAIWire.conversationProblem(OpenAIRequestBody.make(raw, model: "m", stream: false)) != nil, "the strict fake must catch it")
        #expect(AnthropicWire.conversationProblem(AnthropicRequestBody.make(raw, model: "m", maxTokens: 10, stream: false)) != nil)
    }
}

/// A sandbox site over HTTP that remembers every request it answered.
final class WatchedSandbox: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [SandboxRequestRecord] = []
    var fixture: SandboxFixture!

    func append(_ record: SandboxRequestRecord) { lock.withLock { log.append(record) } }
    var requests: [SandboxRequestRecord] { lock.withLock { log } }
    /// Writes that changed the site.
    var appliedWrites: Int { requests.filter(\.appliedWrite).count }
    func stop() async { await fixture.stop() }

    static func start(latency: Duration = .zero) async throws -> WatchedSandbox {
        let site = WatchedSandbox()
        site.fixture = try await SandboxFixture.start(latency: latency, observer: { record in site.append(record) })
        return site
    }
}

/// A session store in a temporary directory with a recorder for a new session.
struct TemporaryStore {
    let directory: URL
    let database: SessionDatabase
    let recorder: SessionRecorder

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-store-\(UUID().uuidString)")
        database = try SessionDatabase(directory: directory)
        recorder = try SessionRecorder(database: database, model: "scripted", source: "sandbox", secrets: [])
    }

    func rows(_ sql: String) throws -> [Row] {
        try database.queue().read { try Row.fetchAll($0, sql: sql) }
    }
}

@Suite("Grants", .serialized)
struct GrantTests {
    @Test func aRevokedGrantAsksAgainAndTheStoreKnowsWhichGrantsHold() async throws {
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        let task = ToolCall(id: "", name: "create_a_wix_task", arguments: ApprovalIntegrityTests.task)
        let model = ScriptedModel([[.toolCall(task)], [.textDelta("1")], [.toolCall(task)], [.textDelta("2")], [.toolCall(task)], [.textDelta("3")]])
        let agent = site.fixture.agent(model: model, interactive: true)
        let asked = AnswerQueue([.approveToolForSession, .reject(reason: "asked again")])
        let ask = ApprovalAsking.direct { _ in asked.next() }
        await agent.runTurn("one", ask: ask, journal: store.recorder.journal, emit: { _ in })
        await agent.runTurn("two", ask: ask, journal: store.recorder.journal, emit: { _ in })
        #expect(site.appliedWrites == 2, "the grant let the second run without asking")
        let archive = SessionArchive(database: store.database)
        #expect(try archive.grants(sessionID: store.recorder.sessionID).map(\.tool) == ["create_a_wix_task"])
        await agent.note(.grantRevoked(tool: "create_a_wix_task"), journal: store.recorder.journal)
        await agent.runTurn("three", ask: ask, journal: store.recorder.journal, emit: { _ in })
        await site.stop()
        #expect(site.appliedWrites == 2, "revoked: the third asked and was rejected")
        #expect(try archive.grants(sessionID: store.recorder.sessionID).isEmpty)
        #expect(agent.gate.ledger.grants.isEmpty)
    }
}

@Suite("Batches", .serialized)
struct BatchTests {
    @Test func oneRepliesWritesAreAskedTogetherReadsRunFirstAndTheApprovedRunInOrder() async throws {
        let site = try await WatchedSandbox.start()
        let task = { (title: String) in ModelEvent.toolCall(ToolCall(id: "", name: "create_a_wix_task", arguments: #"{"title": "\#(title)", "dueDate": "2030-01-01"}"#)) }
        let model = ScriptedModel([
            [task("first"), .toolCall(ToolCall(id: "", name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#)), task("second"), task("third")],
            [.textDelta("done")],
        ])
        let inbox = ApprovalInbox()
        let log = EventLog()
        let agent = site.fixture.agent(model: model, interactive: true)
        let turn = Task { await agent.runTurn("batch", ask: inbox.asker, emit: log.append) }
        // All three writes wait at once, and the read already ran.
        var asked: [ApprovalRequest] = []
        while asked.count < 3 {
            try await Task.sleep(for: .milliseconds(10))
            asked = log.events.compactMap { if case .approvalNeeded(let r) = $0 { r } else { nil } }
        }
        #expect(site.requests.contains { $0.method == "GET" && $0.path.contains("tasks") }, "the read ran without waiting for the writes")
        #expect(site.appliedWrites == 0, "no write runs before every write is decided")
        let byTitle = Dictionary(uniqueKeysWithValues: asked.map { ($0.arguments["title"]!.stringValue!, $0.callID) })
        await inbox.answer(callID: byTitle["third"]!, with: .approveOnce)
        await inbox.answer(callID: byTitle["second"]!, with: .reject(reason: nil))
        #expect(site.appliedWrites == 0)
        await inbox.answer(callID: byTitle["first"]!, with: .approveOnce)
        await turn.value
        await site.stop()
        let created = site.requests.filter(\.appliedWrite)
        #expect(created.count == 2)
        let order = log.events.compactMap { if case .toolFinished(let key, let outcome) = $0, outcome.status == 200, key != "" { key } else { nil } }
        let firstDone = order.firstIndex(of: byTitle["first"]!)
        let thirdDone = order.firstIndex(of: byTitle["third"]!)
        #expect(firstDone != nil && thirdDone != nil && firstDone! < thirdDone!, "the approved ones run in the order the model proposed them")
    }
}

/// Found by review: sequences around Esc, policy changes and edits.
@Suite("Approval integrity, reviewed", .serialized)
struct ReviewedIntegrityTests {
    @Test func anInterruptBeforeTheQuestionWaitsEndsTheTurnInsteadOfHangingIt() async throws {
        let site = try await WatchedSandbox.start(latency: .milliseconds(300))
        let inbox = ApprovalInbox()
        let log = EventLog()
        let model = ScriptedModel([[.toolCall(ToolCall(id: "", name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#))], [.textDelta("never")]])
        let agent = site.fixture.agent(model: model, interactive: true)
        let turn = Task { await agent.runTurn("cancel", ask: inbox.asker, emit: log.append) }
        // Esc while the preview is being read: nothing waits yet when the inbox is told.
        try await Task.sleep(for: .milliseconds(100))
        turn.cancel()
        await inbox.cancelAll(reason: ApprovalInbox.interrupted)
        await turn.value
        await site.stop()
        #expect(log.events.last.map { if case .cancelled = $0 { true } else { false } } == true)
        #expect(site.appliedWrites == 0)
    }

    @Test func aWriteApprovedInABatchDoesNotRunOnceThePolicyIsReadOnly() async throws {
        let site = try await WatchedSandbox.start()
        let task = ModelEvent.toolCall(ToolCall(id: "", name: "create_a_wix_task", arguments: ApprovalIntegrityTests.task))
        let model = ScriptedModel([[task, task], [.textDelta("done")]])
        let agent = site.fixture.agent(model: model, interactive: true)
        let inbox = ApprovalInbox()
        let log = EventLog()
        let turn = Task { await agent.runTurn("two", ask: inbox.asker, emit: log.append) }
        var asked: [ApprovalRequest] = []
        while asked.count < 2 {
            try await Task.sleep(for: .milliseconds(10))
            asked = log.events.compactMap { if case .approvalNeeded(let r) = $0 { r } else { nil } }
        }
        await inbox.answer(callID: asked[0].callID, with: .approveOnce)
        await agent.gate.setPolicy(.readOnly)
        await inbox.answer(callID: asked[1].callID, with: .approveOnce)
        await turn.value
        await site.stop()
        #expect(site.appliedWrites == 0, "read-only holds for approved writes that had not run yet")
        #expect(log.outcomes.allSatisfy { $0.summary.contains("read-only") }, "\(log.outcomes.map(\.summary))")
    }

    @Test func aTargetDenyRuleThatCannotBeJudgedDenies() async throws {
        let deny = try ConditionalRule(index: 1, tool: "wix_orders_cancel", decision: "deny", when: ["target.priceSummary.total": ["$gt": 100]])
        let gate = ApprovalGate(policy: .auto, rules: ToolRules(conditional: [deny]))
        let unpreviewed = ApprovalRequest(callID: "k", toolName: "wix_orders_cancel", access: .write, arguments: ["id": "x"], requestLine: "")
        let (route, rule) = await gate.routing(unpreviewed)
        #expect(rule == deny.reference, "without the record, the deny cannot be ruled out: it counts as a match")
        guard case .refuse(.rule, let why) = route else { Issue.record("\(route)"); return }
        #expect(why.contains("could not be judged"), "\(why)")
    }
}
