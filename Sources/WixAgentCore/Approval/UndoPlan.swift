/// The write that takes back an executed one (`/undo`), built from the catalog's inverse
/// (`WriteInverse`) and what the preview read before the write ran: `create` → `delete` of the
/// created record, `update` → the previewed values of the fields it changed, `label` → `unlabel`
/// of the keys it added (the record's keys after, less those before), `reschedule` → back to the
/// previewed slot.
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
        if tool.proxy?.key == "create" {
            guard let created = RecordBody.unwrap(response)?["id"] else {
                return .failure(Refusal(description: "the response of \(tool.name) names no created record to delete"))
            }
            var undo: [String: JSONValue] = ["id": created]
            // What else the delete needs to name the record (a data item's collection) is what the create was given.
            for key in Tool.requiredKeys(of: inverse) where key != "id" { undo[key] = args[key] }
            return .success(UndoPlan(tool: inverse, arguments: undo))
        }
        guard let reference = RecordReference.of(tool, arguments: args, in: catalog) else {
            return .failure(Refusal(description: "\(tool.name) named no record, so there is nothing to restore"))
        }
        guard let before else {
            return .failure(Refusal(description: "\(tool.name) ran without a preview of the record, so its earlier values are unknown"))
        }
        var undo = args.filter { reference.namingKeys.contains($0.key) }
        if inverse.name != tool.name {
            // X ↔ unX: take back what X changed in the record, from the record as it was (the
            // preview) and as it is after (the response): never the raw arguments, which may name
            // a label by its display name, or one the record had already.
            let after = RecordBody.unwrap(response)
            for (key, value) in args where !reference.namingKeys.contains(key) && value.arrayValue != nil {
                let had = WritePreview.field(key, in: before)?.arrayValue ?? []
                guard let has = after.flatMap({ WritePreview.field(key, in: $0) })?.arrayValue else {
                    return .failure(Refusal(description: "the response of \(tool.name) does not show the record's \(key) after it, so what it changed is unknown"))
                }
                let changed = reference.write.key.hasPrefix("un") ? had.filter { !has.contains($0) } : has.filter { !had.contains($0) }
                guard !changed.isEmpty else {
                    return .failure(Refusal(description: "\(tool.name) changed no \(key) of the record: nothing to take back"))
                }
                undo[key] = .array(changed)
            }
        } else {
            // The same method with the earlier values of the fields it set (of an object, the keys it set).
            for (key, value) in args where !reference.namingKeys.contains(key) {
                guard let old = WritePreview.field(key, in: before), old != value else { continue }
                if let set = value.objectValue, let was = old.objectValue {
                    undo[key] = .object(set.reduce(into: [:]) { $0[$1.key] = was[$1.key] ?? .null })
                } else {
                    undo[key] = old
                }
            }
            let settable = inverse.proxy.map { $0.bodyKeys.union($0.queryKeys) } ?? []
            for key in settable where undo[key] == nil && args[key] == nil && key.hasSuffix("Date") {
                // A slot moves with its end: restore the previewed end too when the tool takes one.
                if let old = WritePreview.field(key, in: before), args.keys.contains(where: { $0.hasSuffix("Date") }) { undo[key] = old }
            }
            guard undo.count > reference.namingKeys.count else {
                return .failure(Refusal(description: "\(tool.name) changed nothing the preview saw, so there is nothing to restore"))
            }
        }
        return .success(UndoPlan(tool: inverse, arguments: undo))
    }
}
