import Foundation
import MCP
import Testing
import WixAgentCore
@testable import WixMCP
import WixSandbox

/// The messages both ends here write and read, checked against the official swift-sdk's types
/// (the SDK is a test dependency only: see `MCPProtocol`).
@Suite("MCP wire format against the swift-sdk")
struct WireFormatTests {
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: value.data)
    }

    /// A value as the SDK writes it, read back as ours.
    static func encode(_ value: some Encodable) throws -> JSONValue {
        try JSONValue.parse(String(decoding: JSONEncoder().encode(value), as: UTF8.self))
    }

    @Test func theClientsInitializeIsTheSDKsAndAsksForItsNewestVersion() throws {
        let params = try Self.decode(Initialize.Parameters.self, MCPProtocol.initializeParams)
        #expect(params.protocolVersion == Version.latest)
        #expect(params.capabilities.elicitation != nil)
        #expect(params.clientInfo.name == "wixagent")
        #expect(Set(MCPProtocol.versions) == Version.supported)
    }

    @Test func aToolTheSDKWritesIsReadWithItsSchemaAndHints() throws {
        let sdk = MCP.Tool(name: "delete_product", title: "Delete a product", description: "Deletes one.",
                           inputSchema: .object(["type": "object", "properties": .object(["id": .object(["type": "string"])]), "required": .array(["id"])]),
                           annotations: .init(title: "Delete", readOnlyHint: false, destructiveHint: true),
                           outputSchema: .object(["type": "object"]))
        let tool = try #require(MCPProtocol.tool(try JSONValue.parse(JSONEncoder().encode(sdk))))
        #expect(tool.name == "delete_product")
        #expect(tool.description == "Deletes one.")
        #expect(tool.required == ["id"])
        #expect(tool.mcp?.destructiveHint == true)
        #expect(tool.mcp?.readOnlyHint == false)
        #expect(tool.mcp?.outputSchema == ["type": "object"])
        #expect(tool.access == .write)
        let read = MCP.Tool(name: "list_products", description: nil, inputSchema: .object(["type": "object"]), annotations: .init(readOnlyHint: true))
        #expect(MCPProtocol.tool(try JSONValue.parse(JSONEncoder().encode(read)))?.access == .read)
    }

    @Test func theSandboxAnswersInTheSDKsTypes() async throws {
        let server = try await SandboxServer.start(SandboxOptions(token: "wire"))
        let http = HTTPTransport()
        func post(_ message: JSONRPCMessage, session: String?) async throws -> (JSONValue, String?) {
            let reply = try await http.send(method: "POST", url: server.baseURL + "/mcp",
                                            headers: [("authorization", "Bearer wire"), ("accept", "application/json, text/event-stream")] + (session.map { [("mcp-session-id", $0)] } ?? []),
                                            body: message.json.data)
            return (try JSONValue.parse(reply.body)["result"] ?? .null, reply.header("mcp-session-id"))
        }
        let (initialized, session) = try await post(.request(id: 1, method: MCPProtocol.initialize, params: MCPProtocol.initializeParams), session: nil)
        let result = try Self.decode(Initialize.Result.self, initialized)
        #expect(result.protocolVersion == Version.latest)
        #expect(result.capabilities.tools != nil)
        #expect(session != nil)
        let (listed, _) = try await post(.request(id: 2, method: MCPProtocol.toolsList, params: [:]), session: session)
        let page = try Self.decode(ListTools.Result.self, listed)
        #expect(page.tools.count == 20)
        #expect(page.nextCursor == "20")
        for tool in page.tools {
            let ours = try #require(MCPProtocol.tool(try JSONValue.parse(JSONEncoder().encode(tool))))
            #expect((ours.access == .read) == (tool.annotations.readOnlyHint == true), "\(tool.name)")
        }
        let (called, _) = try await post(.request(id: 3, method: MCPProtocol.toolsCall, params: ["name": "list_all_wix_orders", "arguments": ["limit": 1]]), session: session)
        let call = try Self.decode(CallTool.Result.self, called)
        #expect(call.isError == false)
        #expect(call.structuredContent != nil)
        await http.shutdown()
        await server.stop()
    }

    @Test func anElicitationAnswerIsTheSDKsResult() async throws {
        let relay = ElicitationRelay()
        relay.install { _ in ElicitationAnswer(action: .accept, content: ["note": "ok", "seats": 2]) }
        let inbound = MCPInbound(source: "peer", elicitations: relay)
        let written: JSONValue = [
            "mode": "form", "message": "Confirm?", "requestedSchema": ["type": "object", "properties": ["note": ["type": "string"], "seats": ["type": "integer"]]],
        ]
        // The request as the SDK writes it (read into its types, written out again) is what
        // the program answers.
        let sdkParams = try Self.encode(try Self.decode(CreateElicitation.Parameters.self, written))
        let request = JSONRPCMessage.request(id: 9, method: "elicitation/create", params: sdkParams)
        guard case .response(let id, let result)? = await inbound.handle(request) else {
            Issue.record("no response to an elicitation")
            return
        }
        #expect(id == 9)
        let answer = try Self.decode(CreateElicitation.Result.self, result)
        #expect(answer.action == .accept)
        #expect(answer.content?["note"] == .string("ok"))
        #expect(answer.content?["seats"] == .int(2))
    }
}
