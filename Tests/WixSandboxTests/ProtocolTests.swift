import Foundation
import Testing
import WixAgentCore
import WixSandbox

/// The proxy method mapping (`ProxyMethod.request`), authentication and the Truto error shape, over real HTTP.
@Suite struct ProtocolTests {
    static let account = "integrated_account_id=\(SandboxServer.accountID)"

    static func expectTrutoError(_ json: JSONValue, status: Int, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(json["statusCode"]?.intValue == status, "\(json.compactText)", sourceLocation: sourceLocation)
        #expect(json["error"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(json["message"]?.stringValue?.contains(text) == true, "message should mention \(text): \(json.compactText)", sourceLocation: sourceLocation)
    }

    @Test func listAndGetMapToGETRequests() async throws {
        try await withSandbox { sandbox in
            let list = try #require(sandbox.tools["list_all_wix_orders"]).proxy!.request(arguments: ["limit": 5], accountID: SandboxServer.accountID)
            #expect(list.method == "GET" && list.path == "/proxy/orders")
            let page = try await sandbox.call("list_all_wix_orders", ["limit": 5])
            #expect(page.status == 200)
            let orders = try #require(page.json["result"]?.arrayValue)
            #expect(orders.count == 5)
            #expect(page.json["next_cursor"]?.stringValue != nil)
            let dates = orders.compactMap { $0["createdDate"]?.stringValue }
            #expect(dates == dates.sorted(by: >), "newest first")

            let id = try #require(orders[2]["id"]?.stringValue)
            let get = try #require(sandbox.tools["get_single_wix_order_by_id"]).proxy!.request(arguments: ["id": .string(id)], accountID: SandboxServer.accountID)
            #expect(get.method == "GET" && get.path == "/proxy/orders/\(id)")
            #expect(try await sandbox.result("get_single_wix_order_by_id", ["id": .string(id)]) == orders[2])

            let missing = try await sandbox.call("get_single_wix_order_by_id", ["id": "no-such-order"])
            #expect(missing.status == 404)
            Self.expectTrutoError(missing.json, status: 404, mentioning: "no-such-order")
        }
    }

    @Test func createUpdateDeleteMapToPOSTPATCHDELETE() async throws {
        try await withSandbox { sandbox in
            let jane = try await sandbox.result("wix_contacts_query", ["filter": ["primaryInfo.email": .string(WorkflowFixtures.janeSmithEmail)]])
            let janeID = try #require(jane.arrayValue?.first?["id"]?.stringValue)
            let args: [String: JSONValue] = ["title": "Call Jane", "dueDate": "2030-01-02T17:00:00.000Z", "contactId": .string(janeID)]
            #expect(sandbox.tools["create_a_wix_task"]!.proxy!.request(arguments: args, accountID: SandboxServer.accountID).method == "POST")
            let before = try await sandbox.all("list_all_wix_tasks").count
            let created = try await sandbox.result("create_a_wix_task", args)
            let id = try #require(created["id"]?.stringValue)
            #expect(created["priority"] == "MEDIUM" && created["status"] == "ACTION_NEEDED")
            #expect(try await sandbox.all("list_all_wix_tasks").count == before + 1)

            let update = sandbox.tools["update_a_wix_task_by_id"]!.proxy!.request(arguments: ["id": .string(id), "status": "COMPLETED"], accountID: SandboxServer.accountID)
            #expect(update.method == "PATCH" && update.path == "/proxy/tasks/\(id)" && update.body == ["status": "COMPLETED"])
            let updated = try await sandbox.result("update_a_wix_task_by_id", ["id": .string(id), "status": "COMPLETED", "priority": "LOW"])
            #expect(updated["status"] == "COMPLETED" && updated["priority"] == "LOW" && updated["title"] == "Call Jane")
            #expect(try await sandbox.result("get_single_wix_task_by_id", ["id": .string(id)]) == updated)

            let delete = sandbox.tools["delete_a_wix_task_by_id"]!.proxy!.request(arguments: ["id": .string(id)], accountID: SandboxServer.accountID)
            #expect(delete.method == "DELETE" && delete.body == nil)
            #expect(try await sandbox.result("delete_a_wix_task_by_id", ["id": .string(id)])["deleted"] == true)
            #expect(try await sandbox.call("get_single_wix_task_by_id", ["id": .string(id)]).status == 404)
            #expect(try await sandbox.all("list_all_wix_tasks").count == before)
        }
    }

