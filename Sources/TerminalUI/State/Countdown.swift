import Foundation

/// What a live countdown shows.
enum Countdown {
    /// Whole seconds from `now` until `end`, rounded up, never negative.
    static func seconds(until end: Date, at now: Date) -> Int {
        Int(max(0, end.timeIntervalSince(now)).rounded(.up))
    }
}
