import Foundation
import WixAgentCore

/// 3. "Query the member directory for all users who joined in the last 30 days but have not updated
/// their profile picture or bio": one member query on join date and on the photo and bio being absent.
enum NewMembersWorkflow: OfflineWorkflow {
    static let tool = "wix_members_query"
    static let pageSize = 50

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "member", "users"), TextPatterns.mentions(text, "joined", "signed up", "registered", "new "),
              let period = RelativeDate.periodStart(in: text, now: turn.now, timeZone: turn.timeZone) else { return nil }
        var lacking: [(path: String, name: String)] = []
        if TextPatterns.mentions(text, "picture", "photo", "avatar") { lacking.append(("profile.photo", "profile photo")) }
        if TextPatterns.mentions(text, "bio", "about") { lacking.append(("about", "bio")) }
        // "Joined last month" is the calendar month (`CatalogWorkflow`); this is "the last 30 days" and profiles.
        guard !lacking.isEmpty || period.phrase.rangeOfCharacter(from: .decimalDigits) != nil else { return nil }
        if let missing = turn.missing(tool, for: "query members") { return missing }
        guard let result = turn.result(of: tool) else {
            let since = WixFilters.field("createdDate", "$gte", .string(RelativeDate.iso(period.start, timeZone: turn.timeZone)))
            let filter = WixFilters.all([since] + lacking.map { WixFilters.field($0.path, "$exists", false) })
            return .call(.query(tool, filter, sort: ("createdDate", true), limit: pageSize))
        }
        guard let members = result.items else { return .answer("I could not query the members: \(result.failure)") }
        let without = lacking.isEmpty ? "" : " without a " + lacking.map(\.name).joined(separator: " or ")
        let since = RelativeDate.display(period.start, timeZone: turn.timeZone, withTime: false)
        guard !members.isEmpty else { return .answer("No member who joined in the \(period.phrase) (since \(since)) is\(without).") }
        let total = result.json?["total"]?.intValue
        let lines = members.map { m in
            "\(m["profile"]?["nickname"]?.stringValue ?? "?") <\(m["loginEmail"]?.stringValue ?? "no email")>, joined \(RelativeDate.display(iso: m["createdDate"]?.stringValue, timeZone: turn.timeZone, withTime: false)) (member \(m["id"]?.stringValue ?? "?"))"
        }
        return .answer(AnswerFormat.list("\(AnswerFormat.count(total ?? members.count, "member")) joined in the \(period.phrase) (since \(since))\(without)\(AnswerFormat.shownOf(members.count, total: total)):", lines))
    }
}
