import Foundation

/// ISO-8601 timestamps as Wix writes them (`2024-01-15T10:00:00.000Z`), and lenient parsing.
public enum ISODate {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()
    private static let day = Date.ISO8601FormatStyle().year().month().day()

    public static func string(_ date: Date) -> String { date.formatted(fractional) }

    /// `yyyy-MM-dd` for date-only fields.
    public static func dayString(_ date: Date) -> String { date.formatted(day) }

    /// Parses a timestamp with or without fractional seconds, or a plain `yyyy-MM-dd` day (UTC).
    public static func parse(_ text: String) -> Date? {
        guard text.count >= 10, text.first?.isNumber == true else { return nil }
        return (try? fractional.parse(text)) ?? (try? whole.parse(text)) ?? (text.count == 10 ? try? day.parse(text) : nil)
    }
}
