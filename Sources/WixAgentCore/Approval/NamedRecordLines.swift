import Foundation

/// What the dialog says of the records a write names (`NamedRecord`): each as its read found it
/// (the preview's identifying fields), `resolving…` until the read answers, or why it could not
/// be read; and for an order's line items, each line with quantity and unit price and the total
/// after discounts (`OrderTotal`).
public enum NamedRecordLines {
    /// How a named record's read stands.
    public enum Read: Sendable, Hashable {
        case pending
        case found(JSONValue)
        case failed(String)
    }

    public static func lines(_ named: [NamedRecord], reads: [String: Read], arguments: [String: JSONValue], in zone: TimeZone) -> [String] {
        var lines = named.map { record -> String in
            switch reads[record.readKey] ?? .pending {
            case .pending: return "\(record.path) → \(record.noun): resolving…"
            case .failed(let why): return "\(record.path) → \(record.noun): not read (\(why))"
            case .found(let body): return "\(record.path) → " + WritePreview.identity(body, noun: record.noun, in: zone, showingID: false)
            }
        }
        var products: [String: JSONValue] = [:]
        for record in named where record.noun == "product" {
            if case .found(let body) = reads[record.readKey] { products[record.id] = body }
        }
        lines += OrderTotal(arguments: arguments, products: products)?.lines ?? []
        return lines
    }
}
