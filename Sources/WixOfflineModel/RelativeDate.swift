import Foundation
import WixAgentCore

/// Resolves the dates people write against now, in the user's time zone.
///
/// Conventions:
/// - Days: "today", "tomorrow", "the day after tomorrow", "in 3 days", "2025-07-01", and weekdays.
///   A weekday, "this Thursday", "on Thursday" and "next Thursday" all mean the first Thursday
///   after today: said on a Wednesday that is tomorrow, said on a Thursday it is a week later.
/// - Times: "5 PM", "5:30pm", "17:00", "noon", "midnight"; a day without a time is at `defaultHour`:00.
/// - Periods ("last 30 days", "past year", "past 2 weeks") start that many calendar units before now.
enum RelativeDate {
    /// The moment a request names, or nil when it names no day (a time alone means today).
    static func moment(in text: String, now: Date, timeZone: TimeZone, defaultHour: Int) -> Date? {
        let calendar = calendar(timeZone)
        let lower = text.lowercased()
        let time = self.time(in: lower)
        guard let day = day(in: lower, now: now, calendar: calendar) ?? (time != nil ? calendar.startOfDay(for: now) : nil) else { return nil }
        let (hour, minute) = time ?? (defaultHour, 0)
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
    }

    /// The start of the period a request names ("last 30 days"), with the phrase as written.
    static func periodStart(in text: String, now: Date, timeZone: TimeZone) -> (start: Date, phrase: String)? {
        let pattern = #"\b(?:last|past|previous)\s+(?:(\d+)\s+)?(day|week|month|year)s?\b"#
        guard let match = TextPatterns.groups(of: pattern, in: text.lowercased()).first else { return nil }
        let count = Int(match[1]) ?? 1
        let unit: Calendar.Component = ["day": .day, "week": .weekOfYear, "month": .month, "year": .year][match[2]]!
        guard let start = calendar(timeZone).date(byAdding: unit, value: -count, to: now) else { return nil }
        return (start, match[0])
    }

    /// ISO-8601 with the time zone's offset, e.g. `2025-06-13T17:00:00-07:00`, as tools take it.
    static func iso(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// As people read it, e.g. "Friday, June 13, 2025 at 5:00 PM (America/Los_Angeles)".
    static func display(_ date: Date, timeZone: TimeZone, withTime: Bool = true) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = withTime ? "EEEE, MMMM d, yyyy 'at' h:mm a" : "MMMM d, yyyy"
        return formatter.string(from: date) + (withTime ? " (\(timeZone.identifier))" : "")
    }

    /// A timestamp from a tool (UTC ISO-8601) for an answer, in the user's time zone.
    static func display(iso text: String?, timeZone: TimeZone, withTime: Bool = true) -> String {
        guard let text else { return "an unknown date" }
        return parse(iso: text).map { display($0, timeZone: timeZone, withTime: withTime) } ?? text
    }

    /// A tool's ISO-8601 timestamp, with or without fractional seconds.
    static func parse(iso text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static let weekdays: [String] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Start of the named day.
    private static func day(in text: String, now: Date, calendar: Calendar) -> Date? {
        let today = calendar.startOfDay(for: now)
        func plus(_ days: Int) -> Date? { calendar.date(byAdding: .day, value: days, to: today) }
        if let ymd = TextPatterns.groups(of: #"\b(\d{4})-(\d{2})-(\d{2})\b"#, in: text).first {
            return calendar.date(from: DateComponents(year: Int(ymd[1]), month: Int(ymd[2]), day: Int(ymd[3])))
        }
        if text.contains("day after tomorrow") { return plus(2) }
        if text.range(of: #"\btomorrow\b"#, options: .regularExpression) != nil { return plus(1) }
        if text.range(of: #"\b(today|tonight)\b"#, options: .regularExpression) != nil { return today }
        if let n = TextPatterns.groups(of: #"\bin (\d+) days?\b"#, in: text).first.flatMap({ Int($0[1]) }) { return plus(n) }
        let named = TextPatterns.matches(of: #"\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b"#, in: text, group: 1).first
        if let weekday = named, let target = weekdays.firstIndex(where: { $0 == weekday }) {
            let current = calendar.component(.weekday, from: today) - 1
            let ahead = (target - current + 7) % 7
            return plus(ahead == 0 ? 7 : ahead)
        }
        return nil
    }

    /// Hour and minute of the named time of day.
    private static func time(in text: String) -> (Int, Int)? {
        if text.range(of: #"\bnoon\b"#, options: .regularExpression) != nil { return (12, 0) }
        if text.range(of: #"\bmidnight\b"#, options: .regularExpression) != nil { return (0, 0) }
        if let m = TextPatterns.groups(of: #"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b\.?"#, in: text).first, let hour = Int(m[1]), (1...12).contains(hour) {
            return (hour % 12 + (m[3] == "p" ? 12 : 0), Int(m[2]) ?? 0)
        }
        if let m = TextPatterns.groups(of: #"\b([01]?\d|2[0-3]):([0-5]\d)\b"#, in: text).first {
            return (Int(m[1])!, Int(m[2])!)
        }
        return nil
    }
}
