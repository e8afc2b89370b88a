import Foundation
import WixAgentCore

/// The arguments of a create, filled from the request by the schema's required fields: a name or
/// title from quoted text, an email, a date ("due tomorrow at 5 PM"), an amount; what it cannot
/// fill is `missing`, for the model to ask about instead of guessing.
struct NewRecord {
    var arguments: [String: JSONValue] = [:]
    var missing: [String] = []

    init(schema: JSONValue, text: String, now: Date, timeZone: TimeZone) {
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let properties = schema["properties"]?.objectValue ?? [:]
        var quoted = TextPatterns.quoted(in: text)
        for key in required {
            let lower = key.lowercased()
            let type = properties[key]?["type"]?.stringValue
            var value: JSONValue?
            if lower.contains("email") {
                value = TextPatterns.emails(in: text).first.map(JSONValue.string)
            } else if lower.hasSuffix("date") {
                value = RelativeDate.moment(in: text, now: now, timeZone: timeZone, defaultHour: 17).map { .string(RelativeDate.iso($0, timeZone: timeZone)) }
            } else if type == "number" || type == "integer" {
                value = TextPatterns.amount(after: ["of", "for", "at", "price", "amount"], in: text).map(JSONValue.number)
            } else if type == "string", !quoted.isEmpty {
                value = .string(quoted.removeFirst())
            }
            if let value { arguments[key] = value } else { missing.append(key) }
        }
    }

    /// A request that gives what was missing.
    func example(_ resource: CatalogResource) -> String {
        let parts = missing.map { key -> String in
            let lower = key.lowercased()
            if lower.contains("email") { return "for jane@example.com" }
            if lower.hasSuffix("date") { return "due tomorrow at 5 PM" }
            return "called 'Example'"
        }
        return "create a \(resource.singular) " + parts.joined(separator: " ")
    }
}
