import WixAgentCore

/// Builders for the JSON Schemas in the served tool catalog. Every property carries a description.
enum Schema {
    static func string(_ description: String, enum values: [String]? = nil, format: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let values { schema["enum"] = .array(values.map(JSONValue.string)) }
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }

    static func integer(_ description: String, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "description": .string(description)]
        if let minimum { schema["minimum"] = .number(Double(minimum)) }
        if let maximum { schema["maximum"] = .number(Double(maximum)) }
        return .object(schema)
    }

    static func number(_ description: String, minimum: Double? = nil, maximum: Double? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "number", "description": .string(description)]
        if let minimum { schema["minimum"] = .number(minimum) }
        if let maximum { schema["maximum"] = .number(maximum) }
        return .object(schema)
    }

    static func boolean(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }

    /// An object with known properties (closed: unknown keys are rejected).
    static func object(_ description: String, _ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "description": .string(description), "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    /// An object whose keys are free (filters, CMS item data).
    static func freeObject(_ description: String) -> JSONValue {
        ["type": "object", "description": .string(description)]
    }

    static func array(_ description: String, of items: JSONValue, minItems: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "description": .string(description), "items": items]
        if let minItems { schema["minItems"] = .number(Double(minItems)) }
        return .object(schema)
    }
}

/// One argument of a tool: where it travels is decided by the list it is put in.
struct Param {
    var name: String
    var schema: JSONValue
    var required = false

    init(_ name: String, _ schema: JSONValue, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}

extension Tool {
    /// A catalog tool from its query and body arguments; `required` is derived from both.
    init(_ name: String, resource: String, method: String, description: String, query: [Param] = [], body: [Param] = [], tags: [String]) {
        func schema(_ params: [Param]) -> JSONValue? {
            guard !params.isEmpty else { return nil }
            var schema: [String: JSONValue] = [
                "type": "object",
                "properties": .object(Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0.schema) })),
            ]
            let required = params.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { schema["required"] = .array(required) }
            return .object(schema)
        }
        self.init(
            resource: resource, method: method, name: name, description: description,
            querySchema: schema(query), bodySchema: schema(body),
            required: (query + body).filter(\.required).map(\.name), tags: tags
        )
    }
}

/// Arguments shared by many tools.
enum CommonParams {
    static let paging: [Param] = [
        Param("limit", Schema.integer("Maximum number of records to return (default 50).", minimum: 1, maximum: 100)),
        Param("next_cursor", Schema.string("Cursor from the previous page's `next_cursor`, to fetch the next page.")),
    ]

    static func recordID(_ noun: String) -> Param {
        Param("id", Schema.string("Id of the \(noun) to act on."), required: true)
    }

    /// `filter` and `sort` for query/search tools, with the filterable fields named.
    static func query(fields: String) -> [Param] {
        [
            Param("filter", Schema.freeObject(
                "Wix filter object. Operators: $eq $ne $lt $lte $gt $gte $in $hasSome $hasAll $startsWith $contains "
                    + "$exists $and $or $not; `{\"field\": value}` means $eq. Dot paths reach nested fields. "
                    + "Dates compare as ISO-8601 strings. Fields: \(fields). "
                    + "Example: {\"$and\": [{\"priceData.price\": {\"$lt\": 50}}, {\"collections\": {\"$hasSome\": [\"Summer Collection\"]}}]}")),
            Param("sort", Schema.array(
                "Sort order, first key first.",
                of: Schema.object("One sort key.", [
                    "fieldName": Schema.string("Dot path of the field to sort by."),
                    "order": Schema.string("Sort direction (default ASC).", enum: ["ASC", "DESC"]),
                ], required: ["fieldName"]))),
        ]
    }
}
