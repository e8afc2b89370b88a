import Foundation
import Testing
import TestSupport
import WixSandbox
@testable import WixAgentCore

/// `/undo`: the inverse of an executed write, derived from the catalog and the preview, run
/// through approval like any write, restores the sandbox's state.
@Suite("Undo against the sandbox", .serialized)
struct UndoTests {
    /// Runs `call` (auto-approved), then its undo plan (approved), and returns the record before,
    /// after the write, and after the undo, read with `get`.
    func roundTrip(_ call: ToolCall, get: String, id: String) async throws -> (before: JSONValue?, written: JSONValue?, undone: JSONValue?, plan: UndoPlan?) {
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        func read() async -> JSONValue? { RecordBody.unwrap(await site.fixture.call(get, ["id": .string(id)]).response) }
        let before = await read()
        let log = EventLog()
        let agent = site.fixture.agent(model: ScriptedModel([[.toolCall(call)], [.textDelta("done")]]), policy: .auto)
        await agent.runTurn("write", ask: ApprovalAsking.direct { _ in .approveOnce }, journal: store.recorder.journal, emit: log.append)
        let written = await read()
        let tool = try #require(site.fixture.catalog.tool(named: call.name))
        let preview = log.events.lazy.compactMap { if case .toolProposed(_, _, _, _, _, _, let p, _) = $0 { p } else { nil } }.first
        let key = try #require(log.events.lazy.compactMap { if case .toolProposed(let k, _, _, _, _, _, _, _) = $0 { k } else { nil } }.first)
        guard case .success(let plan) = UndoPlan.plan(undoing: tool, arguments: try JSONValue.parse(call.arguments), before: preview?.record,
                                                       response: log.outcomes.last?.response, in: site.fixture.catalog) else {
            await site.stop()
            return (before, written, nil, nil)
        }
        let undo = ToolCall(id: "", name: plan.tool.name, arguments: JSONValue.object(plan.arguments).compactText)
        await agent.runProgramCalls("/undo 1", ProgramCalls(calls: [undo], undoing: key), ask: ApprovalAsking.direct { _ in .approveOnce },
                                    journal: store.recorder.journal, emit: log.append)
        let undone = await read()
        let trail = try AuditTrail(database: store.database).entries()
        #expect(trail.first?.undoneBy == trail.last?.call, "the audit names the undo")
        await site.stop()
        return (before, written, undone, plan)
    }

    @Test func undoingALabelRemovesOnlyTheKeysItAdded() async throws {
        let contact = "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f"
        let call = ToolCall(id: "", name: "wix_contacts_label", arguments: #"{"id": "\#(contact)", "labelKeys": ["custom.vip", "custom.vip-risk"]}"#)
        let (before, written, undone, plan) = try await roundTrip(call, get: "get_single_wix_contact_by_id", id: contact)
        #expect(plan?.tool.name == "wix_contacts_unlabel" && plan?.arguments["labelKeys"] == ["custom.vip-risk"], "\(String(describing: plan))")
        #expect(written?["info"]?["labelKeys"] != before?["info"]?["labelKeys"])
        #expect(undone?["info"]?["labelKeys"] == before?["info"]?["labelKeys"])
    }

    @Test func undoingARescheduleMovesTheBookingBack() async throws {
        let call = ToolCall(id: "", name: "wix_bookings_reschedule", arguments: #"{"id": "847294", "startDate": "2030-01-03T15:00:00.000Z"}"#)
        let (before, written, undone, plan) = try await roundTrip(call, get: "get_single_wix_booking_by_id", id: "847294")
        #expect(plan?.tool.name == "wix_bookings_reschedule")
        #expect(written?["startDate"] == "2030-01-03T15:00:00.000Z")
        #expect(undone?["startDate"] == before?["startDate"] && undone?["endDate"] == before?["endDate"], "\(String(describing: undone))")
    }

    @Test func undoingACreatedTaskDeletesIt() async throws {
        let site = try await WatchedSandbox.start()
        let log = EventLog()
        let create = ToolCall(id: "", name: "create_a_wix_task", arguments: #"{"title": "Undo me", "dueDate": "2030-01-01"}"#)
        let agent = site.fixture.agent(model: ScriptedModel([[.toolCall(create)], [.textDelta("done")]]), policy: .auto)
        await agent.runTurn("write", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        let tool = try #require(site.fixture.catalog.tool(named: "create_a_wix_task"))
        guard case .success(let plan) = UndoPlan.plan(undoing: tool, arguments: try JSONValue.parse(create.arguments), before: nil,
                                                       response: log.outcomes.last?.response, in: site.fixture.catalog) else {
            Issue.record("a create has an inverse")
            await site.stop()
            return
        }
        #expect(plan.tool.name == "delete_a_wix_task_by_id")
        let id = try #require(plan.arguments["id"]?.stringValue)
        await agent.runProgramCalls("/undo", ProgramCalls(calls: [ToolCall(id: "", name: plan.tool.name, arguments: JSONValue.object(plan.arguments).compactText)],
                                                             undoing: "k"), ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        let gone = await site.fixture.call("get_single_wix_task_by_id", ["id": .string(id)])
        await site.stop()
        #expect(gone.status == 404)
    }

    @Test func aCancelHasNoInverseAndSaysSo() async throws {
        let site = try await WatchedSandbox.start()
        await site.stop()
        let tool = try #require(site.fixture.catalog.tool(named: "wix_orders_cancel"))
        let result = UndoPlan.plan(undoing: tool, arguments: ["id": "12345"], before: ["id": "12345", "status": "APPROVED"], response: nil, in: site.fixture.catalog)
        #expect(result == .failure(UndoPlan.Refusal(description: "wix_orders_cancel cannot be undone: the catalog has no write that reverses it")))
    }
}
