/// The other records a write's arguments name by id (a line item's product, the buyer's
/// contact), each with the catalog read that fetches it: the dialog shows what an id names
/// instead of a bare id. An id is found by its key (`contactId`, `catalogItemId`) and read with
/// the `get` of the resource of that noun at the same source; a `get` that needs more than the
/// id, or a key no resource answers to, is left as it is.
public struct NamedRecord: Sendable, Hashable {
    /// Where the id is in the arguments, e.g. `lineItems[0].catalogReference.catalogItemId`.
    public var path: String
    public var id: String
    /// The catalog's `get` that reads it.
    public var read: Tool
    /// What the record is, for the line (`product`, `contact`).
    public var noun: String

    /// Nouns an id key uses for another resource's records: Wix's `catalogItemId` names a store product.
    static let aliases = ["catalogitem": "product"]

    /// The records `arguments` name besides the one the write acts on (`naming`: its keys at the
    /// top), in the order they appear, at most `limit` of them.
    public static func find(in arguments: [String: JSONValue], of tool: Tool, catalog: ToolCatalog, naming: Set<String>,
                            limit: Int = 12) -> [NamedRecord] {
        var reads: [String: (tool: Tool, noun: String)] = [:]
        for candidate in catalog.tools where candidate.source == tool.source {
            guard let method = candidate.proxy, method.key == "get",
                  Tool.requiredKeys(of: candidate).allSatisfy({ $0 == "id" }) else { continue }
            reads[method.resourceNoun.lowercased()] = reads[method.resourceNoun.lowercased()] ?? (candidate, method.resourceNoun)
        }
        var found: [NamedRecord] = []
        func walk(_ value: JSONValue, path: String, top: Bool) {
            if let members = value.objectValue {
                for key in members.keys.sorted() {
                    guard let member = members[key] else { continue }
                    let inner = path.isEmpty ? key : path + "." + key
                    if key.count > 2, key.hasSuffix("Id"), !(top && naming.contains(key)), let id = member.stringValue, Tool.isRecordID(member) {
                        let base = String(key.dropLast(2)).lowercased()
                        if let read = reads[aliases[base] ?? base], found.count < limit {
                            found.append(NamedRecord(path: inner, id: id, read: read.tool, noun: read.noun))
                        }
                    } else {
                        walk(member, path: inner, top: false)
                    }
                }
            } else if let items = value.arrayValue {
                for (index, item) in items.enumerated() { walk(item, path: "\(path)[\(index)]", top: false) }
            }
        }
        walk(.object(arguments), path: "", top: true)
        return found
    }

    /// The read's key: one read per distinct record.
    public var readKey: String { read.name + " " + id }
}
