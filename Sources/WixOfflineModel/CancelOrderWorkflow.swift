import Foundation
import WixAgentCore

/// "Check order 12345 and cancel it" (or "orders 12346 and 12347 … cancel them"): get each order,
/// cancel those that can be, in one batch of writes, and report on each.
enum CancelOrderWorkflow: OfflineWorkflow {
    static let getTool = "get_single_wix_order_by_id"
    static let cancelTool = "wix_orders_cancel"
    static let searchTool = "wix_orders_search"

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText.lowercased()
        let ids = TextPatterns.ids(in: turn.userText)
        // "Cancel", the verb: not "canceled orders", and not a question about them.
        guard text.contains("order"), text.range(of: #"\bcancel\b"#, options: .regularExpression) != nil, !ids.isEmpty,
              !["how many", "list", "show", "which", "count"].contains(where: text.contains) else { return nil }
        if let missing = turn.missing(getTool, cancelTool, for: "check or cancel orders") { return missing }
        let fetched = turn.results(of: getTool)
        guard !fetched.isEmpty else {
            return .call(ids.map { PlannedCall(name: getTool, arguments: ["id": .string($0)]) })
        }
        // What people call an order is often its number (10466), not its id: those not found by id are searched by number.
        let unknown = ids.filter { id in fetched.last { $0.arguments["id"]?.stringValue == id }.flatMap { RecordBody.unwrap($0.json) } == nil }
        let searched = turn.results(of: searchTool)
        if !unknown.isEmpty, searched.isEmpty, turn.schemas[searchTool] != nil {
            return .call(PlannedCall(name: searchTool, arguments: ["filter": ["number": ["$in": .array(unknown.map(JSONValue.string))]], "limit": 50]))
        }
        let byNumber = Dictionary((searched.last?.items ?? []).compactMap { order in order["number"]?.stringValue.map { ($0, order) } }) { first, _ in first }
        var summaries: [String: String] = [:]
        var toCancel: [String] = []
        var orderIDs: [String: String] = [:]
        var report: [String] = []
        for id in ids {
            let found = fetched.last { $0.arguments["id"]?.stringValue == id }.flatMap { RecordBody.unwrap($0.json) } ?? byNumber[id]
            guard let order = found, let orderID = order["id"]?.stringValue else {
                let failure = fetched.last { $0.arguments["id"]?.stringValue == id }?.failure ?? "it was not read"
                report.append("I couldn't find order \(id) by id or number: \(failure)")
                continue
            }
            orderIDs[id] = orderID
            let summary = OrderSummary.line(order, id: id)
            summaries[id] = summary
            let status = order["status"]?.stringValue?.uppercased() ?? "UNKNOWN"
            if status == "CANCELED" || status == "CANCELLED" {
                report.append("\(summary)\nIt is already canceled, so there is nothing to do.")
            } else {
                toCancel.append(id)
            }
        }
        let cancels = turn.results(of: cancelTool)
        if cancels.isEmpty, !toCancel.isEmpty {
            // One reply with every cancel: they reach the person as one batch.
            return .call(toCancel.map { PlannedCall(name: cancelTool, arguments: ["id": .string(orderIDs[$0] ?? $0)]) })
        }
        for id in toCancel {
            let summary = summaries[id] ?? "Order \(id)"
            guard let cancelled = cancels.last(where: { $0.arguments["id"]?.stringValue == (orderIDs[id] ?? id) }) else { continue }
            if cancelled.isError {
                report.append("\(summary)\nI did not cancel it: \(cancelled.failure)")
            } else {
                let after = cancelled.json?["order"]?["status"]?.stringValue ?? cancelled.json?["status"]?.stringValue ?? "CANCELED"
                report.append("\(summary)\nOrder \(id) is now canceled (status \(after)).")
            }
        }
        return .answer(report.joined(separator: "\n\n"))
    }
}
