import WixAgentCore

/// A CMS data collection as the offline model reads it before querying: its id and fields.
struct DataCollection {
    static let getTool = "get_single_wix_data_collection_by_id"
    static let queryTool = "wix_data_items_query"
    static let listTool = "list_all_wix_data_collections"

    var id: String
    var fields: [JSONValue]

    /// The collection once it was read this turn; otherwise the step that reads it, or (after listing
    /// the site's collections) the answer that it does not exist.
    static func read(_ id: String, turn: OfflineTurn) -> (collection: DataCollection?, step: OfflineStep?) {
        if let missing = turn.missing(getTool, queryTool, for: "read data collections") { return (nil, missing) }
        guard let result = turn.result(of: getTool) else {
            return (nil, .call(PlannedCall(name: getTool, arguments: ["id": .string(id)])))
        }
        if let body = result.body { return (DataCollection(id: id, fields: body["fields"]?.arrayValue ?? []), nil) }
        let failed = "I could not read the data collection '\(id)', so I did not query it: \(result.failure)"
        guard turn.schemas[listTool] != nil else { return (nil, .answer(failed)) }
        guard let listed = turn.result(of: listTool) else { return (nil, .call(PlannedCall(name: listTool, arguments: ["limit": 100]))) }
        let names = listed.items?.compactMap { $0["id"]?.stringValue } ?? []
        return (nil, .answer(failed + (names.isEmpty ? "" : "\nThe site's collections are: \(names.joined(separator: ", ")).")))
    }

    /// Key of the first field whose key or display name is one of `names` (case-insensitive), optionally of a type.
    func field(named names: [String], type: String? = nil) -> String? {
        fields.first { f in
            let candidates = [f["key"]?.stringValue, f["displayName"]?.stringValue].compactMap { $0?.lowercased() }
            return (type == nil || f["type"]?.stringValue == type) && candidates.contains { c in names.contains { c == $0 || c.hasPrefix($0 + " ") } }
        }?["key"]?.stringValue
    }

    /// The field whose display name (or key split into words) appears in `text`, preferring the longest name.
    func field(mentionedIn text: String) -> JSONValue? {
        let lower = text.lowercased()
        return fields.compactMap { f -> (JSONValue, Int)? in
            let names = [f["displayName"]?.stringValue?.lowercased(), f["key"]?.stringValue.map(Self.words)].compactMap { $0 }
            return names.filter { lower.contains($0) }.map(\.count).max().map { (f, $0) }
        }.max { $0.1 < $1.1 }?.0
    }

    /// What to call an item in answers: its title or name field, else its id.
    func title(of item: JSONValue) -> String {
        let data = item["data"] ?? [:]
        let key = field(named: ["title", "name"]) ?? "title"
        return data[key]?.stringValue ?? item["id"]?.stringValue ?? "?"
    }

    /// "logoUrl" → "logo url".
    private static func words(_ key: String) -> String {
        key.reduce(into: "") { out, c in out += c.isUppercase ? " " + c.lowercased() : String(c) }
    }
}
