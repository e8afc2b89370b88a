import Foundation
import WixAgentCore

/// One MCP server's session: request ids, the `initialize` handshake (once, shared by every
/// caller; again when an HTTP server forgets the session), and `tools/list` across pages. The
/// handshake and the listing wait out 429s and transient failures through `loop`.
actor MCPSession {
    let channel: any MCPChannel
    let loop: RetryLoop
    /// How lines name the server: "MCP source wix (https://mcp.wix.com/mcp)".
    var serviceName: String { loop.serviceName }
    private var nextID = 0
    private var handshake: Task<Void, Error>?
    /// Counts handshakes, so that two requests that both meet a forgotten session start one new one.
    private var generation = 0

    static let maxPages = 100
    /// The most tools taken from one server: every model request carries them all.
    static let maxTools = 500

    init(channel: any MCPChannel, loop: RetryLoop) {
        self.channel = channel
        self.loop = loop
    }

    /// Sends a request with a fresh id, after the handshake; a 404 for a session the server
    /// forgot starts a new one and sends it again, once.
    func request(_ method: String, _ params: JSONValue) async throws -> ChannelReply {
        try await initialize()
        let sentWith = generation
        let reply = try await channel.send(.request(id: freshID(), method: method, params: params))
        guard reply.status == 404 else { return reply }
        if sentWith == generation {
            await channel.resetSession()
            handshake = nil
        }
        try await initialize()
        return try await channel.send(.request(id: freshID(), method: method, params: params))
    }

    private func freshID() -> JSONValue {
        nextID += 1
        return .number(Double(nextID))
    }

    /// The handshake: `initialize`, a version both sides speak, then `notifications/initialized`.
    func initialize() async throws {
        if let handshake { return try await handshake.value }
        let task = Task { try await self.shake() }
        handshake = task
        generation += 1
        do {
            try await task.value
        } catch {
            handshake = nil
            throw error
        }
    }

    private func shake() async throws {
        let message = JSONRPCMessage.request(id: freshID(), method: MCPProtocol.initialize, params: MCPProtocol.initializeParams)
        let reply = try await retried { [channel] in try await channel.send(message) }
        let result = try Self.result(of: reply, serviceName: serviceName, doing: MCPProtocol.initialize)
        guard let version = result["protocolVersion"]?.stringValue, result["serverInfo"]?.objectValue != nil else {
            throw MCPChannelError("answered initialize with something that is not an initialize result")
        }
        guard MCPProtocol.versions.contains(version) else {
            throw MCPChannelError("speaks MCP \(TerminalText.safe(String(version.prefix(40)))), which wixagent does not (it speaks \(MCPProtocol.versions.joined(separator: ", ")))")
        }
        await channel.agreed(protocolVersion: version)
        _ = try await channel.send(.notification(method: MCPProtocol.initialized, params: .object([:])))
    }

    /// Every tool the server lists, following `nextCursor`; an entry that is not a tool
    /// (`MCPProtocol.tool`) is left out and counted.
    func listTools() async throws -> (tools: [Tool], unreadable: Int, cut: Bool) {
        var tools: [Tool] = []
        var unreadable = 0
        var cursor: String?
        var seen = Set<String>()
        // Outside the retried requests, so that a refused handshake is reported as itself.
        try await initialize()
        for _ in 0..<Self.maxPages {
            let params: JSONValue = cursor.map { ["cursor": .string($0)] } ?? .object([:])
            let reply = try await retried { try await self.request(MCPProtocol.toolsList, params) }
            let result = try Self.result(of: reply, serviceName: serviceName, doing: MCPProtocol.toolsList)
            for item in result["tools"]?.arrayValue ?? [] {
                if let tool = MCPProtocol.tool(item) { tools.append(tool) } else { unreadable += 1 }
            }
            if tools.count >= Self.maxTools { return (Array(tools.prefix(Self.maxTools)), unreadable, true) }
            guard let next = result["nextCursor"]?.stringValue, !next.isEmpty, seen.insert(next).inserted else { break }
            cursor = next
        }
        return (tools, unreadable, false)
    }

    /// A reply after `loop` waited out its 429s and transient failures.
    private func retried(_ send: @escaping @Sendable () async throws -> ChannelReply) async throws -> ChannelReply {
        try await loop.run(retriesTransientFailures: true) {
            let reply = try await send()
            return RetryLoop.Answer(status: reply.status, headers: reply.headers, value: reply)
        }.answer.value
    }

    /// The result a reply carries, or the line that says why there is none.
    static func result(of reply: ChannelReply, serviceName: String, doing method: String) throws -> JSONValue {
        switch reply.message {
        case .response(_, let result)?:
            return result
        case .error(_, let code, let message)?:
            throw MCPChannelError("answered \(method) with error \(code): \(message.prefix(300))")
        default:
            throw MCPChannelError(reply.failure(to: method))
        }
    }
}
