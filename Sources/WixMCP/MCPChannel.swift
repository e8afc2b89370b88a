import WixAgentCore

/// What one message sent to a server got back: the HTTP status and headers (200 and none over
/// stdio) and, for a request, the response or error that answers it.
public struct ChannelReply: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var message: JSONRPCMessage?
    /// The start of the body of an answer that is not a success, for the error line.
    public var body: String

    public init(status: Int, headers: [(name: String, value: String)] = [], message: JSONRPCMessage? = nil, body: String = "") {
        self.status = status
        self.headers = headers
        self.message = message
        self.body = body
    }

    /// The line for an answer without a JSON-RPC result: its status, what to check for a
    /// refused token, else the start of its body.
    func failure(to method: String) -> String {
        if status == 401 || status == 403 {
            return "answered \(status) to \(method): check its token (WIXAGENT_MCP_TOKEN, headers_env or TRUTO_MCP_URL)"
        }
        return "answered \(status) to \(method)" + (body.isEmpty ? "" : " (\(body.prefix(200)))")
    }
}

/// Why a message could not be exchanged (the server is gone, the stream broke); one line.
public struct MCPChannelError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// How messages reach one MCP server: Streamable HTTP or a child process's stdio. Requests the
/// server sends meanwhile (elicitation, ping) and its notifications go to the `MCPInbound`
/// the channel was made with; replies to them go back on the same channel.
public protocol MCPChannel: Sendable {
    /// Sends a message; for a request, waits for the message that answers it.
    func send(_ message: JSONRPCMessage) async throws -> ChannelReply
    /// The protocol version `initialize` agreed on (HTTP sends it with every later request).
    func agreed(protocolVersion: String) async
    /// Forgets the session the server no longer knows (HTTP 404), before `initialize` again.
    func resetSession() async
    /// Ends the session (HTTP `DELETE`) or stops the process.
    func close() async
}

/// What the program does with messages a server starts: it answers `ping`, hands
/// `elicitation/create` to the person (or declines), refuses other requests, and passes
/// `notifications/tools/list_changed` on.
public struct MCPInbound: Sendable {
    public var source: String
    public var elicitations: ElicitationRelay
    public var toolsChanged: @Sendable () -> Void

    public init(source: String, elicitations: ElicitationRelay, toolsChanged: @escaping @Sendable () -> Void = {}) {
        self.source = source
        self.elicitations = elicitations
        self.toolsChanged = toolsChanged
    }

    /// The reply to a request the server sent (nil for anything that is not a request).
    public func handle(_ message: JSONRPCMessage) async -> JSONRPCMessage? {
        switch message {
        case .notification(let method, _):
            if method == MCPProtocol.toolsListChanged { toolsChanged() }
            return nil
        case .request(let id, MCPProtocol.ping, _):
            return .response(id: id, result: .object([:]))
        case .request(let id, MCPProtocol.elicitationCreate, let params):
            guard params["mode"]?.stringValue ?? "form" == "form", let schema = params["requestedSchema"] else {
                return .response(id: id, result: ["action": "decline"])
            }
            let request = ElicitationRequest(source: source, message: params["message"]?.stringValue ?? "", schema: schema)
            let answer = await elicitations.ask(request)
            var result: [String: JSONValue] = ["action": .string(answer.action.rawValue)]
            if answer.action == .accept { result["content"] = .object(answer.content) }
            return .response(id: id, result: .object(result))
        case .request(let id, let method, _):
            return .error(id: id, code: JSONRPCCode.methodNotFound, message: "wixagent does not offer \(method)")
        case .response, .error:
            return nil
        }
    }
}
