import WixAgentCore

/// A flat JSON schema as readable lines for the schema browser: one per property with its type
/// and a required mark, its enum values and description indented below, nested properties deeper.
/// The rows come from the core's `SchemaOutline`, which the CLI prints too.
enum SchemaTree {
    static func lines(_ schema: JSONValue) -> [String] {
        let rows = SchemaOutline(schema: schema).rows
        guard !rows.isEmpty else { return ["(no arguments)"] }
        var out: [String] = []
        for row in rows {
            let indent = String(repeating: "    ", count: row.depth)
            let deeper = indent + "    "
            out.append("\(indent)\(row.required ? "*" : "•") \(row.name): \(row.type)\(row.required ? " (required)" : "")")
            if !row.options.isEmpty { out.append(deeper + "one of: " + row.options.joined(separator: " | ")) }
            if !row.description.isEmpty { out.append(deeper + row.description) }
        }
        return out
    }
}
