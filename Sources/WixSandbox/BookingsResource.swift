import Foundation
import WixAgentCore

/// Wix Bookings: appointments and class sessions booked by contacts.
enum BookingsResource {
    private static let tags = ["bookings"]
    static let fields = "id, status (CONFIRMED|PENDING|CANCELED|DECLINED), startDate, endDate, bookedEntity.title, bookedEntity.serviceId, "
        + "contactDetails.contactId, contactDetails.firstName, contactDetails.lastName, contactDetails.email, totalParticipants, "
        + "paymentStatus, notes, createdDate, updatedDate"

    static let endpoints: [Endpoint] = [
        .list(.bookings, "list_all_wix_bookings", "List bookings (appointments), latest created first, with service, start/end time, status, contact details and notes.", tags: tags),
        .get(.bookings, "get_single_wix_booking_by_id", "Get one booking (appointment) by id, e.g. \"847294\".", tags: tags),
        .query(.bookings, "wix_bookings_query", "Query bookings with a Wix filter and sort, e.g. upcoming confirmed ones: {\"status\": \"CONFIRMED\", \"startDate\": {\"$gte\": \"<ISO date>\"}}.", fields: fields, tags: tags),
        Endpoint(Tool("wix_bookings_reschedule", resource: Table.bookings.rawValue, method: "reschedule",
                      description: "Move a booking to a new start time. Without endDate the booking keeps its duration. A note, if given, is appended to the booking's notes. Canceled bookings cannot be rescheduled.",
                      query: [CommonParams.recordID("booking")],
                      body: [
                          Param("startDate", Schema.string("New start, ISO-8601 UTC (e.g. 2025-07-01T15:00:00.000Z).", format: "date-time"), required: true),
                          Param("endDate", Schema.string("New end, ISO-8601; defaults to the new start plus the current duration.", format: "date-time")),
                          Param("note", Schema.string("Text appended to the booking's notes, e.g. the reason for the change.")),
                          Param("notifyParticipants", Schema.boolean("Whether to email the participants about the new time (default true).")),
                      ], tags: tags), handle: reschedule),
        Endpoint(Tool("wix_bookings_cancel", resource: Table.bookings.rawValue, method: "cancel",
                      description: "Cancel a booking: its status becomes CANCELED. A booking that is already canceled cannot be canceled again (409).",
                      query: [CommonParams.recordID("booking")],
                      body: [
                          Param("reason", Schema.string("Why the booking is canceled; appended to its notes.")),
                          Param("notifyParticipants", Schema.boolean("Whether to email the participants (default true).")),
                      ], tags: tags)) { call, site in
            var booking = try active(site, call.targetID, action: "canceled")
            let now = ISODate.string(call.now)
            booking.set("status", "CANCELED")
            booking.set("updatedDate", .string(now))
            if let reason = call.body["reason"]?.stringValue { booking = appendNote("Canceled: \(reason)", to: booking) }
            site.replace(.bookings, booking)
            return ["result": booking]
        },
    ]

    private static func reschedule(_ call: Call, _ site: inout SiteState) throws -> JSONValue {
        var booking = try active(site, call.targetID, action: "rescheduled")
        let startText = call.body["startDate"]!.stringValue!
        guard let start = ISODate.parse(startText) else { throw SandboxError.badRequest("startDate '\(startText)' is not an ISO-8601 timestamp.") }
        let oldStart = booking["startDate"]?.stringValue.flatMap(ISODate.parse) ?? start
        let oldEnd = booking["endDate"]?.stringValue.flatMap(ISODate.parse) ?? oldStart
        var end = start.addingTimeInterval(oldEnd.timeIntervalSince(oldStart))
        if let endText = call.body["endDate"]?.stringValue {
            guard let parsed = ISODate.parse(endText) else { throw SandboxError.badRequest("endDate '\(endText)' is not an ISO-8601 timestamp.") }
            end = parsed
        }
        guard end > start else { throw SandboxError.badRequest("endDate must be after startDate.") }
        booking.set("startDate", .string(ISODate.string(start)))
        booking.set("endDate", .string(ISODate.string(end)))
        booking.set("updatedDate", .string(ISODate.string(call.now)))
        booking.set("revision", .number(Double((booking["revision"]?.intValue ?? 0) + 1)))
        if let note = call.body["note"]?.stringValue { booking = appendNote(note, to: booking) }
        site.replace(.bookings, booking)
        return ["result": booking]
    }

    /// The booking, unless it is canceled (409).
    private static func active(_ site: SiteState, _ id: String, action: String) throws -> JSONValue {
        let booking = try site.record(.bookings, id: id)
        guard booking["status"] != "CANCELED" else {
            throw SandboxError.conflict("Booking '\(id)' is CANCELED and cannot be \(action).")
        }
        return booking
    }

    private static func appendNote(_ note: String, to booking: JSONValue) -> JSONValue {
        let existing = booking["notes"]?.stringValue ?? ""
        return booking.merging(["notes": .string(existing.isEmpty ? note : existing + "\n" + note)])
    }
}
