import Foundation

/// An instant as a person reads it in a dialog: weekday, day, month, year and time in a zone,
/// with the UTC time beside it (`Thu 10 Dec 2026 16:00 (15:00 UTC)`: the zone is the person's
/// own, `time_zone` or the machine's); in UTC, just once.
public enum InstantText {
    public static func describe(_ date: Date, in zone: TimeZone) -> String {
        let utc = TimeZone(identifier: "UTC") ?? zone
        let seconds = Calendar(identifier: .gregorian).component(.second, from: date) != 0
        let clock = seconds ? "HH:mm:ss" : "HH:mm"
        guard zone.secondsFromGMT(for: date) != 0 else { return format(date, "EEE d MMM yyyy \(clock)", utc) + " UTC" }
        return format(date, "EEE d MMM yyyy \(clock)", zone) + " (\(format(date, clock, utc)) UTC)"
    }

    /// The instant an ISO-8601 timestamp (with a time, not a bare day) names, described; nil for other text.
    public static func describe(_ text: String, in zone: TimeZone) -> String? {
        guard text.count > 10, let date = ISODate.parse(text) else { return nil }
        return describe(date, in: zone)
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