    @Test func customMethodsPostToResourceSlashMethod() async throws {
        try await withSandbox { sandbox in
            let request = sandbox.tools["wix_orders_cancel"]!.proxy!.request(arguments: ["id": "12345", "restockAllItems": true], accountID: SandboxServer.accountID)
            #expect(request.method == "POST" && request.path == "/proxy/orders/cancel")
            #expect(request.query.contains { $0.name == "id" && $0.value == "12345" })
            let count = try await sandbox.result("wix_orders_count", ["filter": ["status": "APPROVED"]])
            let approved = try await sandbox.all("wix_orders_search", ["filter": ["status": "APPROVED"]])
            #expect(count["count"]?.intValue == approved.count && approved.count > 100)
        }
    }

    @Test func requestsWithoutTheTokenAre401() async throws {
        try await withSandbox { sandbox in
            for target in ["/integrated-account/\(SandboxServer.accountID)/tools", "/proxy/orders?\(Self.account)"] {
                let (status, json, reply) = try await sandbox.send("GET", target, authorized: false)
                #expect(status == 401)
                Self.expectTrutoError(json, status: 401, mentioning: "Bearer")
                #expect(reply.header("ratelimit-limit") != nil)
            }
            let wrong = try await sandbox.transport.send(method: "GET", url: sandbox.server.baseURL + "/proxy/orders?\(Self.account)", headers: [("authorization", "Bearer nope")])
            #expect(wrong.status == 401)
        }
    }

    @Test func unknownRoutesAccountsResourcesAndMethodsAre4xx() async throws {
        try await withSandbox { sandbox in
            let cases: [(String, String, Int, String)] = [
                ("GET", "/integrated-account/someone-else/tools", 404, "someone-else"),
                ("GET", "/proxy/orders?integrated_account_id=other", 404, "other"),
                ("GET", "/proxy/orders", 400, "integrated_account_id"),
                ("GET", "/proxy/widgets?\(Self.account)", 404, "widgets"),
                ("POST", "/proxy/orders/refund?\(Self.account)", 404, "refund"),
                ("PUT", "/proxy/orders/12345?\(Self.account)", 405, "PUT"),
                ("GET", "/v1/orders", 404, "No route"),
                ("GET", "/proxy/orders?\(Self.account)&limit=abc", 400, "limit"),
                ("GET", "/proxy/orders?\(Self.account)&limit=1000", 400, "limit"),
                ("GET", "/proxy/orders?\(Self.account)&colour=red", 400, "colour"),
                ("GET", "/proxy/orders?\(Self.account)&next_cursor=garbage", 400, "next_cursor"),
                ("GET", "/proxy/orders?\(Self.account)&integrated_account_id=other-site", 400, "given 2 times"),
                // A model-chosen cursor: offset Int.max used to trap the process (offset + limit).
                ("GET", "/proxy/orders?\(Self.account)&next_cursor=b2Zmc2V0OjkyMjMzNzIwMzY4NTQ3NzU4MDc%3D", 400, "does not point into"),
                ("GET", "/proxy/orders?\(Self.account)&next_cursor=b2Zmc2V0Ojk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", 400, "does not point into"),
                ("GET", "/proxy/orders?\(Self.account)&next_cursor=b2Zmc2V0Ois1", 400, "does not point into"),
                ("GET", "/proxy/orders?\(Self.account)&next_cursor=b2Zmc2V0OjEwMDAwMA%3D%3D", 400, "does not point into"),
            ]
            for (method, target, status, text) in cases {
                let result = try await sandbox.send(method, target, body: method == "POST" ? [:] : nil)
                #expect(result.status == status, "\(method) \(target): \(result.json.compactText)")
                Self.expectTrutoError(result.json, status: status, mentioning: text)
            }
            let raw = try await sandbox.transport.send(method: "POST", url: sandbox.server.baseURL + "/proxy/orders/search?\(Self.account)",
                                                       headers: [("authorization", "Bearer \(SandboxHarness.token)")], body: Data("{not json".utf8))
            #expect(raw.status == 400)
            Self.expectTrutoError(try JSONValue.parse(raw.body), status: 400, mentioning: "not valid JSON")
        }
    }

