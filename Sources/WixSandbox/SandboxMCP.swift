import Foundation
import Synchronization
import WixAgentCore
import WixMCP

/// The sandbox's `/mcp`: MCP's Streamable HTTP transport (JSON answers) over the same catalog,
/// the same Bearer token, and the same rate limits and faults as `/proxy`, so every MCP path is
/// tried offline and other MCP clients can use the sandbox. A tool call is the proxy request
/// its tool maps to, answered by the proxy itself: a 429 or 503 there is the MCP answer's
/// status; any other failure is a tool error.
final class SandboxMCP: Sendable {
    /// The catalog's endpoints, by tool name.
    let tools: [Endpoint]
    private let sessions = Mutex(Set<String>())
    /// Tools per `tools/list` page.
    static let pageSize = 20

    init(endpoints: [Endpoint]) {
        self.tools = endpoints.sorted { $0.tool.name < $1.tool.name }
    }

    /// Answers one HTTP request to `/mcp` (already authenticated). `proxy` runs a proxy request.
    func handle(method: String, sessionID: String?, body: Data, proxy: (ProxyRequest) async -> SandboxReply) async -> SandboxReply {
        switch method {
        case "DELETE":
            guard let sessionID, sessions.withLock({ $0.remove(sessionID) }) != nil else { return Self.status(404, "Session not found") }
            return SandboxReply(status: 200, body: .object([:]))
        case "POST":
            break
        default:
            return Self.status(405, "\(method) is not allowed on /mcp; POST JSON-RPC messages (this server opens no GET stream).")
        }
        guard let value = try? JSONValue.parse(body), let message = JSONRPCMessage(value) else {
            return SandboxReply(status: 400, body: JSONRPCMessage.error(id: .null, code: JSONRPCCode.parseError, message: "The body is not one JSON-RPC message.").json)
        }
        if case .request(let id, MCPProtocol.initialize, let params) = message {
            return initialize(id: id, params: params)
        }
        guard let sessionID else { return Self.status(400, "Missing Mcp-Session-Id: send initialize first.") }
        guard sessions.withLock({ $0.contains(sessionID) }) else { return Self.status(404, "Session not found") }
        switch message {
        case .notification, .response, .error:
            return SandboxReply(status: 202, body: .null)
        case .request(let id, MCPProtocol.ping, _):
            return Self.answer(.response(id: id, result: .object([:])))
        case .request(let id, MCPProtocol.toolsList, let params):
            return Self.answer(list(id: id, cursor: params["cursor"]?.stringValue))
        case .request(let id, MCPProtocol.toolsCall, let params):
            return await call(id: id, params: params, proxy: proxy)
        case .request(let id, let other, _):
            return Self.answer(.error(id: id, code: JSONRPCCode.methodNotFound, message: "The sandbox does not offer \(other)."))
        }
    }

    private func initialize(id: JSONValue, params: JSONValue) -> SandboxReply {
        let result: JSONValue = [
            "protocolVersion": .string(MCPProtocol.agreed(to: params["protocolVersion"]?.stringValue)),
            "capabilities": ["tools": ["listChanged": false]],
            "serverInfo": ["name": "wixagent-sandbox", "version": "1.0"],
            "instructions": "A sandbox Wix site: the tools of its Truto-style catalog.",
        ]
        var generator = SystemRandomNumberGenerator()
        let session = (generator.next() as UInt64).paddedHex + (generator.next() as UInt64).paddedHex
        sessions.withLock { _ = $0.insert(session) }
        var reply = Self.answer(.response(id: id, result: result))
        reply.headers.append(("mcp-session-id", session))
        return reply
    }

    private func list(id: JSONValue, cursor: String?) -> JSONRPCMessage {
        let start = cursor.map { Int($0) ?? -1 } ?? 0
        guard (0..<max(tools.count, 1)).contains(start) else {
            return .error(id: id, code: JSONRPCCode.invalidParams, message: "Invalid cursor.")
        }
        let page = tools[start..<min(start + Self.pageSize, tools.count)]
        var result: [String: JSONValue] = ["tools": .array(page.map(Self.remote))]
        if page.endIndex < tools.count { result["nextCursor"] = .string(String(page.endIndex)) }
        return .response(id: id, result: .object(result))
    }

    /// A catalog tool as MCP describes it: the flat input schema, and annotations from its access.
    static func remote(_ endpoint: Endpoint) -> JSONValue {
        let tool = endpoint.tool
        let write = tool.access == .write
        let destructive = ["delete", "cancel"].contains(endpoint.method.key)
        var annotations: [String: JSONValue] = ["readOnlyHint": .bool(!write), "openWorldHint": .bool(false)]
        if write {
            annotations["destructiveHint"] = .bool(destructive)
            annotations["idempotentHint"] = .bool(endpoint.method.key == "update")
        }
        return ["name": .string(tool.name), "description": .string(tool.description), "inputSchema": tool.inputSchema, "annotations": .object(annotations)]
    }

    private func call(id: JSONValue, params: JSONValue, proxy: (ProxyRequest) async -> SandboxReply) async -> SandboxReply {
        guard let name = params["name"]?.stringValue, let endpoint = tools.first(where: { $0.tool.name == name }) else {
            return Self.answer(.error(id: id, code: JSONRPCCode.invalidParams, message: "Unknown tool \(params["name"]?.compactText ?? "(no name)")."))
        }
        let arguments = params["arguments"]?.objectValue ?? [:]
        if let reserved = endpoint.method.reservedArgument(in: arguments) {
            return Self.answer(Self.toolError(id: id, "\(reserved) is set by the sandbox, not by arguments."))
        }
        let reply = await proxy(endpoint.method.request(arguments: arguments, accountID: SandboxServer.accountID))
        switch reply.status {
        case 429, 503:
            return reply
        case 200..<300:
            let content: JSONValue = ["type": "text", "text": .string(reply.body.compactText)]
            var result: [String: JSONValue] = ["content": [content], "isError": false]
            if reply.body.objectValue != nil { result["structuredContent"] = reply.body }
            var answer = Self.answer(.response(id: id, result: .object(result)))
            answer.headers += reply.headers
            return answer
        default:
            var answer = Self.answer(Self.toolError(id: id, reply.body.compactText))
            answer.headers += reply.headers
            return answer
        }
    }

    private static func toolError(id: JSONValue, _ text: String) -> JSONRPCMessage {
        .response(id: id, result: ["content": [["type": "text", "text": .string(text)]], "isError": true])
    }

    private static func answer(_ message: JSONRPCMessage) -> SandboxReply {
        SandboxReply(status: 200, body: message.json)
    }

    private static func status(_ code: Int, _ message: String) -> SandboxReply {
        SandboxReply(status: code, body: JSONRPCMessage.error(id: .null, code: JSONRPCCode.invalidRequest, message: message).json)
    }
}
