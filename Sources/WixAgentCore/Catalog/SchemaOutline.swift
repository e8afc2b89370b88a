/// A JSON Schema as a readable tree: one row per property, nested objects and array items indented.
/// The CLI prints it and the TUI's schema browser draws it.
public struct SchemaOutline: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var depth: Int
        public var name: String
        /// e.g. `string`, `integer`, `array of object`, `string | null`.
        public var type: String
        public var required: Bool
        /// Allowed values, as JSON text.
        public var options: [String]
        public var description: String
    }

    public var rows: [Row]

    public init(schema: JSONValue) {
        var rows: [Row] = []
        Self.walk(schema, depth: 0, into: &rows)
        self.rows = rows
    }

    private static func walk(_ schema: JSONValue, depth: Int, into rows: inout [Row]) {
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = schema["properties"]?.objectValue ?? [:]
        // Required properties first, then the rest, each group alphabetically.
        let names = properties.keys.sorted { (required.contains($1) ? 1 : 0, $0) < (required.contains($0) ? 1 : 0, $1) }
        for name in names {
            let property = properties[name]!
            rows.append(Row(
                depth: depth, name: name, type: typeText(property), required: required.contains(name),
                options: property["enum"]?.arrayValue?.map(\.compactText) ?? [],
                description: property["description"]?.stringValue ?? ""))
            if property["properties"] != nil {
                walk(property, depth: depth + 1, into: &rows)
            } else if let items = property["items"], items["properties"] != nil {
                walk(items, depth: depth + 1, into: &rows)
            }
        }
    }

    static func typeText(_ schema: JSONValue) -> String {
        let base: String
        switch schema["type"] {
        case .string(let t): base = t
        case .array(let ts): base = ts.compactMap(\.stringValue).joined(separator: " | ")
        default: base = schema["enum"] != nil ? "enum" : "any"
        }
        if base == "array", let items = schema["items"] { return "array of \(typeText(items))" }
        return base
    }

    /// The tree as text lines, the same in `wixagent tools show` and the TUI's schema browser:
    /// `* name: type (required)` (or `• name: type`), then its allowed values and description
    /// indented below, nested properties one level deeper.
    public var lines: [String] {
        if rows.isEmpty { return ["(no arguments)"] }
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