    @Test func badWritesAreRefusedAndChangeNothing() async throws {
        try await withSandbox { sandbox in
            let products = try await sandbox.all("list_all_wix_products")
            let orders = try await sandbox.all("list_all_wix_orders")
            let items = try await sandbox.all("wix_data_items_query", ["dataCollectionId": "RealEstateListings"])
            let tasks = try await sandbox.all("list_all_wix_tasks")
            let inStock = try #require(products.first { ($0["stock"]?["quantity"]?.intValue ?? 0) > 3 })
            let scarce = try #require(products.first { $0["stock"]?["quantity"]?.intValue == 0 })

            let cases: [(String, [String: JSONValue], Int, String)] = [
                ("create_a_wix_data_item", ["dataCollectionId": "RealEstateListings", "data": ["title": "X", "city": "Seattle", "price": "cheap"]], 400, "price must be NUMBER"),
                ("create_a_wix_data_item", ["dataCollectionId": "RealEstateListings", "data": ["title": "X", "city": "Seattle", "price": 1, "pool": true]], 400, "pool is not a field"),
                ("create_a_wix_data_item", ["dataCollectionId": "RealEstateListings", "data": ["title": "X", "price": 1]], 400, "city is required"),
                ("create_a_wix_data_item", ["dataCollectionId": "Castles", "data": ["title": "X"]], 404, "Castles"),
                ("wix_data_items_query", ["dataCollectionId": "Castles"], 404, "Unknown data collection 'Castles'"),
                ("update_a_wix_data_item_by_id", ["id": items[0]["id"]!, "dataCollectionId": "RealEstateListings", "data": ["bedrooms": "three"]], 400, "bedrooms"),
                ("update_a_wix_data_item_by_id", ["id": items[0]["id"]!, "dataCollectionId": "RealEstateListings", "data": ["title": .null]], 400, "title"),
                ("create_a_wix_task", ["title": "No due date"], 400, "dueDate: is required"),
                ("create_a_wix_task", ["title": "T", "dueDate": "tomorrow"], 400, "dueDate"),
                ("create_a_wix_task", ["title": "T", "dueDate": "2030-01-01", "priority": "URGENT"], 400, "priority"),
                ("create_a_wix_task", ["title": 5, "dueDate": "2030-01-01"], 400, "title: expected string"),
                ("update_a_wix_task_by_id", ["id": tasks[0]["id"]!], 400, "Nothing to update"),
                ("create_a_wix_order", ["lineItems": [["productId": inStock["id"]!, "quantity": 1], ["productId": scarce["id"]!, "quantity": 1]], "buyerInfo": ["email": .string(WorkflowFixtures.johnDoeEmail)]], 400, "lineItems[1]"),
                ("create_a_wix_order", ["lineItems": [["productId": inStock["id"]!, "quantity": 1]], "buyerInfo": ["email": "nobody@example.com"]], 400, "nobody@example.com"),
                ("create_a_wix_order", ["lineItems": [], "buyerInfo": ["email": .string(WorkflowFixtures.johnDoeEmail)]], 400, "lineItems"),
                ("create_a_wix_order", ["lineItems": [["productId": inStock["id"]!, "quantity": 1]], "buyerInfo": ["contactId": "x"], "discounts": [["percentage": 10, "amount": 5]]], 400, "buyerInfo.contactId"),
                ("wix_orders_search", ["filter": ["status": ["$between": [1, 2]]]], 400, "$between"),
                ("wix_orders_search", ["filter": ["$or": ["status": "APPROVED"]]], 400, "$or"),
                ("wix_stores_products_query", ["filter": ["priceData.price": ["$lt": ["x": 1]]]], 400, "$lt"),
                ("wix_contacts_label", ["id": "nope", "labelKeys": ["VIP"]], 404, "nope"),
                ("wix_bookings_reschedule", ["id": .string(WorkflowFixtures.appointmentID), "startDate": "next week"], 400, "startDate"),
            ]
            for (name, args, status, text) in cases {
                let (got, json) = try await sandbox.call(name, args)
                #expect(got == status, "\(name) \(args): \(json.compactText)")
                Self.expectTrutoError(json, status: status, mentioning: text)
            }
            #expect(try await sandbox.all("list_all_wix_products") == products)
            #expect(try await sandbox.all("list_all_wix_orders") == orders)
            #expect(try await sandbox.all("wix_data_items_query", ["dataCollectionId": "RealEstateListings"]) == items)
            #expect(try await sandbox.all("list_all_wix_tasks") == tasks)
        }
    }
}
