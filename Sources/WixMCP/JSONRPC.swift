import WixAgentCore

/// One JSON-RPC 2.0 message as MCP uses them, read from hostile bytes without trusting them.
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: JSONValue, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    case response(id: JSONValue, result: JSONValue)
    case error(id: JSONValue, code: Int, message: String)

    /// Reads a message; nil when the value is none (no `jsonrpc: "2.0"`, or neither a method nor
    /// a result or error).
    public init?(_ value: JSONValue) {
        guard value["jsonrpc"]?.stringValue == "2.0" else { return nil }
        let id = value["id"]
        if let method = value["method"]?.stringValue {
            let params = value["params"] ?? .object([:])
            if let id, id != .null { self = .request(id: id, method: method, params: params) } else { self = .notification(method: method, params: params) }
        } else if let id, let result = value["result"] {
            self = .response(id: id, result: result)
        } else if let id, let error = value["error"] {
            self = .error(id: id, code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? "an error without a message")
        } else {
            return nil
        }
    }

    /// The messages a reply body carries: one message, or a batch.
    public static func all(in value: JSONValue) -> [JSONRPCMessage] {
        (value.arrayValue ?? [value]).compactMap(JSONRPCMessage.init)
    }

    /// The id a response or error answers.
    public var answers: JSONValue? {
        switch self {
        case .response(let id, _), .error(let id, _, _): id
        case .request, .notification: nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .request(let id, let method, let params):
            ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params]
        case .notification(let method, let params):
            ["jsonrpc": "2.0", "method": .string(method), "params": params]
        case .response(let id, let result):
            ["jsonrpc": "2.0", "id": id, "result": result]
        case .error(let id, let code, let message):
            ["jsonrpc": "2.0", "id": id, "error": ["code": .number(Double(code)), "message": .string(message)]]
        }
    }
}

/// JSON-RPC error codes MCP uses.
public enum JSONRPCCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
}
