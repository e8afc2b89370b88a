/// The tools of one Wix connection, looked up by name.
public struct ToolCatalog: Sendable {
    public let tools: [Tool]
    /// What the model is told about each tool, flattened once (every model request sends them).
    public let specs: [ToolSpec]
    private let byName: [String: Tool]

    public init(tools: [Tool]) {
        self.tools = tools.sorted { $0.name < $1.name }
        self.specs = self.tools.map { ToolSpec(name: $0.name, description: $0.description, inputSchema: $0.inputSchema) }
        self.byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func tool(named name: String) -> Tool? { byName[name] }
}
