/// The record a write names, and the read that fetches it: the `get` tool of the same resource
/// at the same source, with the arguments that tool requires, taken from the write's own (`id`
/// from `id` or the resource's key such as `orderId`; every other key the `get` requires, such as
/// a data item's `dataCollectionId`, by its name). The one answer to "which record is this" for
/// the preview, the rules, the recheck before sending, undo and the dialog.
public struct RecordReference: Sendable, Hashable {
    /// The catalog's `get` of the resource.
    public var read: Tool
    /// The arguments of that read.
    public var arguments: [String: JSONValue]
    /// The write's argument keys that name the record (never masked on screen).
    public var namingKeys: Set<String>
    /// The write's own proxy method (a record is named only by a proxy tool).
    public var write: ProxyMethod

    /// The record that `tool` called with `arguments` acts on; nil when it names none the catalog
    /// can read (a create, an MCP tool, a resource without `get`, an argument missing).
    public static func of(_ tool: Tool, arguments: [String: JSONValue], in catalog: ToolCatalog) -> RecordReference? {
        guard let write = tool.proxy, tool.access == .write, write.key != "create",
              let get = tool.siblings(in: catalog).first(where: { $0.method.key == "get" })?.tool else { return nil }
        // `id` first, as the request puts it in the path; two keys naming different records name none.
        let keys = ["id"] + write.recordIDKeys.subtracting(["id"]).sorted()
        let given = keys.filter { arguments[$0] != nil }
        guard let idKey = given.first, let id = arguments[idKey], Tool.isRecordID(id),
              given.allSatisfy({ arguments[$0] == id }) else { return nil }
        var readArguments: [String: JSONValue] = ["id": id]
        var naming: Set<String> = [idKey]
        for key in Tool.requiredKeys(of: get) where key != "id" {
            guard let value = arguments[key], value != .null else { return nil }
            readArguments[key] = value
            naming.insert(key)
        }
        return RecordReference(read: get, arguments: readArguments, namingKeys: naming, write: write)
    }

    /// The record's id.
    public var id: String { arguments["id"]?.stringValue ?? "" }
}

extension Tool {
    /// The required keys of a tool's flat input schema.
    static func requiredKeys(of tool: Tool) -> [String] {
        tool.inputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
