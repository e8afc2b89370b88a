import Foundation

/// A span of time a request names: "today", "yesterday", "this week", "last month", "this year",
/// "in November", "last 30 days". Weeks start on the calendar's first weekday.
struct DatePeriod: Sendable, Equatable {
    /// The months as requests name them (the calendar's own names depend on the machine's locale).
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    var start: Date
    var end: Date
    /// As the request said it.
    var phrase: String

    static func find(in text: String, now: Date, timeZone: TimeZone) -> DatePeriod? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let lower = text.lowercased()
        func span(_ unit: Calendar.Component, back: Int, _ phrase: String) -> DatePeriod? {
            guard let current = calendar.dateInterval(of: unit, for: now),
                  let start = calendar.date(byAdding: unit, value: -back, to: current.start),
                  let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
            return DatePeriod(start: start, end: end, phrase: phrase)
        }
        if let rolling = RelativeDate.periodStart(in: lower, now: now, timeZone: timeZone), rolling.phrase.rangeOfCharacter(from: .decimalDigits) != nil || !rolling.phrase.hasPrefix("last") {
            return DatePeriod(start: rolling.start, end: now, phrase: rolling.phrase)
        }
        for (phrase, unit, back) in [("today", Calendar.Component.day, 0), ("yesterday", .day, 1), ("this week", .weekOfYear, 0),
                                     ("last week", .weekOfYear, 1), ("this month", .month, 0), ("last month", .month, 1),
                                     ("this year", .year, 0), ("last year", .year, 1)] where lower.contains(phrase) {
            return span(unit, back: back, phrase)
        }
        for (index, month) in Self.months.enumerated() where lower.range(of: "\\b(in|during|for|from) \(month)\\b", options: .regularExpression) != nil {
            // The latest such month that has begun.
            let year = calendar.component(.year, from: now) - (index + 1 > calendar.component(.month, from: now) ? 1 : 0)
            guard let start = calendar.date(from: DateComponents(year: year, month: index + 1, day: 1)),
                  let end = calendar.date(byAdding: .month, value: 1, to: start) else { continue }
            return DatePeriod(start: start, end: end, phrase: "in \(month.capitalized) \(year)")
        }
        return nil
    }
}
