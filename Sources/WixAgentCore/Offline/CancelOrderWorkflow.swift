import Foundation

/// "Check order 12345 and cancel it": get the order, cancel it if it can be, report either way.
enum CancelOrderWorkflow: OfflineWorkflow {
    static let getTool = "get_single_wix_order_by_id"
    static let cancelTool = "wix_orders_cancel"

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText.lowercased()
        guard text.contains("order"), text.contains("cancel"), let id = TextPatterns.firstID(in: turn.userText) else { return nil }
        if let missing = turn.missing(getTool, cancelTool, for: "check or cancel orders") { return missing }
        guard let fetched = turn.result(of: getTool) else {
            return .call(PlannedCall(name: getTool, arguments: ["id": .string(id)]))
        }
        guard let order = RecordBody.unwrap(fetched.json) else {
            return .answer("I couldn't find order \(id): \(fetched.failure)")
        }
        let status = order["status"]?.stringValue ?? "unknown"
        let summary = OrderSummary.line(order, id: id)
        guard let cancelled = turn.result(of: cancelTool) else {
            if status.uppercased() == "CANCELED" || status.uppercased() == "CANCELLED" {
                return .answer("\(summary)\nIt is already canceled, so there is nothing to do.")
            }
            return .call(PlannedCall(name: cancelTool, arguments: ["id": .string(id)]))
        }
        if cancelled.isError {
            return .answer("\(summary)\nI did not cancel it: \(cancelled.failure)")
        }
        let after = cancelled.json?["order"]?["status"]?.stringValue ?? cancelled.json?["status"]?.stringValue ?? "CANCELED"
        return .answer("\(summary)\nOrder \(id) is now canceled (status \(after)).")
    }
}
