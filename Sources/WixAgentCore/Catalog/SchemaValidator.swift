/// One way in which arguments do not fit a schema, located by a JSON path such as `lineItems[0].quantity`.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// Checks a value against the subset of JSON Schema that tool catalogs use:
/// `type` (one or several), `required`, `properties`, `additionalProperties: false`, `items`,
/// `enum`, `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`.
///
/// Unknown object keys are rejected where a schema lists its properties: a typo in a write
/// should fail before the request, not be ignored by the API.
public enum SchemaValidator {
    public static func validate(_ value: JSONValue, against schema: JSONValue) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, schema, path: "", into: &issues)
        return issues
    }

    private static func check(_ value: JSONValue, _ schema: JSONValue, path: String, into issues: inout [ValidationIssue]) {
        guard case .object = schema else { return }
        if let types = allowedTypes(schema), !types.contains(where: { matches(value, type: $0) }) {
            issues.append(ValidationIssue(path: path, problem: "expected \(types.joined(separator: " or ")), got \(value.typeName)"))
            return
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            let listed = options.map(\.compactText).joined(separator: ", ")
            issues.append(ValidationIssue(path: path, problem: "must be one of \(listed), got \(value.compactText)"))
        }
        switch value {
        case .object(let members): checkObject(members, schema, path: path, into: &issues)
        case .array(let items): checkArray(items, schema, path: path, into: &issues)
        case .number(let n): checkNumber(n, schema, path: path, into: &issues)
        case .string(let s): checkString(s, schema, path: path, into: &issues)
        default: break
        }
    }

    private static func checkObject(_ members: [String: JSONValue], _ schema: JSONValue, path: String, into issues: inout [ValidationIssue]) {
        for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[key] == nil || members[key] == .null {
            issues.append(ValidationIssue(path: join(path, key), problem: "is required"))
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let closed = schema["additionalProperties"] == .bool(false) || !properties.isEmpty && schema["additionalProperties"] == nil
        for key in members.keys.sorted() {
            if let propertySchema = properties[key] {
                check(members[key]!, propertySchema, path: join(path, key), into: &issues)
            } else if let extra = schema["additionalProperties"], case .object = extra {
                check(members[key]!, extra, path: join(path, key), into: &issues)
            } else if closed {
                let known = properties.keys.sorted().joined(separator: ", ")
                issues.append(ValidationIssue(path: join(path, key), problem: "is not a known argument (known: \(known))"))
            }
        }
    }

    private static func checkArray(_ items: [JSONValue], _ schema: JSONValue, path: String, into issues: inout [ValidationIssue]) {
        if let min = schema["minItems"]?.intValue, items.count < min {
            issues.append(ValidationIssue(path: path, problem: "needs at least \(min) item(s)"))
        }
        if let max = schema["maxItems"]?.intValue, items.count > max {
            issues.append(ValidationIssue(path: path, problem: "allows at most \(max) item(s)"))
        }
        if let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() {
                check(item, itemSchema, path: "\(path)[\(i)]", into: &issues)
            }
        }
    }

    private static func checkNumber(_ n: Double, _ schema: JSONValue, path: String, into issues: inout [ValidationIssue]) {
        if let min = schema["minimum"]?.doubleValue, n < min {
            issues.append(ValidationIssue(path: path, problem: "must be at least \(JSONValue.number(min).compactText)"))
        }
        if let max = schema["maximum"]?.doubleValue, n > max {
            issues.append(ValidationIssue(path: path, problem: "must be at most \(JSONValue.number(max).compactText)"))
        }
    }

    /// Lengths count code points, as JSON Schema does (not graphemes: "é" written as e and a
    /// combining accent is two).
    private static func checkString(_ s: String, _ schema: JSONValue, path: String, into issues: inout [ValidationIssue]) {
        let length = s.unicodeScalars.count
        if let min = schema["minLength"]?.intValue, length < min {
            issues.append(ValidationIssue(path: path, problem: "must be at least \(min) character(s)"))
        }
        if let max = schema["maxLength"]?.intValue, length > max {
            issues.append(ValidationIssue(path: path, problem: "must be at most \(max) character(s)"))
        }
    }

    private static func allowedTypes(_ schema: JSONValue) -> [String]? {
        switch schema["type"] {
        case .string(let t): [t]
        case .array(let ts): ts.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
             ("array", .array), ("object", .object): true
        case ("integer", .number): value.intValue != nil
        default: false
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
