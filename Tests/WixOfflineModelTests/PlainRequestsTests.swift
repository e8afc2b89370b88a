import Foundation
import Testing
import TestSupport
@testable import WixAgentCore
@testable import WixOfflineModel

/// What a store owner would type, through the real agent loop and the offline model against the
/// sandbox. Each answer is checked against the site's own records, read here independently (every
/// page of each list), never against fixed strings. The day is Wednesday 11 June 2025, 9:00 in
/// Los Angeles (`OfflineSite`).
@Suite("Offline model: plain requests over the catalog", .serialized)
struct PlainRequestsTests {
    /// Every record of each resource, read page by page.
    struct Site {
        var orders: [JSONValue] = []
        var products: [JSONValue] = []
        var contacts: [JSONValue] = []
        var members: [JSONValue] = []
        var bookings: [JSONValue] = []
        var tasks: [JSONValue] = []
        var labels: [JSONValue] = []

        static func read(_ site: OfflineSite) async -> Site {
            func all(_ tool: String) async -> [JSONValue] {
                var records: [JSONValue] = []
                var cursor: String?
                repeat {
                    var arguments: [String: JSONValue] = ["limit": 100]
                    if let cursor { arguments["next_cursor"] = .string(cursor) }
                    let outcome = await ToolExecutor(source: ProxyToolSource(client: site.fixture.client))
                        .run(site.fixture.catalog.tool(named: tool)!, arguments: arguments, callID: CallKey.make(), emit: { _ in })
                    records += outcome.response["result"]?.arrayValue ?? []
                    cursor = outcome.response["next_cursor"]?.stringValue
                } while cursor != nil
                return records
            }
            return Site(orders: await all("list_all_wix_orders"), products: await all("list_all_wix_products"), contacts: await all("list_all_wix_contacts"),
                        members: await all("list_all_wix_members"), bookings: await all("list_all_wix_bookings"), tasks: await all("list_all_wix_tasks"),
                        labels: await all("list_all_wix_labels"))
        }
    }

    // MARK: Reading answers

