import Foundation

/// Dates as short text, formatted by the C library (`strftime`): Foundation's formatters and
/// calendars load ICU's locale and time-zone data, which these fixed formats do not need.
public enum ClockText {
    /// `2025-01-31 14:05` in the local time zone, as session lists show when a session was used.
    public static func localMinute(_ date: Date) -> String {
        format(date, "%Y-%m-%d %H:%M", utc: false)
    }

    /// `20250131-140502` in UTC: the sortable stamp that starts a session id.
    public static func utcStamp(_ date: Date) -> String {
        format(date, "%Y%m%d-%H%M%S", utc: true)
    }

    /// `2025-01-31 14:05:02 UTC`: when a service said it can be tried again.
    public static func utcTime(_ date: Date) -> String {
        format(date, "%Y-%m-%d %H:%M:%S UTC", utc: true)
    }

    private static func format(_ date: Date, _ pattern: String, utc: Bool) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
