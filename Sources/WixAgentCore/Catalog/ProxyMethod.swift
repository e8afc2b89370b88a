/// What Truto's `/tools` (and the sandbox's) says about a tool: a method on a proxied resource,
/// with the schemas of its query string, body and answer.
public struct ProxyMethod: Sendable, Hashable {
    /// The proxied resource path, e.g. `wix/orders`.
    public var resource: String
    /// `list`, `get`, `create`, `update`, `delete`, or a custom method such as `cancel`.
    public var method: String
    /// JSON Schema of the query-string arguments; may be missing.
    public var querySchema: JSONValue?
    /// JSON Schema of the JSON body arguments; may be missing.
    public var bodySchema: JSONValue?
    /// JSON Schema of what the tool answers, when the catalog gives one (Truto's `response_schema`).
    public var responseSchema: JSONValue?

    public init(resource: String, method: String, querySchema: JSONValue? = nil, bodySchema: JSONValue? = nil,
                responseSchema: JSONValue? = nil) {
        self.resource = resource
        self.method = method
        self.querySchema = querySchema
        self.bodySchema = bodySchema
        self.responseSchema = responseSchema
    }

    /// The method as compared everywhere: case is ignored (`Cancel` is `cancel`).
    public var key: String { method.lowercased() }

    /// Whether the record's id travels in the request path.
    public var takesPathID: Bool { ["get", "update", "delete"].contains(key) }

    /// Names of the arguments that go to the query string.
    public var queryKeys: Set<String> { Set(querySchema?["properties"]?.objectValue?.keys ?? [:].keys) }

    /// Names of the arguments that go to the JSON body.
    public var bodyKeys: Set<String> { Set(bodySchema?["properties"]?.objectValue?.keys ?? [:].keys) }

    /// The last path component of the resource, singular-ish, for descriptions.
    public var resourceNoun: String {
        let last = resource.split(separator: "/").last.map(String.init) ?? resource
        return last.hasSuffix("s") ? String(last.dropLast()) : last
    }

    /// The arguments that name the record a call acts on: `id`, or the resource's key (`orderId`).
    public var recordIDKeys: Set<String> { ["id", resourceNoun + "Id"] }

    /// The one input schema the model sees: query and body properties together, `required`, and
    /// a required string `id` when the id travels in the path.
    public func inputSchema(required: [String]) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for schema in [querySchema, bodySchema] {
            if let props = schema?["properties"]?.objectValue {
                properties.merge(props) { first, _ in first }
            }
        }
        var required = required
        if takesPathID {
            if properties["id"] == nil {
                properties["id"] = ["type": "string", "description": .string("Id of the \(resourceNoun) (travels in the request path).")]
            }
            if !required.contains("id") { required.insert("id", at: 0) }
        }
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }
}
