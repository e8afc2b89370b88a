/// The write that takes another back, derived from the catalog (same resource, opposite
/// method), never from tool names: `create` → `delete` of the created record, `update` →
/// `update` back to the previewed values, `X` ↔ `unX` (label/unlabel) with the keys the record
/// did not have, and a custom method whose every argument sets a field of the record
/// (`reschedule` of `startDate`) → the same method with the previewed values. Anything else
/// (`delete`, `cancel`) has no inverse: it cannot be undone.
public enum WriteInverse {
    /// The tool that undoes `tool`, if the catalog has one.
    public static func tool(undoing tool: Tool, in catalog: ToolCatalog, record: JSONValue?) -> Tool? {
        guard let own = tool.proxy else { return nil }
        let siblings = tool.siblings(in: catalog).filter { $0.tool.access == .write }
        let method = own.key
        switch method {
        case "create": return siblings.first { $0.method.key == "delete" }?.tool
        case "update": return tool
        case "delete": return nil
        default:
            if let opposite = siblings.first(where: { $0.method.key == "un" + method || "un" + $0.method.key == method }) { return opposite.tool }
            guard let record else { return nil }
            let arguments = own.bodyKeys.union(own.queryKeys).subtracting(["id"])
            let required = Set(tool.required).subtracting(["id"])
            let setsFields = !required.isEmpty && required.allSatisfy { WritePreview.field($0, in: record) != nil }
            return setsFields && !arguments.isEmpty ? tool : nil
        }
    }
}
