import Foundation

/// What the dialog says of a write beyond its preview: each record it names (`NamedRecord`) as
/// its read found it (the preview's identifying fields), `resolving…` until the read answers, or
/// why it could not be read; for an order's line items, each line with quantity and unit price
/// and the total after discounts (`OrderTotal`); and each time it sets that the preview does not
/// show, with its weekday, in the person's zone (`InstantText`).
public enum NamedRecordLines {
    /// How a named record's read stands.
    public enum Read: Sendable, Hashable {
        case pending
        case found(JSONValue)
        case failed(String)
    }

    /// The lines for `named` as its reads stand. `record` is the record the write acts on, as its
    /// preview read it, and `method` the write's method: a list of keys it adds to or takes from
    /// is shown before and after.
    public static func lines(_ named: [NamedRecord], reads: [String: Read], arguments: [String: JSONValue], record: JSONValue? = nil,
                             method: String = "update", in zone: TimeZone) -> [String] {
        var lines = named.map { named -> String in
            let read = reads[named.readKey] ?? .pending
            switch (read, named.lookup) {
            case (.pending, .id): return "\(named.path) → \(named.noun): resolving…"
            case (.pending, .keys): return "\(named.path) → \(named.noun)s: resolving…"
            case (.failed(let why), _): return "\(named.path) → \(named.noun): not read (\(why))"
            case (.found(let body), .id): return "\(named.path) → " + WritePreview.identity(body, noun: named.noun, in: zone, showingID: false)
            case (.found(let body), .keys(let given)):
                return keysLine(named, given: given, list: body.arrayValue ?? [], before: record.flatMap { WritePreview.field(named.path, in: $0) }, method: method)
            }
        }
        var products: [String: JSONValue] = [:]
        for product in named where product.noun == "product" {
            if case .id(let id) = product.lookup, case .found(let body) = reads[product.readKey] { products[id] = body }
        }
        lines += OrderTotal(arguments: arguments, products: products)?.lines ?? []
        for key in arguments.keys.sorted() where record.flatMap({ WritePreview.field(key, in: $0) }) == nil {
            if let text = arguments[key]?.stringValue, let instant = InstantText.describe(text, in: zone) { lines.append("\(key): \(instant)") }
        }
        return lines
    }

    /// `labels: VIP → VIP, VIP-Risk`: each key or name as the list names it, before and after the
    /// write when the record has the field; an entry the list does not have says so.
    static func keysLine(_ named: NamedRecord, given: [String], list: [JSONValue], before: JSONValue?, method: String) -> String {
        func entry(_ text: String) -> JSONValue? {
            list.first { $0["key"]?.stringValue == text }
                ?? list.first { ($0["displayName"] ?? $0["name"])?.stringValue?.lowercased() == text.lowercased() }
        }
        func name(_ text: String) -> String {
            guard let found = entry(text) else { return "\(text) (no such \(named.noun))" }
            return (found["displayName"] ?? found["name"])?.stringValue ?? text
        }
        // Compared by what they name: a key and the display name of the same label are one label.
        func identity(_ text: String) -> String { entry(text)?["key"]?.stringValue ?? text }
        let label = "\(named.path) → \(named.noun)s: "
        let names = { (items: [String]) in items.isEmpty ? "none" : items.map(name).joined(separator: ", ") }
        guard let had = before?.arrayValue?.compactMap(\.stringValue) else { return label + names(given) }
        let after = WritePreview.result(of: given.map(identity), on: had.map(identity), by: method)
        return label + (Set(after) == Set(had.map(identity)) ? "\(names(had)) (unchanged)" : "\(names(had)) → \(names(after))")
    }
}
