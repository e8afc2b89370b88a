/// What an MCP server says about one of its tools, beyond its name and description.
public struct MCPToolTraits: Sendable, Hashable {
    /// The tool's `inputSchema`, as the server sent it.
    public var inputSchema: JSONValue
    /// The tool's `outputSchema`: a result's `structuredContent` must match it.
    public var outputSchema: JSONValue?
    public var title: String?
    /// `annotations.readOnlyHint`: only `true` can make the tool a read, and only with a read's name.
    public var readOnlyHint: Bool?
    /// `annotations.destructiveHint`, shown in the approval dialog.
    public var destructiveHint: Bool?
    /// For a generic API tool (arguments naming an HTTP method and a URL or path, like Wix's
    /// `CallWixSiteAPI`): the argument whose value decides each call's access.
    public var methodArgument: String?

    public init(inputSchema: JSONValue, outputSchema: JSONValue? = nil, title: String? = nil, readOnlyHint: Bool? = nil,
                destructiveHint: Bool? = nil) {
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.title = title
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.methodArgument = Self.methodArgument(in: inputSchema)
    }

    /// `method` (or `httpMethod`) beside `url`, `path` or `endpoint` among the schema's
    /// properties; none when there are several such keys (which one the server obeys is unknown).
    static func methodArgument(in schema: JSONValue) -> String? {
        guard let properties = schema["properties"]?.objectValue,
              properties.keys.contains(where: { ["url", "path", "endpoint"].contains($0.lowercased()) }) else { return nil }
        let keys = properties.keys.filter { ["method", "httpmethod"].contains($0.lowercased()) }
        return keys.count == 1 ? keys.first : nil
    }

    /// The arguments that name where a call goes (`url`, `path`, `endpoint`), which the rules
    /// test as a normalized path (`RuleArguments`).
    public var urlArguments: [String] {
        (inputSchema["properties"]?.objectValue?.keys.filter { ["url", "path", "endpoint"].contains($0.lowercased()) } ?? []).sorted()
    }

    /// Whether the dialog warns that the tool may destroy: MCP's default for a tool that does
    /// not say it only reads is that it may, unless it says otherwise.
    public var mayDestroy: Bool { readOnlyHint != true && destructiveHint != false }

    /// What the dialog, the schema browser and `tools show` say about what the tool may
    /// destroy: the server's word, or MCP's default when it says nothing.
    public var destructionNote: String? {
        if destructiveHint == true { return "The server calls it destructive." }
        return mayDestroy ? "It may be destructive: the server does not say otherwise." : nil
    }

    /// How a generic API tool's calls are judged, for the schema browser and `tools show`.
    public var methodNote: String? {
        methodArgument.map { "A read when its \($0) argument is GET; otherwise a write." }
    }
}
