/// The other records a write's arguments name (a line item's product, the buyer's contact, the
/// labels it puts on a contact), each with the catalog read that fetches it: the dialog shows
/// what they are instead of bare ids and keys. An id is found by its key (`contactId`,
/// `catalogItemId`) and read with the `get` of the resource of that noun at the same source; a
/// list of keys (`labelKeys`) with the first page of that resource's `list`. A `get` that needs
/// more than the id, or a key no resource answers to, is left as it is.
public struct NamedRecord: Sendable, Hashable {
    /// Where it is in the arguments, e.g. `lineItems[0].catalogReference.catalogItemId`.
    public var path: String
    public var lookup: Lookup
    /// The catalog's read that fetches it.
    public var read: Tool
    /// What the record is, for the line (`product`, `contact`, `label`).
    public var noun: String

    public enum Lookup: Sendable, Hashable {
        /// One record by id.
        case id(String)
        /// Records by key or name (`labelKeys`: a label's key or its display name).
        case keys([String])
    }

    /// Nouns an id key uses for another resource's records: Wix's `catalogItemId` names a store product.
    static let aliases = ["catalogitem": "product"]

    /// The arguments of its read.
    public var readArguments: [String: JSONValue] {
        switch lookup {
        case .id(let id): ["id": .string(id)]
        case .keys: ["limit": 100]
        }
    }

    /// The read's key: one read per distinct record or list.
    public var readKey: String {
        switch lookup {
        case .id(let id): read.name + " " + id
        case .keys: read.name
        }
    }

    /// The records `arguments` name besides the one the write acts on (`naming`: its keys at the
    /// top), in the order they appear, at most `limit` of them.
    public static func find(in arguments: [String: JSONValue], of tool: Tool, catalog: ToolCatalog, naming: Set<String>,
                            limit: Int = 12) -> [NamedRecord] {
        var gets: [String: (tool: Tool, noun: String)] = [:]
        var lists: [String: (tool: Tool, noun: String)] = [:]
        for candidate in catalog.tools where candidate.source == tool.source {
            guard let method = candidate.proxy else { continue }
            let noun = method.resourceNoun.lowercased()
            if method.key == "get", Tool.requiredKeys(of: candidate).allSatisfy({ $0 == "id" }), gets[noun] == nil {
                gets[noun] = (candidate, method.resourceNoun)
            } else if method.key == "list", Tool.requiredKeys(of: candidate).isEmpty, lists[noun] == nil {
                lists[noun] = (candidate, method.resourceNoun)
            }
        }
        var found: [NamedRecord] = []
        func noun(_ key: String, dropping suffix: Int) -> String {
            let base = String(key.dropLast(suffix)).lowercased()
            return aliases[base] ?? base
        }
        func walk(_ value: JSONValue, path: String, top: Bool) {
            if let members = value.objectValue {
                for key in members.keys.sorted() {
                    guard let member = members[key], found.count < limit else { continue }
                    let inner = path.isEmpty ? key : path + "." + key
                    if key.count > 2, key.hasSuffix("Id"), !(top && naming.contains(key)), let id = member.stringValue, Tool.isRecordID(member) {
                        if let get = gets[noun(key, dropping: 2)] { found.append(NamedRecord(path: inner, lookup: .id(id), read: get.tool, noun: get.noun)) }
                    } else if top, key.count > 4, key.hasSuffix("Keys"), let items = member.arrayValue, !items.isEmpty,
                              let keys = Optional(items.compactMap(\.stringValue)), keys.count == items.count, let list = lists[noun(key, dropping: 4)] {
                        found.append(NamedRecord(path: inner, lookup: .keys(keys), read: list.tool, noun: list.noun))
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
}
