import Foundation
import Testing
import TestSupport
@testable import WixAgentCore

/// A write's dialog says what the ids in its arguments name, read through the catalog while the
/// dialog is open, and what an order would cost.
@Suite("Records a write names", .serialized)
struct NamedRecordsTests {
    static let coffee = "8a9d07b7-cd51-d5a3-4b73-a19f813e3479"
    static let johnsContact = "1daeb6ea-c47f-d902-7da3-5fa2afe7af42"

    static func order(_ quantity: Int, discount: String = #"{"name": "loyalty", "percentage": 10}"#) -> ToolCall {
        ToolCall(id: "o", name: "create_a_wix_order", arguments: #"""
            {"lineItems": [{"catalogReference": {"catalogItemId": "\#(coffee)"}, "quantity": \#(quantity)}],
             "buyerInfo": {"contactId": "\#(johnsContact)"}, "discounts": [\#(discount)]}
            """#)
    }

    /// The lines of the call's last `recordsNamed` event, and every event of the turn.
    func run(_ call: ToolCall, answer: @escaping @Sendable (EventLog) async -> ApprovalDecision) async throws -> (lines: [String], events: [AgentEvent]) {
        let site = try await WatchedSandbox.start()
        let agent = site.fixture.agent(model: ScriptedModel([[.toolCall(call)], [.textDelta("ok")]]), interactive: true)
        let log = EventLog()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in await answer(log) }, emit: log.append)
        await site.stop()
        return (Self.named(log.events).last ?? [], log.events)
    }

    static func named(_ events: [AgentEvent]) -> [[String]] {
        events.compactMap { event -> [String]? in if case .recordsNamed(_, let lines) = event { lines } else { nil } }
    }

    /// Waits (at most 10 s) until the dialog's lines have no `resolving…` left, then answers.
    static func whenResolved(_ decision: ApprovalDecision) -> @Sendable (EventLog) async -> ApprovalDecision {
        { log in
            for _ in 0..<1000 {
                let last = Self.named(log.events).last
                if let last, !last.contains(where: { $0.contains("resolving…") }) { return decision }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return .reject(reason: "never resolved")
        }
    }

    @Test func anOrdersDialogNamesTheProductAndTheBuyerAndTotalsTheOrderAsTheSiteWill() async throws {
        let (lines, events) = try await run(Self.order(5), answer: Self.whenResolved(.approveOnce))
        #expect(lines.contains { $0.hasPrefix("lineItems[0].catalogReference.catalogItemId → product: ") && $0.contains("Premium Coffee Beans")
            && $0.contains("price 34.99 USD") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("buyerInfo.contactId → contact: ") && $0.contains("john.doe@example.com") }, "\(lines)")
        #expect(lines.contains("order line: 5 × Premium Coffee Beans at 34.99 = 174.95 USD"), "\(lines)")
        #expect(lines.contains("discount: loyalty (10%) −17.50 USD"), "\(lines)")
        let shown = try #require(lines.first { $0.hasPrefix("order total: ") })
        // The site's own arithmetic agrees with the dialog's.
        let made = events.lazy.compactMap { if case .toolFinished(_, let outcome) = $0, outcome.status == 200 { outcome.response } else { nil } }.first
        let total = try #require(RecordBody.unwrap(made ?? .null)?["priceSummary"]?["total"]?.doubleValue)
        #expect(shown.hasPrefix("order total: \(String(format: "%.2f", total)) USD"), "\(shown) vs \(total)")
    }

    @Test func theDialogOpensBeforeTheReadsAnswerAndNothingIsNamedAfterTheDecision() async throws {
        let (_, events) = try await run(Self.order(2), answer: { _ in .reject(reason: nil) })
        let named = events.indices.filter { if case .recordsNamed = events[$0] { true } else { false } }
        let asked = try #require(events.firstIndex { if case .approvalNeeded = $0 { true } else { false } })
        let decided = try #require(events.firstIndex { if case .approvalDecided = $0 { true } else { false } })
        let first = try #require(named.first)
        #expect(first < asked, "the dialog opens with its lines")
        if case .recordsNamed(_, let lines) = events[first] { #expect(lines.allSatisfy { !$0.contains("→") || $0.contains("resolving…") }, "\(lines)") }
        #expect(named.allSatisfy { $0 < decided }, "a read that answers after the decision is not reported")
    }

    /// Labels read by their display names, before and after, whether given by key or by name; a
    /// label the contact has already, given by its name, changes nothing, and one the site does
    /// not have says so.
    @Test(arguments: [
        (["custom.vip", "VIP-Risk"], "wix_contacts_label", "labelKeys → labels: VIP → VIP, VIP-Risk"),
        (["vip"], "wix_contacts_label", "labelKeys → labels: VIP (unchanged)"),
        (["custom.vip"], "wix_contacts_unlabel", "labelKeys → labels: VIP → none"),
        (["Gold"], "wix_contacts_label", "labelKeys → labels: VIP → VIP, Gold (no such label)"),
    ])
    func aLabelWriteShowsTheLabelsByName(keys: [String], tool: String, line: String) async throws {
        let contact = "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f"
        let arguments = JSONValue.object(["id": .string(contact), "labelKeys": .array(keys.map(JSONValue.string))]).compactText
        let (lines, _) = try await run(ToolCall(id: "l", name: tool, arguments: arguments), answer: Self.whenResolved(.reject(reason: nil)))
        #expect(lines == [line])
    }

    /// A create has no record to preview: the times it sets are still shown with their weekday.
    @Test func aCreatesTimesAreShownWithTheirWeekday() async throws {
        let call = ToolCall(id: "t", name: "create_a_wix_task", arguments: #"{"title": "Call back", "dueDate": "2030-01-03T17:00:00Z"}"#)
        let (lines, _) = try await run(call, answer: { _ in .reject(reason: nil) })
        #expect(lines.count == 1 && lines[0].hasPrefix("dueDate: Thu 3 Jan 2030 ") && lines[0].contains("17:00"), "\(lines)")
    }

    @Test func idsAreFoundByTheirKeyAndReadWithTheResourcesGet() async throws {
        let site = try await WatchedSandbox.start()
        let catalog = site.fixture.catalog
        await site.stop()
        let create = try #require(catalog.tool(named: "create_a_wix_order"))
        let found = NamedRecord.find(in: ["buyerInfo": ["memberId": "m1", "contactId": "c1"], "lineItems": [["productId": "p1"], ["catalogReference": ["catalogItemId": "p2"]]],
                                          "appId": "a1", "dataCollectionId": "x", "labelKeys": ["custom.vip"], "tagKeys": ["t"]], of: create, catalog: catalog, naming: [])
        #expect(found.map(\.path) == ["buyerInfo.contactId", "buyerInfo.memberId", "labelKeys", "lineItems[0].productId", "lineItems[1].catalogReference.catalogItemId"])
        #expect(found.map(\.read.name) == ["get_single_wix_contact_by_id", "get_single_wix_member_by_id", "list_all_wix_labels", "get_single_wix_product_by_id",
                                            "get_single_wix_product_by_id"])
        // The record a write acts on is its preview's, not named again; a dot segment is no id.
        let cancel = try #require(catalog.tool(named: "wix_orders_cancel"))
        #expect(NamedRecord.find(in: ["id": "12345", "orderId": "12345"], of: cancel, catalog: catalog, naming: ["id", "orderId"]).isEmpty)
        #expect(NamedRecord.find(in: ["buyerInfo": ["contactId": ".."]], of: create, catalog: catalog, naming: []).isEmpty)
    }

    @Test func aTotalNeedsEveryPriceAndSaysWhenCurrenciesDiffer() {
        let euro: JSONValue = ["name": "Tea", "priceData": ["price": 2.5, "currency": "EUR"]]
        let dollar: JSONValue = ["name": "Cup", "priceData": ["price": 4, "currency": "USD"]]
        let two: [String: JSONValue] = ["lineItems": [["productId": "t", "quantity": 3], ["productId": "c", "quantity": 1]]]
        #expect(OrderTotal(arguments: two, products: ["t": euro]) == nil, "a product not read yet: no total")
        let mixed = OrderTotal(arguments: two, products: ["t": euro, "c": dollar])
        #expect(mixed?.total == 11.5)
        #expect(mixed?.lines.last == "order total: 11.50 (the products' currencies differ)")
        let fixed = OrderTotal(arguments: two.merging(["discounts": [["amount": 1.25]]]) { a, _ in a }, products: ["t": euro, "c": euro])
        #expect(fixed?.total == 8.75)
        #expect(OrderTotal(arguments: ["lineItems": [["productId": "t", "quantity": -1]]], products: ["t": euro]) == nil)
    }
}
