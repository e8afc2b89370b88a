import WixAgentCore

/// 8. "Look up the recent order history for member ID 99382. If they have spent more than $1,000 total in
/// the past year and their last order was delayed, add a 'VIP-Risk' label to their contact record":
/// get the member (for its contact id), search its orders of the period newest first (following pages),
/// then label the contact only when both conditions hold. Canceled orders count neither as spend nor as the last order.
enum MemberSpendLabelWorkflow: OfflineWorkflow {
    static let memberTool = "get_single_wix_member_by_id"
    static let ordersTool = "wix_orders_search"
    static let labelTool = "wix_contacts_label"
    static let pageSize = 20

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "member"), TextPatterns.mentions(text, "label"), TextPatterns.mentions(text, "order"),
              let memberID = TextPatterns.firstID(in: text), let label = TextPatterns.quoted(in: text).first else { return nil }
        if let missing = turn.missing(memberTool, ordersTool, labelTool, for: "check order history and label contacts") { return missing }
        let threshold = TextPatterns.amount(after: ["more than", "over", "above", "exceeding", "at least"], in: text) ?? 0
        let period = RelativeDate.periodStart(in: text, now: turn.now, timeZone: turn.timeZone)
            ?? RelativeDate.periodStart(in: "past year", now: turn.now, timeZone: turn.timeZone)!
        guard let fetched = turn.result(of: memberTool) else { return .call(PlannedCall(name: memberTool, arguments: ["id": .string(memberID)])) }
        guard let member = fetched.body else { return .answer("I could not find member \(memberID), so I labelled nothing: \(fetched.failure)") }
        guard let contactID = member["contactId"]?.stringValue else { return .answer("Member \(memberID) has no linked contact, so there is no contact record to label.") }

        // Orders of the period, newest first, page by page.
        let pages = turn.results(of: ordersTool)
        let search = WixFilters.all([
            WixFilters.equals("buyerInfo.memberId", .string(memberID)),
            WixFilters.field("createdDate", "$gte", .string(RelativeDate.iso(period.start, timeZone: turn.timeZone))),
        ])
        if let failed = pages.first(where: { $0.items == nil }) { return .answer("I could not search the orders of member \(memberID): \(failed.failure)") }
        if pages.isEmpty || pages.last?.json?["next_cursor"]?.stringValue != nil {
            let cursor = pages.last?.json?["next_cursor"].map { ["next_cursor": $0] } ?? [:]
            return .call(.query(ordersTool, search, sort: ("createdDate", true), limit: pageSize, extra: cursor))
        }
        let orders = pages.flatMap { $0.items ?? [] }.filter { $0["status"]?.stringValue != "CANCELED" }
        let spent = orders.compactMap { $0["priceSummary"]?["total"]?.doubleValue }.reduce(0, +)
        let last = orders.first
        let delayed = last?["shippingInfo"]?["delayed"]?.boolValue == true
        let who = "Member \(memberID) (\(member["profile"]?["nickname"]?.stringValue ?? member["loginEmail"]?.stringValue ?? "no name"), contact \(contactID))"
        let facts = [
            "\(AnswerFormat.count(orders.count, "order")) in the \(period.phrase) (canceled orders not counted), \(Money.text(spent)) in total: \(spent > threshold ? "more" : "not more") than \(Money.text(threshold))",
            last.map { "Last order #\($0["number"]?.stringValue ?? "?") of \(RelativeDate.display(iso: $0["createdDate"]?.stringValue, timeZone: turn.timeZone, withTime: false)): "
                + (delayed ? "delayed (\($0["shippingInfo"]?["delayReason"]?.stringValue ?? "no reason given"))" : "not delayed") } ?? "No last order",
        ]
        let report = AnswerFormat.list("\(who):", facts)
        guard spent > threshold, delayed else {
            return .answer(report + "\nSo I did not add the '\(label)' label: " + (spent > threshold ? "the last order was not delayed." : "they spent \(Money.text(threshold)) or less."))
        }
        guard let labelled = turn.result(of: labelTool) else {
            return .call(PlannedCall(name: labelTool, arguments: ["id": .string(contactID), "labelKeys": [.string(label)]]))
        }
        guard labelled.body != nil else { return .answer(report + "\nBoth conditions hold, but I did not add the '\(label)' label: \(labelled.failure)") }
        return .answer(report + "\nBoth conditions hold, so I added the '\(label)' label to contact \(contactID) (the member's contact record, not member id \(memberID)).")
    }
}
