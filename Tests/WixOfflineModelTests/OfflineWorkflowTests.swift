import Foundation
import Testing
import WixSandbox
@testable import WixAgentCore
@testable import WixOfflineModel

/// The nine sample workflows and rephrasings, through the real agent loop against the sandbox.
/// Expected answers come from direct queries of the site, never from lists written here.
@Suite("Offline model: the sample workflows end to end")
struct OfflineWorkflowTests {
    // MARK: 1. Out-of-stock products of a collection

    @Test(arguments: ["Summer Collection", "Winter Essentials"])
    func outOfStockProductsOfACollection(collection: String) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Find all physical products in the store that currently have an inventory count of zero and are tagged as '\(collection)'.")
        let expected = await site.query("wix_stores_products_query", ["$and": [["collections": ["$hasSome": [.string(collection)]]], ["productType": "physical"], ["stock.quantity": 0]]])
        await site.stop()
        #expect(!expected.isEmpty)
        #expect(answer.hasPrefix("\(expected.count) physical product"))
        for product in expected {
            #expect(answer.contains(product["sku"]!.stringValue!), "\(answer)")
        }
    }

    @Test func aCollectionThatDoesNotExistGetsAnHonestAnswer() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Find all physical products with an inventory count of zero tagged as 'Autumn Collection'.")
        await site.stop()
        #expect(answer.contains("No product is tagged 'Autumn Collection'"))
    }

    // MARK: 2. Create an order with a discount

    @Test(arguments: [
        ("john.doe@example.com", "Premium Coffee Beans", 5, 10.0),
        ("maria.garcia@example.com", "ESP-PRO-01", 2, 15.0),
    ])
    func createsTheOrderWithTheDiscount(email: String, product: String, quantity: Int, percent: Double) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Create a new Wix order for customer \(email) for \(quantity) units of the '\(product)' SKU, applying a \(Int(percent))% manual discount.")
        let order = try #require(await site.query("wix_orders_search", ["buyerInfo.email": .string(email)], sort: "createdDate", descending: true, limit: 1).first)
        await site.stop()
        let line = try #require(order["lineItems"]?.arrayValue?.first)
        #expect(line["productName"]?.stringValue == product || line["sku"]?.stringValue == product)
        #expect(line["quantity"]?.intValue == quantity)
        #expect(order["appliedDiscounts"]?.arrayValue?.first?["percentage"]?.doubleValue == percent)
        let subtotal = try #require(order["priceSummary"]?["subtotal"]?.doubleValue)
        #expect(abs((order["priceSummary"]?["discount"]?.doubleValue ?? 0) - subtotal * percent / 100) < 0.01)
        #expect(answer.contains("Created order #\(order["number"]!.stringValue!)"))
        #expect(answer.contains(Money.text(order["priceSummary"]!["total"]!)))
    }

    @Test func anUnknownProductCreatesNoOrder() async throws {
        let site = try await OfflineSite.start()
        let (answer, log) = await site.run("Create a new Wix order for customer john.doe@example.com for 2 units of the 'Decaf Pods' SKU.")
        await site.stop()
        #expect(answer.contains("There is no product named or with SKU 'Decaf Pods'"))
        #expect(!log.events.contains { if case .toolProposed(_, _, "create_a_wix_order", _, _, _, _, _) = $0 { true } else { false } })
    }

    // MARK: 3. New members without photo and bio

    @Test(arguments: [
        ("joined in the last 30 days but have not updated their profile picture or bio", 30, true),
        ("signed up in the past 20 days without a profile photo", 20, false),
    ])
    func recentMembersWithoutProfile(phrase: String, days: Int, bio: Bool) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Query the member directory for all users who \(phrase).")
        let since = RelativeDate.iso(OfflineSite.now.addingTimeInterval(-Double(days) * 86400), timeZone: OfflineSite.timeZone)
        var parts: [JSONValue] = [["createdDate": ["$gte": .string(since)]], ["profile.photo": ["$exists": false]]]
        if bio { parts.append(["about": ["$exists": false]]) }
        let expected = await site.query("wix_members_query", ["$and": .array(parts)])
        await site.stop()
        #expect(!expected.isEmpty)
        #expect(answer.hasPrefix(AnswerFormat.count(expected.count, "member")))
        for member in expected { #expect(answer.contains(member["loginEmail"]!.stringValue!)) }
    }

    // MARK: 4. Listings of a data collection

    @Test(arguments: [(5, 800_000.0, "$800,000"), (2, 1_200_000.0, "1.2m")])
    func topListingsUnderAPrice(top: Int, cap: Double, written: String) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Query the 'RealEstateListings' data collection and return the top \(top) properties located in downtown Seattle that are priced under \(written).")
        let expected = await site.query("wix_data_items_query", ["city": "Seattle", "neighborhood": "Downtown", "price": ["$lt": .number(cap)]],
                                        sort: "price", descending: true, limit: top, extra: ["dataCollectionId": "RealEstateListings"])
        await site.stop()
        #expect(!expected.isEmpty, "the seed has such listings")
        let titles = expected.map { $0["data"]!["title"]!.stringValue! }
        let positions = titles.compactMap { answer.range(of: $0)?.lowerBound }
        #expect(positions.count == titles.count && positions == positions.sorted(), "\(answer)")
        #expect(answer.contains("highest first"))
    }

    @Test func anUnknownCollectionIsSaidSo() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Query the 'CondoListings' data collection and return the top 5 properties in downtown Seattle under $800,000.")
        await site.stop()
        #expect(answer.contains("could not read the data collection 'CondoListings'"))
        #expect(answer.contains("RealEstateListings"), "the site's message lists the collections")
    }

    // MARK: 5. A CRM task about a contact

    @Test(arguments: [
        ("Create a high-priority task in the Wix CRM for the sales team to call back Jane Smith regarding her bulk order inquiry, due by tomorrow at 5 PM.",
         "Jane", "HIGH", "Sales", "2025-06-13T00:00:00Z"),
        ("Create a low priority task for the support team to email Maria Garcia about her workshop refund, due Friday at 9:30 AM.",
         "Maria", "LOW", "Support", "2025-06-13T16:30:00Z"),
    ])
    func createsTheTask(prompt: String, first: String, priority: String, team: String, dueUTC: String) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run(prompt)
        let (task, _) = await site.newestTask()
        let contact = try #require(await site.query("wix_contacts_query", ["info.name.first": .string(first)]).first)
        await site.stop()
        let created = try #require(task)
        #expect(created["priority"]?.stringValue == priority)
        #expect(created["assignee"]?["team"]?.stringValue == team)
        #expect(created["contactId"] == contact["id"])
        #expect(OfflineSite.date(created["dueDate"]?.stringValue) == OfflineSite.date(dueUTC))
        #expect(answer.contains("Assigned to the \(team) team"))
    }

    @Test func anEditedAndApprovedTaskIsReportedAsCreated() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run(SamplePrompts.all[4], policy: .askWrites, ask: { request in
            var arguments = request.arguments.objectValue ?? [:]
            arguments["priority"] = "LOW"
            return .editAndApprove(.object(arguments))
        })
        let (task, _) = await site.newestTask()
        await site.stop()
        #expect(task?["priority"] == "LOW", "the edited arguments ran")
        #expect(!answer.hasPrefix("I did not create the task"), "\(answer)")
        #expect(answer.contains("Assigned to the Sales team"), "\(answer)")
    }

    @Test func aRejectedTaskIsReportedHonestly() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run(SamplePrompts.all[4], policy: .readOnly)
        let (task, _) = await site.newestTask()
        await site.stop()
        #expect(answer.hasPrefix("I did not create the task:"))
        #expect(task?["title"]?.stringValue?.contains("Jane Smith") != true)
    }

    @Test func anUnknownPersonGetsNoTask() async throws {
        let site = try await OfflineSite.start()
        let before = await site.newestTask().total
        let (answer, _) = await site.run("Create a task for the sales team to call back Zed Nobody, due tomorrow.")
        let after = await site.newestTask().total
        await site.stop()
        #expect(answer.contains("no contact named Zed Nobody"))
        #expect(before == after)
    }

    // MARK: 6. Reschedule a booking

    @Test func reschedulesAppointment847294ToNextThursdayWithTheNote() async throws {
        let site = try await OfflineSite.start()
        let before = try #require(await site.result("get_single_wix_booking_by_id", ["id": "847294"]))
        let (answer, _) = await site.run(SamplePrompts.all[5])
        let after = try #require(await site.result("get_single_wix_booking_by_id", ["id": "847294"]))
        await site.stop()
        // Wednesday June 11 → "next Thursday" is June 12; 3 PM in Los Angeles is 22:00 UTC.
        #expect(OfflineSite.date(after["startDate"]?.stringValue) == OfflineSite.date("2025-06-12T22:00:00Z"))
        #expect(Self.minutes(after) == Self.minutes(before))
        let notes = after["notes"]?.stringValue ?? ""
        #expect(notes.hasPrefix(before["notes"]!.stringValue!))
        #expect(notes.contains("The client requested the change due to a schedule conflict."))
        #expect(answer.contains("Thursday, June 12, 2025 at 3:00 PM"))
    }

    @Test func reschedulesAnotherBookingWithoutANote() async throws {
        let site = try await OfflineSite.start()
        let other = try #require(await site.query("wix_bookings_query", ["status": "CONFIRMED", "startDate": ["$gte": "2025-06-20T00:00:00Z"]], sort: "startDate", limit: 1).first)
        let id = other["id"]!.stringValue!
        let (answer, _) = await site.run("Move booking \(id) to tomorrow at 11:15 AM.")
        let after = try #require(await site.result("get_single_wix_booking_by_id", ["id": .string(id)]))
        await site.stop()
        #expect(OfflineSite.date(after["startDate"]?.stringValue) == OfflineSite.date("2025-06-12T18:15:00Z"), "\(answer)")
        #expect(Self.minutes(after) == Self.minutes(other))
        #expect(after["notes"] == other["notes"])
    }

    static func minutes(_ booking: JSONValue) -> Double? {
        guard let start = OfflineSite.date(booking["startDate"]?.stringValue), let end = OfflineSite.date(booking["endDate"]?.stringValue) else { return nil }
        return end.timeIntervalSince(start) / 60
    }

    // MARK: 7. Audit a collection and create one task

    @Test(arguments: ["Sold", "Reserved"])
    func auditCreatesOneTaskNamingEverySlot(status: String) async throws {
        let site = try await OfflineSite.start()
        let before = await site.newestTask().total
        let (answer, _) = await site.run("Audit the 'SponsorshipSlots' data collection. Find any slots marked as '\(status)' that do not have an associated sponsor logo URL, and create a CRM task for the design team to follow up.")
        let (task, after) = await site.newestTask()
        let slots = await site.query("wix_data_items_query", ["status": .string(status), "logoUrl": ["$exists": false]], extra: ["dataCollectionId": "SponsorshipSlots"])
        await site.stop()
        #expect(!slots.isEmpty)
        #expect(after == before + 1)
        let description = try #require(task?["description"]?.stringValue)
        #expect(task?["assignee"]?["team"] == "Design")
        for slot in slots {
            #expect(description.contains(slot["id"]!.stringValue!))
            #expect(answer.contains(slot["id"]!.stringValue!))
        }
        #expect(answer.contains("Found \(slots.count) '\(status)' items"))
    }

    @Test func auditOfACollectionWithoutSuchAFieldCreatesNoTask() async throws {
        let site = try await OfflineSite.start()
        let before = await site.newestTask().total
        let (answer, _) = await site.run("Audit the 'Testimonials' data collection. Find entries marked as 'Sold' that do not have a logo URL, and create a task for the design team.")
        let after = await site.newestTask().total
        await site.stop()
        #expect(answer.contains("has no field matching"))
        #expect(before == after)
    }

    // MARK: 8. Label a member's contact when spend and delay say so

    static func vipPrompt(_ member: String) -> String {
        "Look up the recent order history for member ID \(member). If they have spent more than $1,000 total in the past year and their last order was delayed, add a 'VIP-Risk' label to their contact record."
    }

    /// The label keys of the contact of a member.
    static func labels(ofMember id: String, _ site: OfflineSite) async -> [String] {
        guard let contactID = await site.result("get_single_wix_member_by_id", ["id": .string(id)])?["contactId"] else { return [] }
        let contact = await site.result("get_single_wix_contact_by_id", ["id": contactID])
        return contact?["info"]?["labelKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func labelsTheContactOfMember99382NotTheMemberID() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run(Self.vipPrompt("99382"))
        let labels = await Self.labels(ofMember: "99382", site)
        let memberAsContact = await site.result("get_single_wix_contact_by_id", ["id": "99382"])
        await site.stop()
        #expect(labels.contains("custom.vip-risk"))
        #expect(memberAsContact == nil, "no contact has the member id")
        #expect(answer.contains("Both conditions hold"))
    }

    @Test(arguments: [("64410", "the last order was not delayed"), ("51207", "they spent $1,000.00 or less")])
    func distractorsAreNotLabelled(member: String, reason: String) async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run(Self.vipPrompt(member))
        let labels = await Self.labels(ofMember: member, site)
        await site.stop()
        #expect(!labels.contains("custom.vip-risk"))
        #expect(answer.contains("I did not add the 'VIP-Risk' label: \(reason)"), "\(answer)")
    }

    @Test func cancelingTheDelayedOrderChangesTheOutcome() async throws {
        let site = try await OfflineSite.start()
        let latest = try #require(await site.query("wix_orders_search", ["buyerInfo.memberId": "99382"], sort: "createdDate", descending: true, limit: 1).first)
        #expect(latest["shippingInfo"]?["delayed"] == true)
        _ = await site.result("wix_orders_cancel", ["id": latest["id"]!])
        let (answer, _) = await site.run(Self.vipPrompt("99382"))
        let labels = await Self.labels(ofMember: "99382", site)
        await site.stop()
        #expect(!labels.contains("custom.vip-risk"))
        #expect(answer.contains("the last order was not delayed"), "\(answer)")
    }

    @Test func aDelayInTheSeedOfAnotherMemberGetsThemLabelled() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("offline-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Seed the site on disk, then mark the latest order of member 64410 (over $1,000, on time) delayed.
        // (The sandbox seeds and saves the site with the first request that needs it.)
        let seeding = try await OfflineSite.start(dataDirectory: directory)
        #expect(await seeding.result("list_all_wix_orders", ["limit": 1]) != nil)
        await seeding.stop()
        let file = directory.appendingPathComponent("sandbox/site.json")
        var site = try JSONValue.parse(Data(contentsOf: file))
        var orders = site["tables"]!["orders"]!.arrayValue!
        let index = try #require(orders.indices.filter { orders[$0]["buyerInfo"]?["memberId"] == "64410" }
            .max { orders[$0]["createdDate"]!.stringValue! < orders[$1]["createdDate"]!.stringValue! })
        orders[index] = Self.setting(orders[index], "shippingInfo", Self.setting(orders[index]["shippingInfo"]!, "delayed", true))
        site = Self.setting(site, "tables", Self.setting(site["tables"]!, "orders", .array(orders)))
        try site.data.write(to: file)

        let changed = try await OfflineSite.start(dataDirectory: directory)
        let (answer, _) = await changed.run(Self.vipPrompt("64410"))
        let labels = await Self.labels(ofMember: "64410", changed)
        await changed.stop()
        #expect(labels.contains("custom.vip-risk"), "\(answer)")
    }

    static func setting(_ object: JSONValue, _ key: String, _ value: JSONValue) -> JSONValue {
        var members = object.objectValue!
        members[key] = value
        return .object(members)
    }

    // MARK: 9. Cancel an order, and what the model does not understand

    @Test func aRejectedCancelGivesTheUsersReasonNotTheAdviceToTheModel() async throws {
        let site = try await OfflineSite.start()
        let (answer, _) = await site.run("Check order 12345 and cancel it", policy: .askWrites,
                                         ask: { _ in .reject(reason: "customer changed mind") })
        await site.stop()
        #expect(answer.contains("I did not cancel it: ") && answer.contains("rejected") && answer.contains("customer changed mind"), "\(answer)")
        #expect(!answer.contains(Agent.rejectionAdvice), "\(answer)")
    }

    @Test func cancelsAnotherOpenOrder() async throws {
        let site = try await OfflineSite.start()
        let open = try #require(await site.query("wix_orders_search", ["status": "APPROVED", "fulfillmentStatus": "NOT_FULFILLED", "id": ["$ne": "12345"]], limit: 1).first)
        let id = open["id"]!.stringValue!
        let (answer, _) = await site.run("Please check order \(id) and cancel it")
        let after = await site.result("get_single_wix_order_by_id", ["id": .string(id)])
        await site.stop()
        #expect(after?["status"] == "CANCELED")
        #expect(answer.contains("now canceled"))
    }

    /// Anything else: a short honest answer, two examples close to what was asked (each of which it
    /// then understands), and how to configure a real model.
    @Test(arguments: ["What's the weather like?", "Write a poem about my bookings"])
    func anythingElseGetsAShortHelpWithTwoExamplesItUnderstands(_ prompt: String) async throws {
        let site = try await OfflineSite.start()
        let (answer, log) = await site.run(prompt)
        #expect(log.outcomes.isEmpty || prompt.contains("bookings"))
        #expect(answer.contains("OPENAI_API_KEY") && answer.count < 900, "\(answer)")
        let examples = TextPatterns.groups(of: #""([^"]+)""#, in: answer).map { $0[1] }
        #expect(examples.count == 2, "\(answer)")
        if prompt.contains("bookings") { #expect(examples.allSatisfy { $0.contains("bookings") }, "close to what was asked: \(examples)") }
        for example in examples {
            let (reply, _) = await site.run(example)
            #expect(!reply.hasPrefix("I'm the offline demo model"), "\(example) → \(reply)")
        }
        await site.stop()
    }
}
