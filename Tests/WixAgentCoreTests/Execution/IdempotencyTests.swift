import Foundation
import Testing
import TestSupport
@testable import WixAgentCore
import WixSandbox

/// A write carries its call's `Idempotency-Key`; the sandbox answers a repeated key with the
/// first answer, so a write sent again after a failure runs once.
@Suite("Idempotency keys")
struct IdempotencyTests {
    static let task: [String: JSONValue] = ["title": "Call the supplier", "dueDate": "2026-12-10"]

    static func tasks(_ site: SandboxFixture) async -> Int {
        let listed = await site.call("list_all_wix_tasks", ["limit": 100])
        return listed.response["result"]?.arrayValue?.count ?? -1
    }

    @Test func aWriteSentAgainWithItsKeyRunsOnceAndGetsTheFirstAnswer() async throws {
        let site = try await SandboxFixture.start()
        let executor = ToolExecutor(source: ProxyToolSource(client: site.client))
        let create = try #require(site.catalog.tool(named: "create_a_wix_task"))
        let before = await Self.tasks(site)
        let key = CallKey.make()
        let first = await executor.run(create, arguments: Self.task, callID: key, emit: { _ in })
        let again = await executor.run(create, arguments: Self.task, callID: key, emit: { _ in })
        #expect(first.status == 200 && again.status == 200, "\(first.summary) / \(again.summary)")
        #expect(again.response == first.response, "the same task, not a second one")
        #expect(await Self.tasks(site) == before + 1)
        // Another call is another key: it creates another task.
        _ = await executor.run(create, arguments: Self.task, callID: CallKey.make(), emit: { _ in })
        #expect(await Self.tasks(site) == before + 2)
        // The same key with other arguments is refused, and changes nothing.
        let other = await executor.run(create, arguments: ["title": "Something else", "dueDate": "2026-12-11"], callID: key, emit: { _ in })
        #expect(other.status == 422 && other.isError, "\(other.summary)")
        #expect(other.summary.contains("Idempotency-Key"))
        #expect(await Self.tasks(site) == before + 2)
        await site.stop()
    }

    /// `idempotency = false`: a write carries no key, so after a 503 it is not sent again (the
    /// service cannot tell a second attempt from a second write); a read still is retried.
    @Test func withoutKeysAWriteIsNeverSentAgainAfterAFailure() async throws {
        let site = try await FaultySandbox.start(rate: 1, kind: .unavailable)
        let client = site.client(retry: RetryPolicy(maxRetries: 3, maxConnectionRetries: 3, baseDelay: 0.01, maxWait: 1))
        var create = Tool(resource: "tasks", method: "create", name: "create_a_wix_task", description: "",
                          bodySchema: ["type": "object", "properties": ["title": ["type": "string"]]])
        var list = Tool(resource: "tasks", method: "list", name: "list_all_wix_tasks", description: "")
        (create.source, list.source) = ("sandbox", "sandbox")
        for keys in [false, true] {
            let executor = ToolExecutor(source: ProxyToolSource(client: client, sendsIdempotencyKeys: keys))
            let events = EventLog()
            let write = await executor.run(create, arguments: ["title": "x"], callID: CallKey.make(), emit: { events.append($0) })
            let read = await executor.run(list, arguments: [:], callID: CallKey.make(), emit: { events.append($0) })
            #expect(write.isError && read.isError, "\(write.summary) / \(read.summary)")
            let sends = events.events.compactMap { if case .sending(let id, _, let key) = $0 { (id: id, key: key) } else { nil } }
            let writes = sends.filter { $0.id != sends.last?.id }
            #expect(writes.count == (keys ? 4 : 1), "keys \(keys): \(writes.count) attempts")
            #expect(writes.allSatisfy { ($0.key != nil) == keys })
            #expect(sends.count - writes.count == 4, "a read is retried either way")
        }
        await site.stop()
    }

    /// With a key, a write is retried like a read: after a 503 (`unavailable`: not applied), and
    /// after a connection that dropped once the site had applied it (`dropped`), where only the
    /// key keeps the second attempt from creating a second task.
    @Test(arguments: FaultKind.allCases)
    func aKeyedWriteIsRetriedThroughFaultsAndRunsOnce(_ kind: FaultKind) async throws {
        let site = try await FaultySandbox.start(rate: 0.5, kind: kind)
        let client = site.client(retry: RetryPolicy(maxRetries: 12, maxConnectionRetries: 12, baseDelay: 0.01, maxWait: 1))
        let catalog = ToolCatalog.union([("sandbox", try await CatalogClient.fetch(using: client))])
        let executor = ToolExecutor(source: ProxyToolSource(client: client))
        let waits = EventLog()
        let titles = (0..<8).map { "Fault \(kind.rawValue) \($0)" }
        for title in titles {
            let outcome = await executor.run(catalog.tool(named: "create_a_wix_task")!, arguments: ["title": .string(title), "dueDate": "2026-12-10"],
                                             callID: CallKey.make(), emit: { waits.append($0) })
            #expect(outcome.status == 200, "\(outcome.summary)")
        }
        let listed = await executor.run(catalog.tool(named: "list_all_wix_tasks")!, arguments: ["limit": 100], callID: CallKey.make(), emit: { _ in })
        let stored = (listed.response["result"]?.arrayValue ?? []).compactMap { $0["title"]?.stringValue }.filter { $0.hasPrefix("Fault ") }
        #expect(stored.sorted() == titles.sorted(), "each task once")
        #expect(waits.events.contains { if case .toolStateChanged(_, .retrying) = $0 { true } else { false } }, "a fault was retried")
        // Every attempt of a call carried the same key, its call's.
        let sends = waits.events.compactMap { if case .sending(let id, let n, let key) = $0 { (id: id, n: n, key: key) } else { nil } }
        let byCall = Dictionary(grouping: sends, by: \.id)
        #expect(byCall.count == titles.count && byCall.values.contains { $0.count > 1 })
        #expect(byCall.allSatisfy { id, attempts in
            attempts.map(\.n) == Array(1...attempts.count) && attempts.allSatisfy { $0.key == IdempotencyKey.of(callID: id) }
        })
        await site.stop()
    }
}

