/// The common view of a tool, each answer derived from its kind in one place: what it may do,
/// what the model is told it takes, what it answers, and how people see where it comes from.
extension Tool {
    /// Whether the tool only reads (`ToolAccess` rules; unknown means write). An MCP tool reads only
    /// when it says so (`readOnlyHint`) and its name reads as a read too; a generic API tool
    /// (`CallWixSiteAPI`) is a write here and judged per call by `access(arguments:)`.
    public var access: ToolAccess {
        switch kind {
        case .proxy(let method):
            return ToolAccess(method: method.method)
        case .mcp(let traits):
            guard traits.methodArgument == nil, traits.readOnlyHint == true, traits.destructiveHint != true else { return .write }
            return ToolAccess(toolName: remoteName)
        }
    }

    /// The access of one call: a generic API tool reads when its `method` argument is `GET`
    /// (and it does not call itself destructive); every other tool's access is its own.
    public func access(arguments: [String: JSONValue]) -> ToolAccess {
        guard case .mcp(let traits) = kind, let key = traits.methodArgument, traits.destructiveHint != true else { return access }
        let verb = arguments[key]?.stringValue?.trimmingCharacters(in: .whitespaces).uppercased()
        return verb == "GET" ? .read : .write
    }

    /// The one input schema the model sees: a proxy tool's query and body together (`ProxyMethod`),
    /// an MCP tool's the server's own.
    public var inputSchema: JSONValue {
        switch kind {
        case .proxy(let method): method.inputSchema(required: required)
        case .mcp(let traits): traits.inputSchema
        }
    }

    /// What the tool answers, when its source says: a proxy tool's response schema or an MCP
    /// tool's output schema, with the word people know it by.
    public var result: (title: String, schema: JSONValue)? {
        switch kind {
        case .proxy(let method): method.responseSchema.map { ("Response", $0) }
        case .mcp(let traits): traits.outputSchema.map { ("Output", $0) }
        }
    }

    /// One line saying what the tool is at its source: `cancel on wix/orders from sandbox`,
    /// `tools/call ListOrders from MCP source wix`.
    public var origin: String {
        switch kind {
        case .proxy(let method): "\(method.method) on \(method.resource) from \(source)"
        case .mcp: "tools/call \(remoteName) from MCP source \(source)"
        }
    }

    /// The warning shown with a write call of a tool that may destroy (an MCP tool that does not
    /// say otherwise); nil for a proxy tool, whose method says what it does.
    public var destructionNote: String? { mcp?.destructionNote }

    /// How a generic API tool's calls are judged; nil for every other tool.
    public var methodNote: String? { mcp?.methodNote }

    /// The arguments that name where a generic API tool's call goes, which rules test as a
    /// normalized path; none for other tools.
    public var urlArguments: [String] { mcp?.urlArguments ?? [] }

    /// The tool in Truto's `/tools` shape (which the sandbox serves), or for an MCP tool the same
    /// fields plus what the server listed: `remote_name`, `input_schema`, `output_schema`, `annotations`.
    public var catalogJSON: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name), "description": .string(description),
            "required": .array(required.map(JSONValue.string)), "tags": .array(tags.map(JSONValue.string)),
        ]
        switch kind {
        case .proxy(let method):
            object["resource"] = .string(method.resource)
            object["method"] = .string(method.method)
            if let query = method.querySchema { object["query_schema"] = query }
            if let body = method.bodySchema { object["body_schema"] = body }
            if let response = method.responseSchema { object["response_schema"] = response }
        case .mcp(let traits):
            object["remote_name"] = .string(remoteName)
            object["input_schema"] = traits.inputSchema
            if let output = traits.outputSchema { object["output_schema"] = output }
            object["annotations"] = .object([
                "readOnlyHint": traits.readOnlyHint.map(JSONValue.bool) ?? .null,
                "destructiveHint": traits.destructiveHint.map(JSONValue.bool) ?? .null,
                "title": traits.title.map(JSONValue.string) ?? .null,
            ])
        }
        return .object(object)
    }
}
