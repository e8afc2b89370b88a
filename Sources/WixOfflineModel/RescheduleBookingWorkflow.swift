import WixAgentCore

/// 6. "Reschedule appointment ID 847294 to next Thursday at 3 PM, and add a note that the client requested
/// the change due to a schedule conflict": get the booking, then move it (the site keeps its duration) with the note.
enum RescheduleBookingWorkflow: OfflineWorkflow {
    static let getTool = "get_single_wix_booking_by_id"
    static let moveTool = "wix_bookings_reschedule"

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "reschedule", "move"), TextPatterns.mentions(text, "appointment", "booking", "session"),
              let id = TextPatterns.firstID(in: text) else { return nil }
        if let missing = turn.missing(getTool, moveTool, for: "reschedule bookings") { return missing }
        guard let start = RelativeDate.moment(in: text, now: turn.now, timeZone: turn.timeZone, defaultHour: 9) else {
            return .answer("To what day and time should I move appointment \(id)? Say e.g. \"next Thursday at 3 PM\".")
        }
        guard let fetched = turn.result(of: getTool) else { return .call(PlannedCall(name: getTool, arguments: ["id": .string(id)])) }
        guard let booking = fetched.body else { return .answer("I could not find appointment \(id): \(fetched.failure)") }
        let what = describe(booking, id: id)
        let note = TextPatterns.phrase(after: ["note that", "note saying", "note:", "noting that"], in: text).map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }
        guard let moved = turn.result(of: moveTool) else {
            if booking["status"]?.stringValue == "CANCELED" { return .answer("\(what) is canceled, so it cannot be rescheduled.") }
            var arguments: [String: JSONValue] = ["id": .string(id), "startDate": .string(RelativeDate.iso(start, timeZone: turn.timeZone))]
            if let note { arguments["note"] = .string(note) }
            return .call(PlannedCall(name: moveTool, arguments: .object(arguments)))
        }
        guard let after = moved.body else { return .notDone("reschedule \(what)", moved) }
        let minutes = minutesBetween(after["startDate"]?.stringValue, after["endDate"]?.stringValue)
        var lines = [
            "From \(RelativeDate.display(iso: booking["startDate"]?.stringValue, timeZone: turn.timeZone))",
            "To \(RelativeDate.display(iso: after["startDate"]?.stringValue, timeZone: turn.timeZone))" + (minutes.map { ", still \($0) minutes" } ?? ""),
        ]
        if let note { lines.append("Note added: \(note)") }
        return .answer(AnswerFormat.list("Rescheduled \(what):", lines))
    }

    /// "appointment 847294 (Personal Shopping Appointment with Maria Garcia)".
    private static func describe(_ booking: JSONValue, id: String) -> String {
        let service = booking["bookedEntity"]?["title"]?.stringValue
        let person = [booking["contactDetails"]?["firstName"]?.stringValue, booking["contactDetails"]?["lastName"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        let detail = [service, person.isEmpty ? nil : "with \(person)"].compactMap { $0 }.joined(separator: " ")
        return "appointment \(id)" + (detail.isEmpty ? "" : " (\(detail))")
    }

    private static func minutesBetween(_ start: String?, _ end: String?) -> Int? {
        guard let s = start.flatMap(RelativeDate.parse(iso:)), let e = end.flatMap(RelativeDate.parse(iso:)) else { return nil }
        return Int(e.timeIntervalSince(s) / 60)
    }
}
