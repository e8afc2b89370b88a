/// One tool of the catalog: a method on a proxied resource (Truto `/tools`, the sandbox), or a
/// tool of an MCP server (`mcp` is set). `source` names where it came from and runs.
public struct Tool: Sendable, Hashable, Codable {
    /// The proxied resource path, e.g. `wix/orders`.
    public var resource: String
    /// `list`, `get`, `create`, `update`, `delete`, or a custom method such as `cancel`.
    public var method: String
    public var name: String
    public var description: String
    /// JSON Schema of the query-string arguments; may be missing.
    public var querySchema: JSONValue?
    /// JSON Schema of the JSON body arguments; may be missing.
    public var bodySchema: JSONValue?
    /// Names of the required arguments (from either schema).
    public var required: [String]
    public var tags: [String]
    /// JSON Schema of what the tool answers, when the catalog gives one (Truto's `response_schema`).
    public var responseSchema: JSONValue?
    /// The source the tool comes from and runs on (`truto`, `sandbox`, or an MCP source's name).
    public var source: String = ""
    /// The tool's name at its source; differs from `name` when two sources offer the same name.
    public var remoteName: String = ""
    /// What an MCP server said about the tool; nil for proxy tools.
    public var mcp: MCPToolTraits?

    public init(
        resource: String, method: String, name: String, description: String,
        querySchema: JSONValue? = nil, bodySchema: JSONValue? = nil,
        required: [String] = [], tags: [String] = []
    ) {
        self.resource = resource
        self.method = method
        self.name = name
        self.description = description
        self.querySchema = querySchema
        self.bodySchema = bodySchema
        self.required = required
        self.tags = tags
        self.remoteName = name
    }

    /// The `/tools` wire format. Where a tool comes from (`source`, `mcp`) is never read from a
    /// catalog's bytes: a hostile catalog must not make its tool an MCP read or another source's.
    enum CodingKeys: String, CodingKey {
        case resource, method, name, description, required, tags
        case querySchema = "query_schema"
        case bodySchema = "body_schema"
        case responseSchema = "response_schema"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        resource = try c.decode(String.self, forKey: .resource)
        method = try c.decode(String.self, forKey: .method)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        querySchema = try c.decodeIfPresent(JSONValue.self, forKey: .querySchema)
        bodySchema = try c.decodeIfPresent(JSONValue.self, forKey: .bodySchema)
        required = (try? c.decodeIfPresent([String].self, forKey: .required)) ?? []
        tags = (try? c.decodeIfPresent([String].self, forKey: .tags)) ?? []
        responseSchema = try c.decodeIfPresent(JSONValue.self, forKey: .responseSchema)
        remoteName = name
    }

    /// Whether the tool only reads (`ToolAccess` rules; unknown means write). An MCP tool reads only
    /// when it says so (`readOnlyHint`) and its name reads as a read too; a generic API tool
    /// (`CallWixSiteAPI`) is a write here and judged per call by `access(arguments:)`.
    public var access: ToolAccess {
        guard let mcp else { return ToolAccess(method: method) }
        guard mcp.methodArgument == nil, mcp.readOnlyHint == true, mcp.destructiveHint != true else { return .write }
        return ToolAccess(toolName: remoteName)
    }

    /// The access of one call: a generic API tool reads when its `method` argument is `GET`
    /// (and it does not call itself destructive); every other tool's access is its own.
    public func access(arguments: [String: JSONValue]) -> ToolAccess {
        guard let key = mcp?.methodArgument, mcp?.destructiveHint != true else { return access }
        let verb = arguments[key]?.stringValue?.trimmingCharacters(in: .whitespaces).uppercased()
        return verb == "GET" ? .read : .write
    }

    /// The method as compared everywhere: case is ignored (`Cancel` is `cancel`).
    public var methodKey: String { method.lowercased() }

    /// Whether both are proxy tools of one resource at one source.
    public func isSibling(of other: Tool) -> Bool {
        mcp == nil && other.mcp == nil && resource == other.resource && source == other.source
    }

    /// Whether the tool's id travels in the request path.
    public var takesPathID: Bool { ["get", "update", "delete"].contains(methodKey) }
}
