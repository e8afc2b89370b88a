/// One tool of a Truto-style `/tools` catalog: a method on a proxied resource.
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
    }

    enum CodingKeys: String, CodingKey {
        case resource, method, name, description, required, tags
        case querySchema = "query_schema"
        case bodySchema = "body_schema"
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
    }

    /// Whether the tool only reads (section 2 rules; unknown means write).
    public var access: ToolAccess { ToolAccess(method: method) }

    /// The method as compared everywhere: case is ignored (`Cancel` is `cancel`).
    public var methodKey: String { method.lowercased() }

    /// Whether the tool's id travels in the request path.
    public var takesPathID: Bool { ["get", "update", "delete"].contains(methodKey) }
}
