import Foundation
import WixAgentCore

extension JSONValue {
    /// Every value at a dotted path such as `priceData.price`; arrays met on the way are
    /// flattened, so `lineItems.productName` yields one value per line item.
    func values(atPath path: String) -> [JSONValue] {
        var current: [JSONValue] = [self]
        for key in path.split(separator: ".").map(String.init) {
            current = current.flatMap { value -> [JSONValue] in
                switch value {
                case .object(let members): members[key].map { [$0] } ?? []
                case .array(let items): items.compactMap { $0[key] }
                default: []
                }
            }
        }
        return current
    }

    /// Sets (or with `nil` removes) a member of an object; other values are left alone.
    mutating func set(_ key: String, _ value: JSONValue?) {
        guard case .object(var members) = self else { return }
        members[key] = value
        self = .object(members)
    }

    /// Shallow-merges the members of `other` into this object; `null` members remove keys.
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        var result = self
        for (key, value) in other { result.set(key, value == .null ? nil : value) }
        return result
    }
}

/// ISO-8601 timestamps as Wix writes them (`2024-01-15T10:00:00.000Z`), and lenient parsing.
enum ISODate {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()
    private static let day = Date.ISO8601FormatStyle().year().month().day()

    static func string(_ date: Date) -> String { date.formatted(fractional) }

    /// `yyyy-MM-dd` for date-only fields.
    static func dayString(_ date: Date) -> String { date.formatted(day) }

    /// Parses a timestamp with or without fractional seconds, or a plain `yyyy-MM-dd` day (UTC).
    static func parse(_ text: String) -> Date? {
        guard text.count >= 10, text.first?.isNumber == true else { return nil }
        return (try? fractional.parse(text)) ?? (try? whole.parse(text)) ?? (text.count == 10 ? try? day.parse(text) : nil)
    }
}

/// Money rounded to cents, as Wix returns amounts.
func cents(_ amount: Double) -> Double { (amount * 100).rounded() / 100 }
