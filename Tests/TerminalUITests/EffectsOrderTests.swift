import Foundation
import Synchronization
import Testing
import WixAgentCore
import WixOfflineModel
@testable import TerminalUI

/// The changes a person asks for reach the agent in the order they were asked: a turn typed
/// right after `/approval read-only` (or a revoke) runs under it, never before it.
@Suite struct EffectsOrderTests {
    /// A source whose every call is recorded and answered with `{}`.
    final class Recording: ToolSource {
        let name = "sandbox"
        let label = "sandbox"
        let runs = Mutex(0)
        func loadTools() async throws(CatalogError) -> [Tool] { [Fixtures.writeTool] }
        func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "POST /cancel" }
        func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
            runs.withLock { $0 += 1 }
            return ToolOutcome(status: 200, latencyMs: 1, response: [:], isError: false, summary: "200 OK")
        }
        func close() async {}
    }

    /// Performs `commands` one after another, as the UI thread does, and waits for the turn's end.
    static func perform(_ commands: [Command], agent: Agent) async throws -> [AgentEvent] {
        let inbox = EventInbox()
        let effects = Effects(inbox: inbox, makeModel: { _ in .failure(ModelUnavailable("no models here")) }, record: { _ in nil })
        effects.connected(agent)
        for command in commands { effects.perform(command) }
        var events: [AgentEvent] = []
        // Generous: other suites running beside this one can hold the few threads tasks run on.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            for case .msg(.agent(let event)) in inbox.drain().events { events.append(event) }
            if events.contains(where: { if case .finished = $0 { true } else { false } }) { return events }
            try await Task.sleep(for: .milliseconds(2))
        }
        Issue.record("the turn did not end")
        return events
    }

    static let call = #"/call wix_orders_cancel {"orderId": "o-1"}"#

    @Test func aTurnTypedRightAfterReadOnlyRunsUnderIt() async throws {
        for _ in 0..<100 {
            let source = Recording()
            let catalog = ToolCatalog.union([("sandbox", [Fixtures.writeTool])])
            let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                              gate: ApprovalGate(policy: .auto, interactive: true), systemPrompt: { "" })
            // The person sets the policy a few times and ends on read-only. (Only auto before it: a
            // turn that ran under an earlier one fails the test by running the write, not by
            // waiting for a question nobody answers.)
            let flips: [Command] = (0..<20).map { _ in .setPolicy(.auto) }
            let events = try await Self.perform(flips + [.setPolicy(.readOnly), .startTurn(Self.call)], agent: agent)
            #expect(source.runs.withLock { $0 } == 0, "the write ran before read-only took effect: \(events)")
            if source.runs.withLock({ $0 }) > 0 { return }
        }
    }

    @Test func aTurnTypedRightAfterARevokeAsks() async throws {
        for _ in 0..<100 {
            let source = Recording()
            let catalog = ToolCatalog.union([("sandbox", [Fixtures.writeTool])])
            let gate = ApprovalGate(policy: .askWrites, interactive: false)
            let tool = try #require(catalog.tool(named: Fixtures.writeTool.name))
            gate.ledger.apply(.grantsRestored([Grant(tool: tool.name, at: Fixtures.t0, afterCall: "c0", identity: tool.identity)]))
            let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source), gate: gate, systemPrompt: { "" })
            let events = try await Self.perform([.revokeGrant(Fixtures.writeTool.name), .startTurn(Self.call)], agent: agent)
            #expect(source.runs.withLock { $0 } == 0, "the revoked grant let the write run: \(events)")
            if source.runs.withLock({ $0 }) > 0 { return }
        }
    }
}
