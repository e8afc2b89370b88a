import Foundation
import WixAgentCore

/// The decoded, schema-checked arguments of one proxy request.
struct Call: Sendable {
    /// The record id from the path (get, update, delete).
    var pathID: String?
    var query: [String: JSONValue]
    var body: [String: JSONValue]
    /// Wall-clock time of the request, for `createdDate`/`updatedDate` of writes.
    var now: Date

    /// An argument from the query or the body.
    subscript(key: String) -> JSONValue? { query[key] ?? body[key] }

    /// The target record id: from the path, else the `id` query key of custom methods.
    var targetID: String { pathID ?? query["id"]?.stringValue ?? "" }
}

/// A tool of the catalog together with the code that serves it.
struct Endpoint: Sendable {
    var tool: Tool
    /// The tool's proxy method. Every sandbox tool is built as one (`Tool.init(_:resource:method:…)`);
    /// a tool of another kind would have an empty one, which no request names.
    var method: ProxyMethod
    /// Runs the call against a draft of the site; the store commits the draft only for writes that succeed.
    var handle: @Sendable (Call, inout SiteState) throws -> JSONValue

    init(_ tool: Tool, handle: @escaping @Sendable (Call, inout SiteState) throws -> JSONValue) {
        self.tool = tool
        self.method = tool.proxy ?? ProxyMethod(resource: "", method: "")
        self.handle = handle
    }

    /// Decodes query items: values whose schema is a plain string stay text; others are read as
    /// JSON when they parse (the client sends non-strings as compact JSON), else kept as text.
    func decodeQuery(_ items: [(name: String, value: String)]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (name, value) in items {
            let type = method.querySchema?["properties"]?[name]?["type"]
            if type == "string" {
                result[name] = .string(value)
            } else {
                result[name] = (try? JSONValue.parse(value)) ?? .string(value)
            }
        }
        return result
    }

    /// Schema problems of the query and body, as one message; nil when both fit.
    func validationMessage(query: [String: JSONValue], body: [String: JSONValue]) -> String? {
        let closed: JSONValue = ["type": "object", "properties": [:], "additionalProperties": false]
        var parts: [String] = []
        let queryIssues = SchemaValidator.validate(.object(query), against: method.querySchema ?? closed)
        if !queryIssues.isEmpty { parts.append("query parameters: " + queryIssues.map(\.description).joined(separator: "; ")) }
        let bodyIssues = SchemaValidator.validate(.object(body), against: method.bodySchema ?? closed)
        if !bodyIssues.isEmpty { parts.append("body: " + bodyIssues.map(\.description).joined(separator: "; ")) }
        return parts.isEmpty ? nil : "Invalid arguments for \(tool.name): " + parts.joined(separator: ". ")
    }
}
