import Foundation
import Testing
import WixAgentCore
import WixSandbox

@Suite struct CatalogTests {
    static let requiredNames = [
        "list_all_wix_orders", "get_single_wix_order_by_id", "create_a_wix_order", "wix_orders_search", "wix_orders_cancel",
        "wix_stores_products_query", "wix_members_query", "get_single_wix_member_by_id", "wix_data_items_query", "create_a_wix_task",
        "wix_bookings_reschedule", "wix_contacts_label", "list_all_wix_products", "get_single_wix_product_by_id", "list_all_wix_members",
        "list_all_wix_data_collections", "get_single_wix_data_collection_by_id", "create_a_wix_data_item", "update_a_wix_data_item_by_id",
        "delete_a_wix_data_item_by_id", "list_all_wix_tasks", "update_a_wix_task_by_id", "list_all_wix_bookings", "get_single_wix_booking_by_id",
        "wix_bookings_cancel", "list_all_wix_contacts", "get_single_wix_contact_by_id", "wix_contacts_query", "wix_contacts_unlabel",
        "list_all_wix_labels", "create_a_wix_label",
    ]

    @Test func catalogHasTheRequiredToolsWithDescribedSchemas() async throws {
        try await withSandbox { sandbox in
            #expect(sandbox.tools.count >= 30)
            for name in Self.requiredNames { #expect(sandbox.tools[name] != nil, "missing \(name)") }
            for tool in sandbox.tools.values {
                #expect(tool.description.count > 30, "\(tool.name) needs a real description")
                let method = try #require(tool.proxy, "\(tool.name) is a proxy tool")
                for schema in [method.querySchema, method.bodySchema].compactMap({ $0 }) {
                    #expect(schema["type"] == "object")
                    Self.expectDescribed(schema, in: tool.name)
                }
                let known = method.queryKeys.union(method.bodyKeys)
                for key in tool.required { #expect(known.contains(key), "\(tool.name) requires unknown \(key)") }
                if method.takesPathID {
                    #expect(!method.bodyKeys.contains("id") && !method.queryKeys.contains("id"), "\(tool.name) must take id from the path")
                }
                if ["cancel", "reschedule", "label", "unlabel"].contains(method.method) {
                    #expect(method.queryKeys.contains("id") && tool.required.contains("id"), "\(tool.name) takes id as a query key")
                }
                #expect(!method.resource.contains("/"))
            }
        }
    }

    @Test func accessFollowsTheMethod() async throws {
        try await withSandbox { sandbox in
            let expected: [String: ToolAccess] = [
                "list_all_wix_orders": .read, "get_single_wix_order_by_id": .read, "wix_orders_search": .read, "wix_orders_count": .read,
                "wix_stores_products_query": .read, "create_a_wix_order": .write, "wix_orders_cancel": .write, "wix_bookings_reschedule": .write,
                "wix_contacts_label": .write, "update_a_wix_data_item_by_id": .write, "delete_a_wix_data_item_by_id": .write,
            ]
            for (name, access) in expected { #expect(sandbox.tools[name]?.access == access, "\(name)") }
        }
    }

    /// Every property, at any depth, says what it is.
    static func expectDescribed(_ schema: JSONValue, in tool: String) {
        for (key, property) in schema["properties"]?.objectValue ?? [:] {
            #expect(property["description"]?.stringValue?.isEmpty == false, "\(tool).\(key) has no description")
            #expect(property["type"] != nil, "\(tool).\(key) has no type")
            expectDescribed(property, in: tool)
            if let items = property["items"], items["properties"] != nil { expectDescribed(items, in: tool) }
        }
    }
}