    static func count(_ answer: String) -> Int? {
        TextPatterns.matches(of: #"\d[\d,]*"#, in: answer).first.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
    }

    static func money(_ answer: String) -> Double? {
        TextPatterns.groups(of: #"\$(\d[\d,]*\.\d\d)"#, in: answer).first.flatMap { Double($0[1].replacingOccurrences(of: ",", with: "")) }
    }

    static func lines(_ answer: String) -> [String] {
        answer.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
    }

    static func numbers(_ answer: String) -> [String] {
        TextPatterns.groups(of: #"\bnumber (\d+)"#, in: answer).map { $0[1] }
    }

    // MARK: Facts of the site

    /// Midnight of a day in Los Angeles (PDT, UTC-7 in these months).
    static func la(_ day: String) -> Date { ISO8601DateFormatter().date(from: day + "T07:00:00Z")! }
    static let june = (la("2025-06-01"), la("2025-07-01"))
    static let may = (la("2025-05-01"), la("2025-06-01"))
    static let april = (la("2025-04-01"), la("2025-05-01"))
    static let week = (la("2025-06-08"), la("2025-06-15"))
    static let today = (la("2025-06-11"), la("2025-06-12"))
    static let lastThirtyDays = (OfflineSite.now.addingTimeInterval(-30 * 86_400), OfflineSite.now)

    static func within(_ record: JSONValue, _ path: String, _ span: (Date, Date)) -> Bool {
        guard let date = OfflineSite.date(record.values(atPath: path).first?.stringValue) else { return false }
        return date >= span.0 && date < span.1
    }

    static func total(_ order: JSONValue) -> Double { order["priceSummary"]?["total"]?.doubleValue ?? 0 }
    static func price(_ product: JSONValue) -> Double { product["priceData"]?["price"]?.doubleValue ?? 0 }
    static func revenue(_ orders: [JSONValue]) -> Double {
        orders.filter { $0["status"] != "CANCELED" }.map(total).reduce(0, +)
    }

    /// One phrasing and how its answer is checked against the site.
    struct Case: CustomStringConvertible, Sendable {
        var prompt: String
        var check: @Sendable (String, Site) -> Void
        var description: String { prompt }

        /// An answer that counts the records `matching` selects.
        static func count(_ prompt: String, _ matching: @escaping @Sendable (Site) -> [JSONValue]) -> Case {
            Case(prompt: prompt) { answer, site in
                #expect(PlainRequestsTests.count(answer) == matching(site).count, "\(prompt) → \(answer)")
            }
        }

        /// An answer that adds up `matching`'s amounts.
        static func sum(_ prompt: String, _ matching: @escaping @Sendable (Site) -> Double) -> Case {
            Case(prompt: prompt) { answer, site in
                let said = PlainRequestsTests.money(answer) ?? -1
                #expect(abs(said - matching(site)) < 0.01, "\(prompt) → \(answer) (site: \(matching(site)))")
            }
        }

        /// An answer listing records: each line satisfies `holds`, and it lists as many as match up to `limit`.
        static func list(_ prompt: String, limit: Int = 10, matching: @escaping @Sendable (Site) -> Int, _ holds: @escaping @Sendable (String, Site) -> Bool) -> Case {
            Case(prompt: prompt) { answer, site in
                let lines = PlainRequestsTests.lines(answer)
                let expected = min(limit, matching(site))
                #expect(lines.count == expected, "\(prompt) → \(answer)")
                if expected == 0 { #expect(answer.hasPrefix("No "), "\(prompt) → \(answer)") }
                for line in lines { #expect(holds(line, site), "\(prompt): \(line)") }
            }
        }
    }

    static func order(_ number: String, _ site: Site) -> JSONValue? { site.orders.first { $0["number"]?.stringValue == number } }
    static func product(named line: String, _ site: Site) -> JSONValue? {
        let name = (line.components(separatedBy: " · ").first ?? line).replacingOccurrences(of: "name ", with: "")
        return site.products.first { $0["name"]?.stringValue == name }
    }

    static let cases: [Case] = [
        // Counting orders
        .count("How many orders are there?") { $0.orders },
        .count("how many orders do we have") { $0.orders },
        .count("count the orders") { $0.orders },
        .count("What's the number of orders?") { $0.orders },
        .count("how many canceled orders are there?") { $0.orders.filter { $0["status"] == "CANCELED" } },
        .count("How many cancelled orders?") { $0.orders.filter { $0["status"] == "CANCELED" } },
        .count("how many paid orders?") { $0.orders.filter { $0["paymentStatus"] == "PAID" } },
        .count("how many unpaid orders") { $0.orders.filter { $0["paymentStatus"] == "NOT_PAID" } },
        .count("how many unfulfilled orders are there") { $0.orders.filter { $0["fulfillmentStatus"] == "NOT_FULFILLED" } },
        .count("how many orders were placed this month?") { $0.orders.filter { within($0, "createdDate", june) } },
        .count("how many orders last month?") { $0.orders.filter { within($0, "createdDate", may) } },
        .count("How many orders did we get in April?") { $0.orders.filter { within($0, "createdDate", april) } },
        .count("how many orders in the last 30 days") { $0.orders.filter { within($0, "createdDate", lastThirtyDays) } },
        .count("how many orders today?") { $0.orders.filter { within($0, "createdDate", today) } },
        .count("how many orders over $500?") { $0.orders.filter { total($0) > 500 } },
        .count("How many orders are under $50") { $0.orders.filter { total($0) < 50 } },
        .count("how many orders from john.doe@example.com?") { $0.orders.filter { $0["buyerInfo"]?["email"] == "john.doe@example.com" } },
        .count("how many canceled orders last month") { $0.orders.filter { $0["status"] == "CANCELED" && within($0, "createdDate", may) } },
        // Products, customers, members
        .count("how many products are there?") { $0.products },
        .count("how many products cost more than $100?") { $0.products.filter { price($0) > 100 } },
        .count("how many products under $20?") { $0.products.filter { price($0) < 20 } },
        .count("count items cheaper than $15") { $0.products.filter { price($0) < 15 } },
        .count("how many customers do we have?") { $0.contacts },
        .count("How many contacts are in the CRM?") { $0.contacts },
        .count("how many members?") { $0.members },
        .count("how many users signed up this month?") { $0.members.filter { within($0, "createdDate", june) } },
        .count("how many members joined last month") { $0.members.filter { within($0, "createdDate", may) } },
        // Bookings
        .count("how many bookings are there?") { $0.bookings },
        .count("how many appointments are confirmed?") { $0.bookings.filter { $0["status"] == "CONFIRMED" } },
        .count("how many upcoming appointments?") { $0.bookings.filter { within($0, "startDate", (OfflineSite.now, .distantFuture)) } },
        .count("how many bookings this week?") { $0.bookings.filter { within($0, "startDate", week) } },
        .count("how many canceled bookings") { $0.bookings.filter { $0["status"] == "CANCELED" } },
        // Tasks and labels (listed, then filtered by the model)
        .count("how many tasks?") { $0.tasks },
        .count("how many open tasks?") { $0.tasks.filter { $0["status"] == "ACTION_NEEDED" } },
        .count("how many completed tasks") { $0.tasks.filter { $0["status"] == "COMPLETED" } },
        .count("how many high priority tasks are there?") { $0.tasks.filter { $0["priority"] == "HIGH" } },
        .count("how many tasks are due this week?") { $0.tasks.filter { within($0, "dueDate", week) } },
        .count("how many labels are there") { $0.labels },
        // Totals
        .sum("how much revenue this month?") { revenue($0.orders.filter { within($0, "createdDate", june) }) },
        .sum("what were total sales last month?") { revenue($0.orders.filter { within($0, "createdDate", may) }) },
        .sum("How much revenue have we made in total?") { revenue($0.orders) },
        .sum("how much did john.doe@example.com spend?") { revenue($0.orders.filter { $0["buyerInfo"]?["email"] == "john.doe@example.com" }) },
        .sum("revenue in the last 30 days") { revenue($0.orders.filter { within($0, "createdDate", lastThirtyDays) }) },
        // Lists
        .list("show me products under $20", matching: { $0.products.filter { price($0) < 20 }.count }) { line, site in
            product(named: line, site).map { price($0) < 20 } ?? false
        },
        .list("list products over $150", matching: { $0.products.filter { price($0) > 150 }.count }) { line, site in
            product(named: line, site).map { price($0) > 150 } ?? false
        },
        .list("list canceled orders", matching: { $0.orders.filter { $0["status"] == "CANCELED" }.count }) { line, site in
            numbers(line).first.flatMap { order($0, site) }?["status"] == "CANCELED"
        },
        .list("show orders from john.doe@example.com", matching: { $0.orders.filter { $0["buyerInfo"]?["email"] == "john.doe@example.com" }.count }) { line, _ in
            line.contains("john.doe@example.com")
        },
        .list("list orders over $1000", matching: { $0.orders.filter { total($0) > 1000 }.count }) { line, site in
            numbers(line).first.flatMap { order($0, site) }.map { total($0) > 1000 } ?? false
        },
        .list("show unpaid orders", matching: { $0.orders.filter { $0["paymentStatus"] == "NOT_PAID" }.count }) { line, site in
            numbers(line).first.flatMap { order($0, site) }?["paymentStatus"] == "NOT_PAID"
        },
        .list("show products named 'Coffee'", matching: { $0.products.filter { $0["name"]?.stringValue?.contains("Coffee") == true }.count }) { line, _ in
            line.contains("Coffee")
        },
        .list("list confirmed bookings", matching: { $0.bookings.filter { $0["status"] == "CONFIRMED" }.count }) { line, _ in line.contains("CONFIRMED") },
        .list("list my open tasks", matching: { $0.tasks.filter { $0["status"] == "ACTION_NEEDED" }.count }) { line, _ in line.contains("ACTION_NEEDED") },
        .list("show high priority tasks", matching: { $0.tasks.filter { $0["priority"] == "HIGH" }.count }) { line, _ in line.contains("HIGH") },
        .list("list the labels", matching: { $0.labels.count }) { line, site in
            site.labels.contains { line.hasPrefix("name " + ($0["displayName"]?.stringValue ?? "-")) }
        },
        .list("find customer john.doe@example.com", matching: { $0.contacts.filter { $0.compactText.contains("john.doe@example.com") }.count }) { line, _ in
            line.contains("John Doe")
        },
        Case(prompt: "show the 5 most expensive products") { answer, site in
            let top = site.products.sorted { price($0) > price($1) }.prefix(5).map { price($0) }
            #expect(lines(answer).compactMap { product(named: $0, site).map(price) } == Array(top), "\(answer)")
        },
        Case(prompt: "cheapest 3 products") { answer, site in
            let bottom = site.products.sorted { price($0) < price($1) }.prefix(3).map { price($0) }
            #expect(lines(answer).compactMap { product(named: $0, site).map(price) } == Array(bottom), "\(answer)")
        },
        Case(prompt: "show the latest orders") { answer, site in
            let newest = site.orders.max { ($0["createdDate"]?.stringValue ?? "") < ($1["createdDate"]?.stringValue ?? "") }
            #expect(numbers(answer).first == newest?["number"]?.stringValue, "\(answer)")
        },
        // Words that look like other intents, and numbers that are not records.
        .count("How many new orders were placed this month?") { $0.orders.filter { within($0, "createdDate", june) } },
        .sum("Add up last month's revenue") { revenue($0.orders.filter { within($0, "createdDate", may) }) },
        .sum("what was the revenue of canceled orders?") { $0.orders.filter { $0["status"] == "CANCELED" }.map(total).reduce(0, +) },
        .count("how many orders over 10200 were cancelled?") { $0.orders.filter { $0["status"] == "CANCELED" && total($0) > 10200 } },
        .list("show me orders over 500", matching: { $0.orders.filter { total($0) > 500 }.count }) { line, site in
            numbers(line).first.flatMap { order($0, site) }.map { total($0) > 500 } ?? false
        },
        .list("List the canceled orders from the last 100 days", matching: { data in
            data.orders.filter { $0["status"] == "CANCELED" && within($0, "createdDate", (OfflineSite.now.addingTimeInterval(-100 * 86_400), OfflineSite.now)) }.count
        }) { line, site in numbers(line).first.flatMap { order($0, site) }?["status"] == "CANCELED" },
        // A filter it cannot place is not silently dropped: the answer says it is about all of them.
        Case(prompt: "how many orders from Jane Smith?") { answer, site in
            #expect(count(answer) == site.orders.count && answer.contains("no filter I can apply"), "\(answer)")
        },
        // One record
        Case(prompt: "order ID 12345") { answer, site in
            #expect(numbers(answer) == [site.orders.first { $0["id"] == "12345" }?["number"]?.stringValue ?? "-"], "\(answer)")
        },
        Case(prompt: "look up booking 847294") { answer, site in
            let title = site.bookings.first { $0["id"] == "847294" }?["bookedEntity"]?["title"]?.stringValue ?? "-"
            #expect(answer.contains(title), "\(answer)")
        },
    ]

    @Test func aStoreOwnersRequestsAreAnsweredFromTheSitesData() async throws {
        #expect(Self.cases.count >= 60, "a table of at least 60 phrasings with the conversations below")
        let site = try await OfflineSite.start()
        let data = await Site.read(site)
        for phrasing in Self.cases {
            let (answer, _) = await site.run(phrasing.prompt)
            #expect(!answer.hasPrefix("I'm the offline demo model"), "not understood: \(phrasing.prompt)")
            phrasing.check(answer, data)
        }
        // An order is named by the number its buyer sees.
        let number = try #require(data.orders.last?["number"]?.stringValue)
        let (shown, _) = await site.run("show order \(number)")
        #expect(Self.numbers(shown) == [number], "\(shown)")
        await site.stop()
    }

    /// Requests that lean on the one before, and writes on a record named as people name it.
    @Test func followUpsAndWritesActOnWhatTheConversationNamed() async throws {
        let site = try await OfflineSite.start()
        let data = await Site.read(site)
        let canceled = data.orders.filter { $0["status"] == "CANCELED" }
        let listed = await site.conversation(["list canceled orders", "next page", "the second one"])
        let first = Self.numbers(listed[0]), next = Self.numbers(listed[1])
        #expect(first.count == min(10, canceled.count) && Set(first).isDisjoint(with: next), "\(listed)")
        #expect(next.allSatisfy { Self.order($0, data)?["status"] == "CANCELED" } && next.count == min(10, max(0, canceled.count - 10)), "\(listed[1])")
        #expect(Self.numbers(listed[2]) == [next.count > 1 ? next[1] : "-"], "the second of the last list: \(listed[2])")

        let months = await site.conversation(["how many orders this month", "what about last month?", "and canceled ones?"])
        #expect(Self.count(months[1]) == data.orders.filter { Self.within($0, "createdDate", Self.may) }.count, "\(months)")
        #expect(Self.count(months[2]) == data.orders.filter { Self.within($0, "createdDate", Self.may) && $0["status"] == "CANCELED" }.count, "\(months)")

        // A write needs one record the person named: never a record read on the way, never "them".
        let vague = await site.conversation(["How many confirmed bookings this week?", "Cancel them", "show order \(first.first ?? "-")",
                                             "cancel everything from this month", "what about last month?"])
        let untouched = await Site.read(site)
        #expect(untouched.bookings.filter { $0["status"] == "CANCELED" }.count == data.bookings.filter { $0["status"] == "CANCELED" }.count, "\(vague)")
        #expect(untouched.orders.filter { $0["status"] == "CANCELED" }.count == canceled.count, "\(vague)")
        #expect(vague[1].contains("one record at a time") && vague[3].contains("one record at a time"), "\(vague)")

        // "Cancel order 10466" names the order by the number its buyer sees; "cancel it" the one just shown.
        let open = data.orders.filter { $0["status"] == "APPROVED" }.compactMap { $0["number"]?.stringValue }
        try #require(open.count >= 2)
        let byNumber = await site.conversation(["cancel order \(open[0])"])
        let shownThenCanceled = await site.conversation(["show order \(open[1])", "cancel it"])
        let after = await Site.read(site)
        #expect(Self.order(open[0], after)?["status"] == "CANCELED", "\(byNumber)")
        #expect(Self.order(open[1], after)?["status"] == "CANCELED", "\(shownThenCanceled)")
        #expect(after.orders.filter { $0["status"] == "CANCELED" }.count == canceled.count + 2, "no other order changed")
        await site.stop()
    }

    /// A create takes what the schema requires from the request, and asks for what is missing
    /// instead of guessing.
    @Test func aCreateAsksForWhatItsSchemaRequiresAndIsNotGiven() async throws {
        let site = try await OfflineSite.start()
        let before = await Site.read(site)
        let asked = await site.conversation(["add a task"])
        #expect(asked[0].contains("title") && asked[0].contains("due date"), "\(asked)")
        let created = await site.conversation(["create a label called 'Gold Customers'"])
        let after = await Site.read(site)
        await site.stop()
        #expect(after.tasks.count == before.tasks.count, "nothing guessed, nothing created")
        #expect(after.labels.contains { $0["displayName"] == "Gold Customers" } && after.labels.count == before.labels.count + 1, "\(created)")
    }

    /// What the first screen offers for a catalog is understood: its own requests, then the sample workflows.
    @Test func theExamplesOfferedForTheCatalogAreUnderstood() async throws {
        let site = try await OfflineSite.start()
        let examples = ExampleRequests.make(site.fixture.catalog.specs)
        #expect(examples.count >= 3 + SamplePrompts.all.count && Array(examples.suffix(SamplePrompts.all.count)) == SamplePrompts.all)
        for example in examples.dropLast(SamplePrompts.all.count) {
            let (answer, _) = await site.run(example)
            #expect(!answer.hasPrefix("I'm the offline demo model") && !answer.hasPrefix("FAILED"), "\(example) → \(answer)")
        }
        await site.stop()
    }

    /// A catalog's own methods are understood by name: `wix_orders_archive` archives an order.
    @Test func aCatalogsOwnMethodIsAWriteByItsName() {
        let object: JSONValue = ["type": "object", "properties": ["id": ["type": "string"]]]
        let schemas: [String: JSONValue] = ["list_all_wix_orders": ["type": "object"], "wix_orders_archive": object, "create_a_wix_order": object,
                                            "wix_orders_refresh_cache_now": object]
        let orders = CatalogResource.read(schemas).first { $0.name == "orders" }
        #expect(orders?.writes == ["archive"], "one word beside the resource's is a method; a create is not a write on a record")
        let reading = orders.flatMap { RequestReading.read("archive order 10466", resources: [$0], now: OfflineSite.now, timeZone: OfflineSite.timeZone) }
        #expect(reading?.intent == .write(verb: "archive", record: "10466"))
        let create = orders.flatMap { RequestReading.read("create order 10466", resources: [$0], now: OfflineSite.now, timeZone: OfflineSite.timeZone) }
        #expect(create?.intent == .get("10466"), "never a create with an id: \(String(describing: create?.intent))")
    }
}
