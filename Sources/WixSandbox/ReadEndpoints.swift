import WixAgentCore

/// Builders for the read tools every resource has, so list/get/query share one implementation.
extension Endpoint {
    /// `list`: one page of all records, newest first unless `defaultSort` says otherwise.
    static func list(_ table: Table, _ name: String, _ description: String, tags: [String], defaultSort: Paging.SortKey? = .init(path: "createdDate", descending: true)) -> Endpoint {
        Endpoint(Tool(name, resource: table.rawValue, method: "list", description: description, query: CommonParams.paging, tags: tags)) { call, site in
            try Paging.page(site.records(table), call: call, defaultSort: defaultSort)
        }
    }

    /// `get`: one record by the id in the path, in Wix's own shape (`{"order": {…}}`), as a real
    /// Truto proxy passes the provider's body through.
    static func get(_ table: Table, _ name: String, _ description: String, tags: [String]) -> Endpoint {
        Endpoint(Tool(name, resource: table.rawValue, method: "get", description: description, tags: tags)) { call, site in
            .object([table.wixKey: try site.record(table, id: call.targetID)])
        }
    }

    /// A custom read (`query`, `search`) taking a Wix `filter` and `sort` in the body.
    static func query(_ table: Table, _ name: String, method: String = "query", _ description: String, fields: String, tags: [String]) -> Endpoint {
        Endpoint(Tool(name, resource: table.rawValue, method: method, description: description, query: CommonParams.paging, body: CommonParams.query(fields: fields), tags: tags)) { call, site in
            try Paging.page(site.records(table), call: call)
        }
    }
}
