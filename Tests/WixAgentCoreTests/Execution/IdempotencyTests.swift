import Foundation
import Testing
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

    /// With a key, a write is retried after a 503 like a read; the faults here are the sandbox's
    /// own (`--fault-rate`), which never apply the request.
    @Test func aKeyedWriteIsRetriedThroughFaultsAndRunsOnce() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let server = try await SandboxServer.start(SandboxOptions(token: token, faultRate: 0.5))
        let http = HTTPTransport()
        let service = ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true)
        let client = ProxyClient(service: service, http: http, retry: RetryPolicy(maxRetries: 12, baseDelay: 0.01, maxWait: 1))
        let catalog = ToolCatalog.union([("sandbox", try await CatalogClient.fetch(using: client))])
        let executor = ToolExecutor(source: ProxyToolSource(client: client))
        let waits = EventLog()
        var created: Set<String> = []
        for n in 0..<8 {
            let outcome = await executor.run(catalog.tool(named: "create_a_wix_task")!, arguments: ["title": .string("Task \(n)"), "dueDate": "2026-12-10"],
                                             callID: CallKey.make(), emit: { waits.append($0) })
            #expect(outcome.status == 200, "\(outcome.summary)")
            if let id = outcome.response["id"]?.stringValue ?? outcome.response["result"]?["id"]?.stringValue { created.insert(id) }
        }
        #expect(created.count == 8)
        #expect(waits.events.contains { if case .toolStateChanged(_, .retrying) = $0 { true } else { false } }, "a fault was retried")
        await http.shutdown()
        await server.stop()
    }
}
