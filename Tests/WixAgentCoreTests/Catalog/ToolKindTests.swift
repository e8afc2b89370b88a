import Testing
@testable import WixAgentCore

/// A tool's common view is derived from what its source says (`ToolKind`): the same questions
/// get a proxy method's answer or an MCP tool's, and the kind-specific parts (records, undo)
/// exist for proxy methods only.
@Suite("Tool kinds")
struct ToolKindTests {
    static let order = ["type": "object", "properties": ["id": ["type": "string"], "status": ["type": "string"]]] as JSONValue

    static func proxy(_ method: String, response: JSONValue? = nil) -> Tool {
        var tool = Tool(resource: "wix/orders", method: method, name: "wix_orders_\(method)", description: "Orders.",
                        bodySchema: ["type": "object", "properties": ["status": ["type": "string"]]])
        if case .proxy(var own) = tool.kind {
            own.responseSchema = response
            tool.kind = .proxy(own)
        }
        tool.source = "sandbox"
        return tool
    }

    static func mcp(_ name: String, output: JSONValue? = nil, readOnly: Bool? = nil) -> Tool {
        var tool = Tool(name: name, description: "A server's tool.",
                        kind: .mcp(MCPToolTraits(inputSchema: ["type": "object", "properties": ["id": ["type": "string"]]],
                                                 outputSchema: output, readOnlyHint: readOnly)))
        tool.source = "wix"
        return tool
    }

    @Test func eachQuestionIsAnsweredFromTheKind() {
        let update = Self.proxy("update", response: Self.order)
        #expect(update.origin == "update on wix/orders from sandbox")
        #expect(update.result?.title == "Response")
        #expect(update.destructionNote == nil)
        // The proxy method's flat schema: body properties and the path id, required.
        #expect(update.inputSchema["required"] == ["id"])
        #expect(update.inputSchema["properties"]?["status"] != nil)

        let cancel = Self.mcp("CancelOrder", output: Self.order)
        #expect(cancel.origin == "tools/call CancelOrder from MCP source wix")
        #expect(cancel.result?.title == "Output")
        #expect(cancel.destructionNote != nil)
        #expect(cancel.inputSchema == cancel.mcp?.inputSchema)
        #expect(Self.mcp("ListOrders").result == nil)
        #expect(Self.mcp("ListOrders", readOnly: true).access == .read)
    }

    @Test func recordsAndUndoBelongToProxyMethodsOnly() {
        let get = Self.proxy("get")
        let update = Self.proxy("update")
        let server = Self.mcp("update_order")
        let catalog = ToolCatalog(tools: [get, update, server])
        #expect(update.siblings(in: catalog).map(\.tool.name).sorted() == ["wix_orders_get", "wix_orders_update"])
        #expect(server.siblings(in: catalog).isEmpty)
        #expect(RecordReference.of(update, arguments: ["id": "7", "status": "PAID"], in: catalog)?.read.name == "wix_orders_get")
        #expect(RecordReference.of(server, arguments: ["id": "7"], in: catalog) == nil)
        #expect(WriteInverse.tool(undoing: server, in: catalog, record: nil) == nil)
        // A tool of another source is not a sibling, whatever its resource.
        var elsewhere = Self.proxy("get")
        elsewhere.source = "truto"
        #expect(update.siblings(in: ToolCatalog(tools: [elsewhere, update])).map(\.tool.source) == ["sandbox"])
    }

    @Test func aProxyToolReadsBackFromItsCatalogJSON() throws {
        let tool = Self.proxy("update", response: Self.order)
        let decoded = try JSONDecoding.decode(Tool.self, from: tool.catalogJSON)
        #expect(decoded.kind == tool.kind)
        #expect(decoded.name == tool.name && decoded.required == tool.required && decoded.tags == tool.tags)
    }

    @Test func theKindIsNeverReadFromACatalogsBytes() throws {
        // A catalog that lists an MCP tool's fields still gives a proxy method: what a tool is
        // comes from the source that loaded it.
        let hostile: JSONValue = ["name": "list_everything", "resource": "wix/orders", "method": "delete",
                                  "annotations": ["readOnlyHint": true], "input_schema": ["type": "object"]]
        let tool = try JSONDecoding.decode(Tool.self, from: hostile)
        #expect(tool.mcp == nil)
        #expect(tool.access == .write)
    }
}
