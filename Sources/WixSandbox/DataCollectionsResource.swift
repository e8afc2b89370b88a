import Foundation
import WixAgentCore

/// Wix Data (CMS): collections with typed fields, and their items. Item writes are checked
/// against the collection's fields: unknown fields, wrong types and missing required fields are refused.
enum DataCollectionsResource {
    /// Wix field types this sandbox understands, with the JSON each accepts.
    static let fieldTypes = ["TEXT", "NUMBER", "BOOLEAN", "DATE", "DATETIME", "URL", "IMAGE", "ARRAY_STRING"]

    static let endpoints: [Endpoint] = [
        .list(.dataCollections, "list_all_wix_data_collections", "List the site's CMS data collections with their fields (key, displayName, type). Read a collection's fields before writing items to it.", tags: ["data", "collections"], defaultSort: .init(path: "id", descending: false)),
        .get(.dataCollections, "get_single_wix_data_collection_by_id", "Get one CMS data collection by id (e.g. \"RealEstateListings\"): its fields with key, displayName, type (\(fieldTypes.joined(separator: ", "))) and whether they are required.", tags: ["data", "collections"]),
        Endpoint(queryTool) { call, site in
            let items = try items(site, collection: call.body["dataCollectionId"]!.stringValue!)
            return try Paging.page(items, call: call, defaultSort: .init(path: "_createdDate", descending: true)) { $0["data"] ?? [:] }
        },
        Endpoint(Tool("get_single_wix_data_item_by_id", resource: Table.dataItems.rawValue, method: "get",
                      description: "Get one CMS item by id from a data collection.",
                      query: [collectionParam], tags: itemTags)) { call, site in
            ["result": try item(site, id: call.targetID, collection: call.query["dataCollectionId"]!.stringValue!)]
        },
        Endpoint(Tool("create_a_wix_data_item", resource: Table.dataItems.rawValue, method: "create",
                      description: "Insert an item into a CMS data collection. `data` holds field keys and values; every key must be a field of the collection with a value of its type (TEXT string, NUMBER number, BOOLEAN true/false, DATE yyyy-mm-dd, DATETIME ISO-8601, URL/IMAGE http(s) URL, ARRAY_STRING array of strings).",
                      body: [collectionParam, Param("data", Schema.freeObject("Field values by field key."), required: true)], tags: itemTags)) { call, site in
            let collectionID = call.body["dataCollectionId"]!.stringValue!
            let collection = try collection(site, collectionID)
            let data = try checkedData(call.body["data"]!, collection: collection, requireAll: true)
            let id = site.newID()
            let now = ISODate.string(call.now)
            let item: JSONValue = ["id": .string(id), "dataCollectionId": .string(collectionID),
                                   "data": JSONValue.object(["_id": .string(id), "_createdDate": .string(now), "_updatedDate": .string(now)]).merging(data)]
            site.insert(.dataItems, item)
            return ["result": item]
        },
        Endpoint(Tool("update_a_wix_data_item_by_id", resource: Table.dataItems.rawValue, method: "update",
                      description: "Update fields of a CMS item: only the keys given in `data` change (null clears a field). Keys and value types are checked against the collection's fields.",
                      body: [collectionParam, Param("data", Schema.freeObject("Field values to change, by field key."), required: true)], tags: itemTags)) { call, site in
            let collectionID = call.body["dataCollectionId"]!.stringValue!
            var item = try item(site, id: call.targetID, collection: collectionID)
            let collection = try collection(site, collectionID)
            let data = try checkedData(call.body["data"]!, collection: collection, requireAll: false)
            let merged = (item["data"] ?? [:]).merging(data).merging(["_updatedDate": .string(ISODate.string(call.now))])
            try checkRequired(merged, collection: collection)
            item.set("data", merged)
            site.replace(.dataItems, item)
            return ["result": item]
        },
        Endpoint(Tool("delete_a_wix_data_item_by_id", resource: Table.dataItems.rawValue, method: "delete",
                      description: "Delete a CMS item by id from a data collection.",
                      query: [collectionParam], tags: itemTags)) { call, site in
            let item = try item(site, id: call.targetID, collection: call.query["dataCollectionId"]!.stringValue!)
            site.remove(.dataItems, id: call.targetID)
            return ["result": ["id": item["id"]!, "deleted": true]]
        },
    ]

