import WixAgentCore

/// What the catalog's tools act on, read from their names and schemas as a model would:
/// `list_all_wix_orders`, `wix_orders_search`, `get_single_wix_order_by_id`, `wix_orders_count`
/// and `wix_orders_cancel` are the orders' list, search, get, count and cancel.
struct CatalogResource: Sendable {
    /// Plural, as people say it: `orders`, `data items`.
    var name: String
    var singular: String
    /// Tool name by verb: `list`, `get`, `search` (a read that takes a `filter`), `count`, and the writes.
    var tools: [String: String]
    /// The fields a search filters on, from its `filter` description (`status (APPROVED|CANCELED)`).
    var fields: [Field]

    struct Field: Sendable {
        var path: String
        /// The values it takes, when the description lists them.
        var values: [String]
        var last: String { path.split(separator: ".").last.map { String($0).lowercased() } ?? path.lowercased() }
    }

    static let readVerbs: Set = ["list", "get", "query", "search", "count"]
    /// In the order a request's command is matched against them.
    static let writeVerbs = ["cancel", "delete", "reschedule", "unlabel", "label", "update", "create"]
    private static let filler: Set = ["all", "wix", "single", "by", "id", "a", "an", "the", "stores", "crm", "one"]

    /// The resources of the tools with these input schemas, by tool name.
    static func read(_ schemas: [String: JSONValue]) -> [CatalogResource] {
        var byName: [String: CatalogResource] = [:]
        for (tool, schema) in schemas.sorted(by: { $0.key < $1.key }) {
            let words = tool.lowercased().split(separator: "_").map(String.init)
            guard let verb = words.first(where: { readVerbs.contains($0) || writeVerbs.contains($0) }) else { continue }
            let nouns = words.filter { $0 != verb && !filler.contains($0) }
            guard !nouns.isEmpty else { continue }
            let singular = nouns.joined(separator: " ").hasSuffix("s") ? String(nouns.joined(separator: " ").dropLast()) : nouns.joined(separator: " ")
            let plural = singular + "s"
            var resource = byName[plural] ?? CatalogResource(name: plural, singular: singular, tools: [:], fields: [])
            let takesFilter = schema["properties"]?["filter"] != nil
            let role = (verb == "query" || verb == "search") ? (takesFilter ? "search" : verb) : verb
            if resource.tools[role] == nil { resource.tools[role] = tool }
            if role == "search", let text = schema["properties"]?["filter"]?["description"]?.stringValue { resource.fields = fields(in: text) }
            byName[plural] = resource
        }
        // The catalog's other methods, by name: `wix_orders_archive` is the orders' archive, a
        // write (as every method not known to read is) named by its one word beside the resource's.
        for (tool, _) in schemas.sorted(by: { $0.key < $1.key }) {
            let words = tool.lowercased().split(separator: "_").map(String.init).filter { !filler.contains($0) }
            guard !words.contains(where: { readVerbs.contains($0) || writeVerbs.contains($0) }),
                  let plural = byName.keys.sorted().first(where: { name in words.contains(name) || words.contains(String(name.dropLast())) }) else { continue }
            let rest = words.filter { $0 != plural && $0 != String(plural.dropLast()) }
            guard rest.count == 1, let verb = rest.first, verb.count > 2, ToolAccess(method: verb) == .write, byName[plural]?.tools[verb] == nil else { continue }
            byName[plural]?.tools[verb] = tool
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// The writes on one existing record, named by it, that it has a tool for: known verbs first in
    /// their order, then its own methods by name. (A create names no record; an update needs fields.)
    var writes: [String] {
        Self.writeVerbs.filter { tools[$0] != nil && $0 != "create" && $0 != "update" }
            + tools.keys.filter { !Self.readVerbs.contains($0) && !Self.writeVerbs.contains($0) && $0 != "search" }.sorted()
    }

    /// `Fields: id, status (A|B), buyerInfo.email, … . Example: …` → the fields, each with its values.
    static func fields(in description: String) -> [Field] {
        guard let start = description.range(of: "Fields: ") else { return [] }
        var text = description[start.upperBound...]
        if let end = text.range(of: ". Example") { text = text[..<end.lowerBound] }
        var fields: [Field] = []
        var depth = 0
        var current = ""
        for character in text + "," {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                let item = current.trimmingCharacters(in: .whitespaces.union(["."]))
                let path = String(item.prefix { $0 != " " && $0 != "(" })
                var values: [String] = []
                if let open = item.firstIndex(of: "("), let close = item.lastIndex(of: ")"), open < close {
                    let inside = item[item.index(after: open)..<close].split(separator: "|").map(String.init)
                    if inside.count > 1, inside.allSatisfy({ $0.allSatisfy { $0.isUppercase || $0 == "_" } }) { values = inside }
                }
                if !path.isEmpty { fields.append(Field(path: path, values: values)) }
                current = ""
            } else {
                current.append(character)
            }
        }
        return fields
    }

    /// The field whose last name is one of `names`, in their order.
    func field(named names: [String]) -> Field? {
        for name in names { if let found = fields.first(where: { $0.last == name.lowercased() }) { return found } }
        return nil
    }

    /// The field amounts are compared on: an order's total, a product's price.
    var moneyField: Field? { field(named: ["total", "price", "amount"]) }

    /// What people call it besides its name.
    static let synonyms: [String: [String]] = [
        "contacts": ["customer", "client", "buyer", "people", "person"],
        "members": ["user", "subscriber", "member"],
        "bookings": ["appointment", "session", "meeting", "reservation"],
        "products": ["item", "goods", "inventory", "stock"],
        "tasks": ["todo", "to-do", "reminder"],
        "orders": ["sale", "purchase", "revenue"],
        "labels": ["tag"],
    ]

    /// Where the text first names this resource (`nil`: it does not), by its name, its singular or a synonym.
    func mention(in words: [String]) -> Int? {
        let own = singular.split(separator: " ").map(String.init)
        let names = [singular] + (Self.synonyms[name] ?? [])
        return words.indices.first { index in
            let word = words[index]
            let stem = word.hasSuffix("s") ? String(word.dropLast()) : word
            if own.count > 1, index + own.count <= words.count,
               words[index..<(index + own.count)].enumerated().allSatisfy({ own[$0.offset] == $0.element || own[$0.offset] + "s" == $0.element }) {
                return true
            }
            return names.contains(stem) || names.contains(word)
        }
    }
}
