/// The write that takes back an executed one (`/undo`), built from the catalog's inverse
/// (`WriteInverse`) and what the preview read before the write ran: `create` → `delete` of the
/// created record, `update` → the previewed values of the fields it changed, `label` → `unlabel`
/// of the keys the record did not have, `reschedule` → back to the previewed slot.
public struct UndoPlan: Sendable, Equatable {
    public var tool: Tool
    public var arguments: [String: JSONValue]

    /// Why a write cannot be undone, in one line.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The inverse of `tool` run with `arguments`, given the record its preview read (`before`)
    /// and the response it got.
    public static func plan(undoing tool: Tool, arguments: JSONValue, before: JSONValue?, response: JSONValue?,
                            in catalog: ToolCatalog) -> Result<UndoPlan, Refusal> {
        guard tool.access == .write else { return .failure(Refusal(description: "\(tool.name) is a read: there is nothing to undo")) }
        guard let inverse = WriteInverse.tool(undoing: tool, in: catalog, record: before) else {
            return .failure(Refusal(description: "\(tool.name) cannot be undone: the catalog has no write that reverses it"))
        }
        let args = arguments.objectValue ?? [:]
        let id = tool.recordID(in: args)
        switch tool.methodKey {
        case "create":
            guard let created = RecordBody.unwrap(response)?["id"] else {
                return .failure(Refusal(description: "the response of \(tool.name) names no created record to delete"))
            }
            return .success(UndoPlan(tool: inverse, arguments: ["id": created]))
        default:
            guard let id else { return .failure(Refusal(description: "\(tool.name) named no record, so there is nothing to restore")) }
            guard let before else {
                return .failure(Refusal(description: "\(tool.name) ran without a preview of the record, so its earlier values are unknown"))
            }
            var undo: [String: JSONValue] = ["id": id]
            if inverse.name != tool.name {
                // X ↔ unX: what X added (array items the record did not have before).
                for (key, value) in args where !tool.recordIDKeys.contains(key) {
                    guard let added = value.arrayValue else { continue }
                    let had = WritePreview.field(key, in: before)?.arrayValue ?? []
                    let new = added.filter { !had.contains($0) }
                    guard !new.isEmpty else { return .failure(Refusal(description: "the record already had every \(key) that \(tool.name) added: nothing to take back")) }
                    undo[key] = .array(new)
                }
            } else {
                // The same method with the earlier values of the fields it set.
                for (key, value) in args where !tool.recordIDKeys.contains(key) {
                    guard let old = WritePreview.field(key, in: before), old != value else { continue }
                    undo[key] = old
                }
                let settable = inverse.bodyKeys.union(inverse.queryKeys)
                for key in settable where undo[key] == nil && args[key] == nil && key.hasSuffix("Date") {
                    // A slot moves with its end: restore the previewed end too when the tool takes one.
                    if let old = WritePreview.field(key, in: before), args.keys.contains(where: { $0.hasSuffix("Date") }) { undo[key] = old }
                }
                guard undo.count > 1 else { return .failure(Refusal(description: "\(tool.name) changed nothing the preview saw, so there is nothing to restore")) }
            }
            return .success(UndoPlan(tool: inverse, arguments: undo))
        }
    }
}