    private static let itemTags = ["data", "items"]
    private static let collectionParam = Param("dataCollectionId", Schema.string("Id of the data collection, e.g. \"RealEstateListings\"."), required: true)

    private static let queryTool = Tool(
        "wix_data_items_query", resource: Table.dataItems.rawValue, method: "query",
        description: "Query the items of a CMS data collection with a Wix filter and sort on the collection's field keys, e.g. {\"city\": \"Seattle\", \"price\": {\"$lt\": 800000}}. Get the field keys with get_single_wix_data_collection_by_id. Items come as {id, dataCollectionId, data}.",
        query: CommonParams.paging,
        body: [collectionParam] + CommonParams.query(fields: "the collection's field keys, plus _id, _createdDate, _updatedDate"),
        tags: ["data", "items"]
    )

    private static func collection(_ site: SiteState, _ id: String) throws -> JSONValue {
        guard let found = try? site.record(.dataCollections, id: id) else {
            let known = site.records(.dataCollections).compactMap { $0["id"]?.stringValue }.joined(separator: ", ")
            throw SandboxError.notFound("Unknown data collection '\(id)'. Collections: \(known).")
        }
        return found
    }

    private static func items(_ site: SiteState, collection id: String) throws -> [JSONValue] {
        _ = try collection(site, id)
        return site.records(.dataItems).filter { $0["dataCollectionId"]?.stringValue == id }
    }

    private static func item(_ site: SiteState, id: String, collection: String) throws -> JSONValue {
        _ = try self.collection(site, collection)
        let item = try site.record(.dataItems, id: id)
        guard item["dataCollectionId"]?.stringValue == collection else {
            throw SandboxError.notFound("No item with id '\(id)' in data collection '\(collection)'.")
        }
        return item
    }

    /// The item data, checked key by key against the collection's fields; all problems in one message.
    private static func checkedData(_ data: JSONValue, collection: JSONValue, requireAll: Bool) throws -> [String: JSONValue] {
        let members = data.objectValue!
        // A site file may name a field twice: the first definition counts, never a trap.
        let fields = Dictionary((collection["fields"]?.arrayValue ?? []).compactMap { f in f["key"]?.stringValue.map { ($0, f) } },
                                uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for key in members.keys.sorted() {
            let value = members[key]!
            guard let field = fields[key] else {
                problems.append(key.hasPrefix("_") ? "\(key) is a system field and cannot be written" : "\(key) is not a field of the collection (fields: \(fields.keys.sorted().joined(separator: ", ")))")
                continue
            }
            let type = field["type"]?.stringValue ?? "TEXT"
            if value != .null, !accepts(type, value) {
                problems.append("\(key) must be \(type) (\(typeHint(type))), got \(value.typeName) \(value.compactText)")
            }
        }
        if requireAll {
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) where field["required"] == true && (members[key] ?? .null) == .null {
                problems.append("\(key) is required")
            }
        }
        guard problems.isEmpty else {
            throw SandboxError.badRequest("Invalid data for collection '\(collection["id"]?.stringValue ?? "")': " + problems.joined(separator: "; ") + ".")
        }
        return members
    }

    private static func checkRequired(_ data: JSONValue, collection: JSONValue) throws {
        let missing = (collection["fields"]?.arrayValue ?? []).filter { $0["required"] == true && (data[$0["key"]?.stringValue ?? ""] ?? .null) == .null }
        guard missing.isEmpty else {
            throw SandboxError.badRequest("Required field(s) cannot be cleared: \(missing.compactMap { $0["key"]?.stringValue }.joined(separator: ", ")).")
        }
    }

    private static func accepts(_ type: String, _ value: JSONValue) -> Bool {
        switch type {
        case "NUMBER": value.doubleValue != nil
        case "BOOLEAN": value.boolValue != nil
        case "DATE", "DATETIME": value.stringValue.flatMap(ISODate.parse) != nil
        case "URL", "IMAGE": value.stringValue.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false
        case "ARRAY_STRING": value.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false
        default: value.stringValue != nil
        }
    }

    private static func typeHint(_ type: String) -> String {
        switch type {
        case "NUMBER": "a number"
        case "BOOLEAN": "true or false"
        case "DATE": "a yyyy-mm-dd date"
        case "DATETIME": "an ISO-8601 timestamp"
        case "URL", "IMAGE": "an http(s) URL"
        case "ARRAY_STRING": "an array of strings"
        default: "a string"
        }
    }
}