/// `/resend`: a write whose connection dropped after the site applied it has an unknown outcome;
/// sent again with its call's idempotency key, the site answers with the first answer and runs
/// it no second time.
@Suite("Resend")
struct ResendTests {
    @Test func writesWithAnUnknownOutcomeAreSentAgainAndRunOnce() async throws {
        let site = try await FaultySandbox.start(rate: 0.5, kind: .dropped)
        let patient = site.client(retry: RetryPolicy(maxConnectionRetries: 12, baseDelay: 0.01, maxWait: 1))
        // The agent's client gives up at the first dropped connection: the write's outcome is unknown.
        let giving = site.client(retry: RetryPolicy(maxConnectionRetries: 0, baseDelay: 0.01, maxWait: 1))
        let catalog = ToolCatalog.union([("sandbox", try await CatalogClient.fetch(using: patient))])
        let titles = (0..<6).map { "Resend \($0)" }
        let model = ScriptedModel([titles.map { .toolCall(ToolCall(id: "", name: "create_a_wix_task", arguments: #"{"title": "\#($0)", "dueDate": "2026-12-10"}"#)) },
                                   [.textDelta("done")]])
        let agent = Agent(model: model, catalog: catalog, executor: ToolExecutor(source: ProxyToolSource(client: giving)),
                          gate: ApprovalGate(policy: .askWrites), systemPrompt: { "" })
        let store = try TemporaryStore()
        defer { try? FileManager.default.removeItem(at: store.directory) }
        let approve = ApprovalAsking.direct { _ in .approveOnce }
        await agent.runTurn("create six tasks", ask: approve, journal: store.recorder.journal, emit: { _ in })

        let archive = SessionArchive(database: store.database)
        let unknown = ProgramCalls.unsettledWrites(in: try archive.ledger(sessionID: store.recorder.sessionID))
        #expect(!unknown.isEmpty && unknown.count < 6, "some writes dropped, some answered: \(unknown.count)")
        #expect(unknown.allSatisfy { $0.outcome?.isUnknown == true && $0.state == .failed })

        let (program, resent, other) = ProgramCalls.resending(unknown, catalog: catalog)
        #expect(resent == unknown)
        #expect(other.isEmpty)
        // Edited, a resend would be another write under the first one's key: it is not run.
        let editing = ApprovalAsking.direct { _ in .editAndApprove(["title": "Something else", "dueDate": "2026-12-11"]) }
        await agent.runProgramCalls("/resend", program, ask: editing, journal: store.recorder.journal, emit: { _ in })
        let edited = try archive.ledger(sessionID: store.recorder.sessionID).calls.filter { $0.resendOf != nil }
        #expect(edited.count == unknown.count && edited.allSatisfy { $0.outcome?.status == nil && $0.outcome?.isError == true })
        #expect(ProgramCalls.unsettledWrites(in: try archive.ledger(sessionID: store.recorder.sessionID)).count == unknown.count)
        let (again, _, _) = ProgramCalls.resending(unknown, catalog: catalog)
        #expect(program.keys?.map(CallKey.root) == unknown.map(\.callID), "each resend keeps its call's idempotency key")
        await agent.runProgramCalls("/resend", again, ask: approve, journal: store.recorder.journal, emit: { _ in })

        let ledger = try archive.ledger(sessionID: store.recorder.sessionID)
        #expect(ProgramCalls.unsettledWrites(in: ledger).isEmpty, "every unknown outcome is settled now")
        let resends = ledger.calls.filter { $0.resendOf != nil && $0.outcome?.status != nil }
        #expect(resends.count == unknown.count && resends.allSatisfy { $0.state == .done }, "\(resends.map(\.state))")
        let listed = await ToolExecutor(source: ProxyToolSource(client: patient)).run(catalog.tool(named: "list_all_wix_tasks")!, arguments: ["limit": 100],
                                                                                       callID: CallKey.make(), emit: { _ in })
        let stored = (listed.response["result"]?.arrayValue ?? []).compactMap { $0["title"]?.stringValue }.filter { $0.hasPrefix("Resend ") }
        #expect(stored.sorted() == titles, "each task once, though some were sent twice")
        await site.stop()
    }
}

/// A sandbox whose requests meet a fault at `rate` (`FaultKind`), reached over HTTP.
struct FaultySandbox {
    let server: SandboxServer
    let http = HTTPTransport()
    let service: ToolService

    static func start(rate: Double, kind: FaultKind) async throws -> FaultySandbox {
        let token = "test-token-\(UUID().uuidString)"
        let server = try await SandboxServer.start(SandboxOptions(token: token, rateLimit: RateLimitSpec(requests: 1000, windowSeconds: 10),
                                                                  faultRate: rate, faultKind: kind))
        return FaultySandbox(server: server, service: ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true))
    }

    func client(retry: RetryPolicy) -> ProxyClient {
        ProxyClient(service: service, http: http, retry: retry)
    }

    func stop() async {
        await http.shutdown()
        await server.stop()
    }
}
