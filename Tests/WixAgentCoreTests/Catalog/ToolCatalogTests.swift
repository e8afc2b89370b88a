import Testing
@testable import WixAgentCore

@Suite("Tool catalog")
struct ToolCatalogTests {
    static let getOrder = Tool(
        resource: "orders", method: "get", name: "get_single_wix_order_by_id", description: "Get one order.",
        querySchema: ["type": "object", "properties": ["fieldsets": ["type": "string"]]])
    static let createOrder = Tool(
        resource: "orders", method: "create", name: "create_a_wix_order", description: "Create an order.",
        querySchema: ["type": "object", "properties": ["dryRun": ["type": "boolean"]]],
        bodySchema: ["type": "object", "properties": ["lineItems": ["type": "array", "items": ["type": "object", "properties": ["quantity": ["type": "integer"]], "required": ["quantity"]]], "channel": ["type": "string", "enum": ["WEB", "POS"]]]],
        required: ["lineItems"])
    static let cancelOrder = Tool(
        resource: "orders", method: "cancel", name: "wix_orders_cancel", description: "Cancel an order.",
        querySchema: ["type": "object", "properties": ["id": ["type": "string"]]],
        bodySchema: ["type": "object", "properties": ["reason": ["type": "string"]]],
        required: ["id"])

    @Test func flatSchemaUnitesQueryAndBodyAndRequiresIDForGet() {
        let schema = Self.getOrder.inputSchema
        #expect(schema["properties"]?["id"]?["type"] == "string")
        #expect(schema["properties"]?["fieldsets"] != nil)
        #expect(schema["required"] == ["id"])

        let create = Self.createOrder.inputSchema
        #expect(Set(create["properties"]?.objectValue?.keys ?? [:].keys) == ["dryRun", "lineItems", "channel"])
        #expect(create["required"] == ["lineItems"])
        #expect(create["properties"]?["id"] == nil)
    }

    @Test func flatSchemaOfAToolWithoutSchemas() {
        let bare = Tool(resource: "labels", method: "list", name: "list_all_wix_labels", description: "")
        #expect(bare.inputSchema == ["type": "object", "properties": [:]])
        let delete = Tool(resource: "data-items", method: "delete", name: "delete_a_wix_data_item_by_id", description: "")
        #expect(delete.inputSchema["required"] == ["id"])
    }

    @Test(arguments: [
        ("list", ToolAccess.read), ("get", .read), ("query", .read), ("search", .read), ("count", .read),
        ("listLabels", .read), ("getStats", .read), ("findByEmail", .read),
        ("create", .write), ("update", .write), ("delete", .write), ("cancel", .write),
        ("reschedule", .write), ("label", .write), ("frobnicate", .write),
    ])
    func accessFollowsTheMethodName(method: String, expected: ToolAccess) {
        #expect(ToolAccess(method: method) == expected)
    }

    @Test func decodesTheTrutoShapeWithMissingFields() throws {
        let json = try JSONValue.parse(#"{"resource":"orders","method":"list","name":"list_all_wix_orders","query_schema":{"type":"object","properties":{"limit":{"type":"integer"}}}}"#)
        let tool = try JSONDecoding.decode(Tool.self, from: json)
        #expect(tool.name == "list_all_wix_orders")
        #expect(tool.description == "")
        #expect(tool.proxy?.bodySchema == nil)
        #expect(tool.proxy?.queryKeys == ["limit"])
    }
}
