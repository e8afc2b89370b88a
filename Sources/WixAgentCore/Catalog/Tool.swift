/// One tool of the catalog: its name and description, where it comes from (`source`), and what
/// that source says about it (`kind`). Everything else the program needs of a tool (its access,
/// the model's input schema, its identity, how people see it) is derived from these in one
/// place per question (`Tool+Kind.swift`).
public struct Tool: Sendable, Hashable {
    public var name: String
    public var description: String
    /// Names of the required arguments.
    public var required: [String]
    public var tags: [String]
    /// The source the tool comes from and runs on (`truto`, `sandbox`, or an MCP source's name).
    public var source: String = ""
    /// The tool's name at its source; differs from `name` when two sources offer the same name.
    public var remoteName: String
    /// The source's own description of the tool.
    public var kind: ToolKind

    /// A proxy tool: `method` on `resource`, with its query and body schemas.
    public init(
        resource: String, method: String, name: String, description: String,
        querySchema: JSONValue? = nil, bodySchema: JSONValue? = nil,
        required: [String] = [], tags: [String] = []
    ) {
        self.init(name: name, description: description, required: required, tags: tags,
                  kind: .proxy(ProxyMethod(resource: resource, method: method, querySchema: querySchema, bodySchema: bodySchema)))
    }

    public init(name: String, description: String, required: [String] = [], tags: [String] = [], kind: ToolKind) {
        self.name = name
        self.description = description
        self.required = required
        self.tags = tags
        self.remoteName = name
        self.kind = kind
    }

    /// The proxy method, for a proxy tool.
    public var proxy: ProxyMethod? {
        if case .proxy(let method) = kind { method } else { nil }
    }

    /// What the MCP server said, for an MCP tool.
    public var mcp: MCPToolTraits? {
        if case .mcp(let traits) = kind { traits } else { nil }
    }

    /// The catalog's other proxy methods on the same resource at the same source, with their
    /// methods; none for an MCP tool (a server's tools are not grouped by resource).
    public func siblings(in catalog: ToolCatalog) -> [(tool: Tool, method: ProxyMethod)] {
        guard let own = proxy else { return [] }
        return catalog.tools.compactMap { other in
            guard other.source == source, let method = other.proxy, method.resource == own.resource else { return nil }
            return (other, method)
        }
    }
}

/// Where a tool comes from, as its source describes it.
public enum ToolKind: Sendable, Hashable {
    /// A method on a proxied resource (Truto's `/tools`, the sandbox), run through the proxy API.
    case proxy(ProxyMethod)
    /// A tool of an MCP server, run with `tools/call`.
    case mcp(MCPToolTraits)
}

extension Tool: Decodable {
    /// The `/tools` wire format. Where a tool comes from (`source`, MCP traits) is never read from
    /// a catalog's bytes: a hostile catalog must not make its tool an MCP read or another source's.
    enum CodingKeys: String, CodingKey {
        case resource, method, name, description, required, tags
        case querySchema = "query_schema"
        case bodySchema = "body_schema"
        case responseSchema = "response_schema"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let method = ProxyMethod(
            resource: try c.decode(String.self, forKey: .resource), method: try c.decode(String.self, forKey: .method),
            querySchema: try c.decodeIfPresent(JSONValue.self, forKey: .querySchema),
            bodySchema: try c.decodeIfPresent(JSONValue.self, forKey: .bodySchema),
            responseSchema: try c.decodeIfPresent(JSONValue.self, forKey: .responseSchema))
        self.init(name: try c.decode(String.self, forKey: .name),
                  description: try c.decodeIfPresent(String.self, forKey: .description) ?? "",
                  required: (try? c.decodeIfPresent([String].self, forKey: .required)) ?? [],
                  tags: (try? c.decodeIfPresent([String].self, forKey: .tags)) ?? [], kind: .proxy(method))
    }
}
