import Foundation
import Testing
import WixAgentCore
import WixSandbox

/// The README's sample workflows, each answered through the tools alone.
@Suite struct WorkflowTests {
    static func isoDaysAgo(_ days: Double) -> String {
        Date().addingTimeInterval(-days * 86400).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    @Test func summerProductsOutOfStock() async throws {
        try await withSandbox { sandbox in
            let filter: JSONValue = ["$and": [["collections": ["$hasSome": ["Summer Collection"]]], ["productType": "physical"], ["stock.quantity": 0]]]
            let found = try await sandbox.all("wix_stores_products_query", ["filter": filter])
            #expect(Set(found.compactMap { $0["sku"]?.stringValue }) == Set(WorkflowFixtures.summerOutOfStockSKUs))
            // The same answer computed by hand from the full catalog, with distractors on both sides.
            let all = try await sandbox.all("list_all_wix_products")
            let summer = all.filter { $0["collections"]?.arrayValue?.contains("Summer Collection") == true }
            let byHand = summer.filter { $0["productType"] == "physical" && $0["stock"]?["quantity"] == 0 }
            #expect(byHand.count == found.count)
            #expect(summer.contains { $0["productType"] == "physical" && ($0["stock"]?["quantity"]?.intValue ?? 0) > 0 })
            #expect(all.contains { $0["stock"]?["quantity"] == 0 && !(summer.contains($0)) })
        }
    }

    @Test func orderCoffeeBeansForJohnDoeWithDiscount() async throws {
        try await withSandbox { sandbox in
            let product = try #require(try await sandbox.result("wix_stores_products_query", ["filter": ["name": "Premium Coffee Beans"]]).arrayValue?.first)
            #expect(product["sku"] == .string(WorkflowFixtures.coffeeSKU))
            let productID = try #require(product["id"]?.stringValue)
            let stock = try #require(product["stock"]?["quantity"]?.intValue)
            let john = try #require(try await sandbox.result("wix_contacts_query", ["filter": ["primaryInfo.email": "john.doe@example.com"]]).arrayValue?.first)

            let order = try await sandbox.result("create_a_wix_order", [
                "lineItems": [["catalogReference": ["catalogItemId": .string(productID)], "quantity": 5]],
                "buyerInfo": ["email": "john.doe@example.com"],
                "discounts": [["name": "10% off", "percentage": 10]],
            ])
            let price = try #require(product["priceData"]?["price"]?.doubleValue)
            let summary = try #require(order["priceSummary"])
            let subtotal = try #require(summary["subtotal"]?.doubleValue)
            #expect(abs(subtotal - price * 5) < 0.005)
            #expect(abs((summary["discount"]?.doubleValue ?? 0) - subtotal * 0.1) < 0.01)
            #expect(abs((summary["total"]?.doubleValue ?? 0) - (subtotal - (summary["discount"]?.doubleValue ?? 0))) < 0.005)
            #expect(order["buyerInfo"]?["contactId"] == john["id"])
            #expect(order["lineItems"]?.arrayValue?.first?["quantity"] == 5)
            let id = try #require(order["id"]?.stringValue)
            #expect(try await sandbox.result("get_single_wix_order_by_id", ["id": .string(id)]) == order)
            let after = try await sandbox.result("get_single_wix_product_by_id", ["id": .string(productID)])
            #expect(after["stock"]?["quantity"]?.intValue == stock - 5)
        }
    }

    @Test func recentMembersWithoutPhotoOrBio() async throws {
        try await withSandbox { sandbox in
            let since = Self.isoDaysAgo(30)
            let filter: JSONValue = ["$and": [["createdDate": ["$gte": .string(since)]], ["profile.photo": ["$exists": false]], ["about": ["$exists": false]]]]
            let found = try await sandbox.all("wix_members_query", ["filter": filter])
            #expect(Set(found.compactMap { $0["loginEmail"]?.stringValue }) == Set(WorkflowFixtures.recentMembersWithoutPhotoAndBio))
            let recent = try await sandbox.all("wix_members_query", ["filter": ["createdDate": ["$gte": .string(since)]]])
            #expect(recent.count > found.count, "recent members with a photo or bio are distractors")
            let all = try await sandbox.all("list_all_wix_members")
            #expect(all.count >= 200)
            #expect(all.contains { $0["profile"]?["photo"] == nil && $0["about"] == nil && ($0["createdDate"]?.stringValue ?? "") < since })
        }
    }

    @Test func downtownSeattleListingsUnder800k() async throws {
        try await withSandbox { sandbox in
            let fields = try await sandbox.result("get_single_wix_data_collection_by_id", ["id": "RealEstateListings"])["fields"]?.strings("key") ?? []
            #expect(Set(["title", "city", "neighborhood", "price", "bedrooms"]).isSubset(of: Set(fields)))
            let downtown: JSONValue = ["city": "Seattle", "neighborhood": "Downtown"]
            let under = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "RealEstateListings", "filter": ["$and": [downtown, ["price": ["$lt": 800_000]]]],
                                                                       "sort": [["fieldName": "price", "order": "ASC"]]])
            let prices = under.compactMap { $0["data"]?["price"]?.doubleValue }
            #expect(!prices.isEmpty && prices.allSatisfy { $0 < 800_000 } && prices == prices.sorted())
            let everything = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "RealEstateListings"])
            let byHand = everything.filter { $0["data"]?["city"] == "Seattle" && $0["data"]?["neighborhood"] == "Downtown" && ($0["data"]?["price"]?.doubleValue ?? .infinity) < 800_000 }
            #expect(byHand.count == under.count)
            #expect(everything.contains { $0["data"]?["neighborhood"] == "Downtown" && $0["data"]?["city"] != "Seattle" })
            #expect(everything.contains { $0["data"]?["neighborhood"] == "Downtown" && ($0["data"]?["price"]?.doubleValue ?? 0) > 800_000 })
        }
    }

    @Test func salesTaskForJaneSmith() async throws {
        try await withSandbox { sandbox in
            let jane = try await sandbox.result("wix_contacts_query", ["filter": ["info.name.first": "Jane", "info.name.last": "Smith"]])
            let janeID = try #require(jane.arrayValue?.first?["id"])
            #expect(jane.arrayValue?.count == 1)
            let task = try await sandbox.result("create_a_wix_task", [
                "title": "Follow up with Jane Smith", "description": "Discuss the wholesale order.", "dueDate": "2030-03-01T17:00:00.000Z",
                "priority": "HIGH", "assignee": ["team": "Sales"], "contactId": janeID,
            ])
            let listed = try await sandbox.all("list_all_wix_tasks")
            let stored = try #require(listed.first { $0["id"] == task["id"] })
            #expect(stored["priority"] == "HIGH" && stored["assignee"]?["team"] == "Sales" && stored["contactId"] == janeID)
        }
    }

    @Test func rescheduleAppointmentKeepsDurationAndAppendsNote() async throws {
        try await withSandbox { sandbox in
            let booking = try await sandbox.result("get_single_wix_booking_by_id", ["id": "847294"])
            let start = try #require(booking["startDate"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) })
            let end = try #require(booking["endDate"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) })
            let newStart = start.addingTimeInterval(86400 + 3600)
            let moved = try await sandbox.result("wix_bookings_reschedule", [
                "id": "847294", "startDate": .string(newStart.formatted(Date.ISO8601FormatStyle())), "note": "Moved at the customer's request.",
            ])
            let movedStart = try #require(moved["startDate"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) })
            let movedEnd = try #require(moved["endDate"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) })
            #expect(movedStart == newStart)
            #expect(movedEnd.timeIntervalSince(movedStart) == end.timeIntervalSince(start))
            let notes = moved["notes"]?.stringValue ?? ""
            #expect(notes.hasPrefix(booking["notes"]?.stringValue ?? "<none>") && notes.hasSuffix("Moved at the customer's request."))
            #expect(try await sandbox.result("get_single_wix_booking_by_id", ["id": "847294"]) == moved)
            #expect(try await sandbox.result("wix_bookings_cancel", ["id": "847294", "reason": "Customer sick"])["status"] == "CANCELED")
            #expect(try await sandbox.call("wix_bookings_reschedule", ["id": "847294", "startDate": "2030-01-01T10:00:00Z"]).status == 409)
        }
    }

    @Test func soldSponsorshipSlotsWithoutLogo() async throws {
        try await withSandbox { sandbox in
            let found = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "SponsorshipSlots", "filter": ["status": "Sold", "logoUrl": ["$exists": false]]])
            let everything = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "SponsorshipSlots"])
            let byHand = everything.filter { $0["data"]?["status"] == "Sold" && $0["data"]?["logoUrl"] == nil }
            #expect(!found.isEmpty && found.count == byHand.count)
            #expect(everything.contains { $0["data"]?["status"] == "Sold" && $0["data"]?["logoUrl"] != nil })
            #expect(everything.contains { $0["data"]?["status"] != "Sold" && $0["data"]?["logoUrl"] == nil })
            // Filling in a logo takes the slot off the list.
            let slot = try #require(found.first)
            let updated = try await sandbox.result("update_a_wix_data_item_by_id", ["id": slot["id"]!, "dataCollectionId": "SponsorshipSlots", "data": ["logoUrl": "https://example.com/logo.png"]])
            #expect(updated["data"]?["logoUrl"] == "https://example.com/logo.png" && updated["data"]?["title"] == slot["data"]?["title"])
            let again = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "SponsorshipSlots", "filter": ["status": "Sold", "logoUrl": ["$exists": false]]])
            #expect(again.count == found.count - 1)
        }
    }

    /// Spend in the past year and whether the latest order is delayed, for one member.
    static func history(_ sandbox: SandboxHarness, member: String) async throws -> (total: Double, latestDelayed: Bool) {
        let orders = try await sandbox.all("wix_orders_search", [
            "filter": ["buyerInfo.memberId": .string(member), "createdDate": ["$gte": .string(isoDaysAgo(365))]],
            "sort": [["fieldName": "createdDate", "order": "DESC"]],
        ])
        let total = orders.compactMap { $0["priceSummary"]?["total"]?.doubleValue }.reduce(0, +)
        return (total, orders.first?["shippingInfo"]?["delayed"] == true)
    }

    @Test func vipMemberAtRiskGetsLabelled() async throws {
        try await withSandbox { sandbox in
            let member = try await sandbox.result("get_single_wix_member_by_id", ["id": "99382"])
            let contactID = try #require(member["contactId"]?.stringValue)
            #expect(contactID != "99382")
            let vip = try await Self.history(sandbox, member: "99382")
            #expect(vip.total > 1000 && vip.latestDelayed)
            let low = try await Self.history(sandbox, member: WorkflowFixtures.lowSpendMemberID)
            #expect(low.total < 1000 && low.latestDelayed)
            let onTime = try await Self.history(sandbox, member: WorkflowFixtures.onTimeMemberID)
            #expect(onTime.total > 1000 && !onTime.latestDelayed)

            #expect(try await sandbox.call("wix_contacts_label", ["id": "99382", "labelKeys": ["VIP-Risk"]]).status == 404, "a member id is not a contact id")
            let missing = try await sandbox.call("wix_contacts_label", ["id": .string(contactID), "labelKeys": ["Gold-Risk"]])
            #expect(missing.status == 400 && missing.json["message"]?.stringValue?.contains("create_a_wix_label") == true)
            let labelled = try await sandbox.result("wix_contacts_label", ["id": .string(contactID), "labelKeys": ["VIP-Risk", "custom.vip-risk"]])
            let keys = labelled["info"]?["labelKeys"]?.arrayValue ?? []
            #expect(keys.filter { $0 == "custom.vip-risk" }.count == 1 && keys.contains("custom.vip"))
            let unlabelled = try await sandbox.result("wix_contacts_unlabel", ["id": .string(contactID), "labelKeys": ["custom.vip-risk"]])
            #expect(unlabelled["info"]?["labelKeys"] == ["custom.vip"])
        }
    }

    @Test func cancelOrder12345Once() async throws {
        try await withSandbox { sandbox in
            let order = try await sandbox.result("get_single_wix_order_by_id", ["id": "12345"])
            #expect(order["status"] != "CANCELED")
            let canceled = try await sandbox.result("wix_orders_cancel", ["id": "12345", "sendOrderCanceledEmail": false])
            #expect(canceled["status"] == "CANCELED")
            #expect(try await sandbox.result("get_single_wix_order_by_id", ["id": "12345"])["status"] == "CANCELED")
            let again = try await sandbox.call("wix_orders_cancel", ["id": "12345"])
            #expect(again.status == 409)
            ProtocolTests.expectTrutoError(again.json, status: 409, mentioning: "already CANCELED")
            #expect(try await sandbox.call("wix_orders_cancel", ["id": "99999"]).status == 404)
        }
    }
}
