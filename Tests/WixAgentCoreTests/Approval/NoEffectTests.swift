import Foundation
import Testing
@testable import WixAgentCore

/// A write that changes nothing says so first in its dialog: values compared as the record means
/// them (an instant written two ways is one instant).
@Suite("No-effect writes", .serialized)
struct NoEffectTests {
    static func previews(of arguments: [[String: JSONValue]]) async throws -> [WritePreview?] {
        let site = try await SandboxFixture.start()
        let listed = await site.call("list_all_wix_bookings", ["limit": 50])
        let booking = try #require(listed.response["result"]?.arrayValue?.first { $0["status"]?.stringValue != "CANCELED" })
        let id = try #require(booking["id"]?.stringValue)
        let model = ScriptedModel(arguments.flatMap { args -> [[ModelEvent]] in
            var all = args
            all["id"] = .string(id)
            all["startDate"] = all["startDate"] ?? booking["startDate"]
            return [[.toolCall(ToolCall(id: "", name: "wix_bookings_reschedule", arguments: JSONValue.object(all).compactText))], [.textDelta("ok")]]
        })
        let agent = Agent(model: model, catalog: site.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.client)),
                          gate: ApprovalGate(policy: .askWrites), systemPrompt: { "" }, timeZone: TimeZone(identifier: "UTC")!)
        let seen = PreviewLog()
        for _ in arguments {
            await agent.runTurn("reschedule", ask: ApprovalAsking.direct { request in
                seen.add(request.preview)
                return .reject(reason: "only looking")
            }, emit: { _ in })
        }
        await site.stop()
        return seen.all
    }

    @Test func aRescheduleToTheSameInstantSaysItChangesNothing() async throws {
        let site = try await SandboxFixture.start()
        let listed = await site.call("list_all_wix_bookings", ["limit": 50])
        await site.stop()
        let start = try #require(listed.response["result"]?.arrayValue?.first { $0["status"]?.stringValue != "CANCELED" }?["startDate"]?.stringValue)
        #expect(start.hasSuffix(".000Z"), "the sandbox writes milliseconds: \(start)")
        let sameInstant = String(start.dropLast(5)) + "Z"
        let previews = try await Self.previews(of: [["startDate": .string(sameInstant)], ["startDate": "2031-01-02T09:00:00Z"]])
        let same = try #require(previews.first ?? nil)
        #expect(same.hasNoEffect && same.lines.first == "No effect: startDate already has the value it sets", "\(same.lines)")
        #expect(same.lines.contains { $0.hasPrefix("startDate: ") && $0.hasSuffix(" UTC (unchanged)") }, "\(same.lines)")
        let moved = try #require(previews.last ?? nil)
        #expect(!moved.hasNoEffect)
        #expect(moved.lines.contains { $0.hasPrefix("startDate: ") && $0.hasSuffix("→ Thu 2 Jan 2031 09:00 UTC") }, "\(moved.lines)")
    }

    @Test func timesReadWithTheirWeekdayInTheZoneAndInUTC() {
        let date = ISODate.parse("2026-12-10T15:00:00.000Z")!
        #expect(InstantText.describe(date, in: TimeZone(identifier: "America/New_York")!) == "Thu 10 Dec 2026 10:00 (15:00 UTC)")
        #expect(InstantText.describe(date, in: TimeZone(identifier: "UTC")!) == "Thu 10 Dec 2026 15:00 UTC")
        #expect(InstantText.describe("2026-12-10T15:00:30Z", in: TimeZone(identifier: "UTC")!) == "Thu 10 Dec 2026 15:00:30 UTC")
        #expect(InstantText.describe("2026-12-10", in: TimeZone(identifier: "UTC")!) == nil, "a day is shown as it is")
    }

    @Test func instantsAndNumbersCompareAsWhatTheyMean() {
        #expect(WritePreview.same("2026-12-10T15:00:00.000Z", "2026-12-10T15:00:00Z"))
        #expect(!WritePreview.same("2026-12-10T15:00:00.000Z", "2026-12-10T15:00:01Z"))
        #expect(!WritePreview.same("2026-12-10", "2026-12-10T00:00:00Z"), "a day is not an instant")
        #expect(WritePreview.same(5, "5") && !WritePreview.same(5, "5.1") && !WritePreview.same("abc", "abd"))
    }
}

final class PreviewLog: @unchecked Sendable {
    private let lock = NSLock()
    private var previews: [WritePreview?] = []
    func add(_ preview: WritePreview?) { lock.withLock { previews.append(preview) } }
    var all: [WritePreview?] { lock.withLock { previews } }
}
