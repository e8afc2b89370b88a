import WixAgentCore

/// A flat JSON schema as readable lines: one per property with its type and a required mark,
/// then its enum values and description indented below; nested objects and arrays one level deeper.
enum SchemaTree {
    static func lines(_ schema: JSONValue, indent: String = "") -> [String] {
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        guard !properties.isEmpty else { return [indent + "(no arguments)"] }
        let names = properties.keys.sorted { (required.contains($0) ? 0 : 1, $0) < (required.contains($1) ? 0 : 1, $1) }
        var out: [String] = []
        for name in names {
            let property = properties[name]!
            out.append("\(indent)\(required.contains(name) ? "*" : "•") \(name): \(typeText(property))\(required.contains(name) ? " (required)" : "")")
            let deeper = indent + "    "
            if let options = property["enum"]?.arrayValue {
                out.append(deeper + "one of: " + options.map(\.compactText).joined(separator: " | "))
            }
            if let description = property["description"]?.stringValue, !description.isEmpty {
                out.append(deeper + description)
            }
            if property["properties"] != nil {
                out += lines(property, indent: deeper)
            } else if let items = property["items"], items["properties"] != nil {
                out.append(deeper + "each item:")
                out += lines(items, indent: deeper + "  ")
            }
        }
        return out
    }

    /// `string`, `integer | null`, `array of string`.
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
}
