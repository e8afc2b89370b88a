import Foundation
import Testing

@Suite("wixagent tools", .serialized)
struct ToolsCommandTests {
    static let requiredNames = [
        "list_all_wix_orders", "get_single_wix_order_by_id", "create_a_wix_order", "wix_orders_search",
        "wix_orders_cancel", "wix_stores_products_query", "wix_members_query", "get_single_wix_member_by_id",
        "wix_data_items_query", "create_a_wix_task", "wix_bookings_reschedule", "wix_contacts_label",
    ]

    @Test func listJSONHasAtLeast30ToolsWithAccess() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["tools", "list", "--sandbox", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let tools = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(tools.count >= 30)
        let names = Set(tools.compactMap { $0["name"] as? String })
        for name in Self.requiredNames { #expect(names.contains(name), "missing \(name)") }
        let access = Dictionary(uniqueKeysWithValues: tools.map { ($0["name"] as! String, $0["access"] as? String) })
        #expect(access["wix_orders_cancel"] == "write")
        #expect(access["wix_orders_search"] == "read")
        #expect(tools.allSatisfy { !(($0["description"] as? String) ?? "").isEmpty })
    }

    @Test func showPrintsAReadableSchema() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["tools", "show", "wix_orders_cancel", "--sandbox"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("wix_orders_cancel  [write]"))
        #expect(run.stdout.contains("POST /proxy/"))
        #expect(run.stdout.contains("* id: string (required)"))

        let json = try await cli.run(["tools", "show", "get_single_wix_order_by_id", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let schema = try #require(object["input_schema"] as? [String: Any])
        #expect((schema["required"] as? [String])?.contains("id") == true)
    }

    @Test func anUnknownToolIsOneLineAndExit2() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["tools", "show", "orders_cancel"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no tool named \"orders_cancel\""))
        #expect(run.stderr.contains("wix_orders_cancel"))
    }
}
