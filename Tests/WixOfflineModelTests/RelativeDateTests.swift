import Foundation
import Testing
@testable import WixAgentCore
@testable import WixOfflineModel

@Suite("Relative dates resolve against now in the user's time zone")
struct RelativeDateTests {
    static let zone = TimeZone(identifier: "America/Los_Angeles")!

    /// `day` (2025-06-dd) at 9:00 local: June 11, 2025 is a Wednesday.
    static func june(_ day: Int, hour: Int = 9) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2025, month: 6, day: day, hour: hour))!
    }

    static func resolve(_ text: String, on day: Int, defaultHour: Int = 9) -> String? {
        RelativeDate.moment(in: text, now: june(day), timeZone: zone, defaultHour: defaultHour).map { RelativeDate.iso($0, timeZone: zone) }
    }

    @Test(arguments: [
        ("tomorrow at 5 PM", 11, "2025-06-12T17:00:00-07:00"),
        ("due by tomorrow at 5pm", 11, "2025-06-12T17:00:00-07:00"),
        ("next Thursday at 3 PM", 11, "2025-06-12T15:00:00-07:00"),  // said on a Wednesday: tomorrow
        ("next Thursday at 3 PM", 12, "2025-06-19T15:00:00-07:00"),  // said on a Thursday: in a week
        ("next Thursday at 3 PM", 13, "2025-06-19T15:00:00-07:00"),  // said on a Friday
        ("this Monday at 10:30 am", 11, "2025-06-16T10:30:00-07:00"),
        ("on Friday at 17:45", 11, "2025-06-13T17:45:00-07:00"),
        ("the day after tomorrow at noon", 11, "2025-06-13T12:00:00-07:00"),
        ("in 3 days", 11, "2025-06-14T17:00:00-07:00"),
        ("today at 4 p.m.", 11, "2025-06-11T16:00:00-07:00"),
        ("at 4 PM", 11, "2025-06-11T16:00:00-07:00"),
        ("2025-07-01 at 9 AM", 11, "2025-07-01T09:00:00-07:00"),
    ])
    func moments(text: String, day: Int, expected: String) {
        #expect(Self.resolve(text, on: day, defaultHour: 17) == expected)
    }

    @Test func textWithoutADayOrTimeNamesNoMoment() {
        #expect(Self.resolve("5 units for $1,000", on: 11) == nil)
    }

    @Test func daylightSavingIsRespected() {
        // March 9, 2025 is when Los Angeles moves to PDT: "tomorrow" from March 8 is -07:00.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        let now = calendar.date(from: DateComponents(year: 2025, month: 3, day: 8, hour: 12))!
        let due = RelativeDate.moment(in: "tomorrow at 5 PM", now: now, timeZone: Self.zone, defaultHour: 9)!
        #expect(RelativeDate.iso(due, timeZone: Self.zone) == "2025-03-09T17:00:00-07:00")
    }

    @Test(arguments: [
        ("joined in the last 30 days", "2025-05-12T09:00:00-07:00", "last 30 days"),
        ("in the past year", "2024-06-11T09:00:00-07:00", "past year"),
        ("over the past 2 weeks", "2025-05-28T09:00:00-07:00", "past 2 weeks"),
        ("in the last month", "2025-05-11T09:00:00-07:00", "last month"),
    ])
    func periods(text: String, start: String, phrase: String) throws {
        let period = try #require(RelativeDate.periodStart(in: text, now: Self.june(11), timeZone: Self.zone))
        #expect(RelativeDate.iso(period.start, timeZone: Self.zone) == start)
        #expect(period.phrase == phrase)
    }
}
