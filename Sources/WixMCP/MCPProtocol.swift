import WixAgentCore

/// The parts of MCP's schema both ends here speak, as JSON: method names, protocol versions,
/// the client's `initialize` and the reading of a listed tool. (The swift-sdk's types check
/// these in the tests; the SDK is not linked into the program: its module carries a URLSession
/// transport, which would load libcurl into every run.)
public enum MCPProtocol {
    public static let initialize = "initialize"
    public static let initialized = "notifications/initialized"
    public static let toolsList = "tools/list"
    public static let toolsCall = "tools/call"
    public static let ping = "ping"
    public static let elicitationCreate = "elicitation/create"
    public static let toolsListChanged = "notifications/tools/list_changed"

    /// Versions spoken, newest first; the client asks for the newest.
    public static let versions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

    /// The version a server agrees to when a client asks for `asked`: that one when known, else the newest.
    public static func agreed(to asked: String?) -> String {
        asked.flatMap { versions.contains($0) ? $0 : nil } ?? versions[0]
    }

    /// The client's `initialize` params: it can answer form elicitations.
    static var initializeParams: JSONValue {
        ["protocolVersion": .string(versions[0]), "capabilities": ["elicitation": ["form": [:]]],
         "clientInfo": ["name": "wixagent", "version": "1.0"]]
    }

    /// A listed tool as the catalog keeps it, or nil when it is not one: a non-empty string
    /// `name` and an object `inputSchema` are required; `description`, `title`, `outputSchema`
    /// and the annotations are read when they have the right type.
    static func tool(_ item: JSONValue) -> Tool? {
        guard let name = item["name"]?.stringValue, !name.isEmpty, let schema = item["inputSchema"], schema.objectValue != nil else { return nil }
        let annotations = item["annotations"]?.objectValue ?? [:]
        let title = item["title"]?.stringValue ?? annotations["title"]?.stringValue
        let traits = MCPToolTraits(
            inputSchema: schema, outputSchema: item["outputSchema"].flatMap { $0.objectValue == nil ? nil : $0 }, title: title,
            readOnlyHint: annotations["readOnlyHint"]?.boolValue, destructiveHint: annotations["destructiveHint"]?.boolValue)
        return Tool(name: name, description: item["description"]?.stringValue ?? title ?? "",
                    required: schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [], kind: .mcp(traits))
    }
}
