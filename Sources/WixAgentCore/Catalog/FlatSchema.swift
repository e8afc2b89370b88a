extension Tool {
    /// The one input schema the model sees: query and body properties together,
    /// `required` from the tool, and a required string `id` for get/update/delete. An MCP tool's
    /// is the server's own.
    public var inputSchema: JSONValue {
        if let mcp { return mcp.inputSchema }
        var properties: [String: JSONValue] = [:]
        for schema in [querySchema, bodySchema] {
            if let props = schema?["properties"]?.objectValue {
                properties.merge(props) { first, _ in first }
            }
        }
        var required = self.required
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

    /// Names of the arguments that go to the query string.
    public var queryKeys: Set<String> { Set(querySchema?["properties"]?.objectValue?.keys ?? [:].keys) }

    /// Names of the arguments that go to the JSON body.
    public var bodyKeys: Set<String> { Set(bodySchema?["properties"]?.objectValue?.keys ?? [:].keys) }

    /// The last path component of the resource, singular-ish, for descriptions.
    var resourceNoun: String {
        let last = resource.split(separator: "/").last.map(String.init) ?? resource
        return last.hasSuffix("s") ? String(last.dropLast()) : last
    }
}
