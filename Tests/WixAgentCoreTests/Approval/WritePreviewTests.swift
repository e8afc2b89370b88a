import Foundation
import GRDB
import Testing
import TestSupport
@testable import WixAgentCore

/// Previews: the record a write touches, read before the decision and shown and stored with it.
@Suite("Write previews against the sandbox", .serialized)
struct WritePreviewTests {
    func proposal(_ call: ToolCall, previews: Bool = true, store: TemporaryStore? = nil) async throws -> (WritePreview?, ApprovalRequest?) {
        let site = try await WatchedSandbox.start()
        let model = ScriptedModel([[.toolCall(call)], [.textDelta("ok")]])
        let agent = Agent(model: model, catalog: site.fixture.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.fixture.client)),
                          gate: ApprovalGate(policy: .askWrites), systemPrompt: { "" }, previewsWrites: previews,
                          timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let log = EventLog()
        let asked = Asked()
        await agent.runTurn("go", ask: ApprovalAsking.direct { request in asked.set(request); return .reject(reason: nil) },
                            journal: store?.recorder.journal, emit: log.append)
        await site.stop()
        #expect(site.appliedWrites == 0)
        let preview = log.events.lazy.compactMap { if case .toolProposed(_, _, _, _, _, _, let p, _) = $0 { p } else { nil } }.first
        return (preview, asked.request)
    }

    @Test func aCancelShowsTheOrderAndThatItCannotBeUndone() async throws {
        let store = try TemporaryStore()
        let (preview, request) = try await proposal(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#), store: store)
        let lines = try #require(preview?.lines)
        #expect(lines.first?.hasPrefix("order 12345: number ") == true && lines[0].contains("status APPROVED") && lines[0].contains("john.doe@example.com"), "\(lines)")
        #expect(lines.last == WritePreview.irreversibleLine)
        #expect(request?.preview == preview, "the dialog gets the same preview")
        let stored = try #require(try store.rows("SELECT preview FROM tool_call").first?["preview"] as String?)
        #expect(try JSONValue.parse(stored)["record"]?["id"] == "12345")
    }

    @Test func aRescheduleShowsTheSlotBeforeAndAfter() async throws {
        let (preview, _) = try await proposal(ToolCall(id: "r", name: "wix_bookings_reschedule", arguments: #"{"id": "847294", "startDate": "2030-01-03T15:00:00.000Z"}"#))
        let lines = try #require(preview?.lines)
        // In the person's zone with its weekday, and UTC beside it.
        #expect(lines.contains { $0.hasPrefix("startDate: ") && $0.hasSuffix("→ Thu 3 Jan 2030 16:00 (15:00 UTC)") }, "\(lines)")
        #expect(!lines.contains(WritePreview.irreversibleLine), "a reschedule can be moved back")
    }

    @Test func aLabelShowsTheLabelsItAdds() async throws {
        let (preview, _) = try await proposal(ToolCall(id: "l", name: "wix_contacts_label", arguments: #"{"id": "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f", "labelKeys": ["custom.vip", "VIP-Risk"]}"#))
        let lines = try #require(preview?.lines)
        #expect(lines.contains(#"labelKeys: ["custom.vip"] → ["custom.vip","VIP-Risk"]"#), "\(lines)")
        #expect(lines[0].contains("labels") && !lines.contains(WritePreview.irreversibleLine))
    }

    @Test func anUpdateShowsEachChangedField() async throws {
        let site = try await WatchedSandbox.start()
        let task = await site.fixture.call("list_all_wix_tasks", ["limit": 1]).response["result"]?.arrayValue?.first
        await site.stop()
        let id = try #require(task?["id"]?.stringValue)
        let before = try #require(task?["priority"]?.stringValue)
        let after = before == "HIGH" ? "LOW" : "HIGH"
        let (preview, _) = try await proposal(ToolCall(id: "u", name: "update_a_wix_task_by_id", arguments: #"{"id": "\#(id)", "priority": "\#(after)"}"#))
        #expect(preview?.lines.contains("priority: \(before) → \(after)") == true, "\(preview?.lines ?? [])")
    }

    @Test func aFailedReadSaysWhyAndNeverBlocksTheWrite() async throws {
        let (preview, request) = try await proposal(ToolCall(id: "x", name: "wix_orders_cancel", arguments: #"{"id": "no-such-order"}"#))
        #expect(preview?.unavailable?.hasPrefix("preview unavailable: the sandbox site answered 404") == true, "\(preview?.unavailable ?? "none")")
        #expect(request != nil, "the write was still put to the person")
    }

    @Test func previewFalseReadsNothing() async throws {
        let (preview, _) = try await proposal(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12345"}"#), previews: false)
        #expect(preview == nil)
    }
}

final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var last: ApprovalRequest?
    func set(_ request: ApprovalRequest) { lock.withLock { last = request } }
    var request: ApprovalRequest? { lock.withLock { last } }
}
