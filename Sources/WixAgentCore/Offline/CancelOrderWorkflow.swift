import Foundation

/// "Check order 12345 and cancel it": get the order, cancel it if it can be, report either way.
enum CancelOrderWorkflow: OfflineWorkflow {
    static let getTool = "get_single_wix_order_by_id"
    static let cancelTool = "wix_orders_cancel"

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText.lowercased()
        guard text.contains("order"), text.contains("cancel"), let id = TextPatterns.firstID(in: turn.userText) else { return nil }
        guard turn.toolNames.isSuperset(of: [getTool, cancelTool]) else {
            return .answer("This site's catalog has no \(getTool)/\(cancelTool) tools, so I can't check or cancel orders here.")
        }
        guard let fetched = turn.result(of: getTool) else {
            return .call([PlannedCall(name: getTool, arguments: ["id": .string(id)])])
        }
        guard let order = fetched.json?["order"] ?? fetched.json?["result"] ?? fetched.json else {
            return .answer("I couldn't find order \(id): \(fetched.content)")
        }
        let status = order["status"]?.stringValue ?? "unknown"
        let summary = OrderSummary.line(order, id: id)
        guard let cancelled = turn.result(of: cancelTool) else {
            if status.uppercased() == "CANCELED" || status.uppercased() == "CANCELLED" {
                return .answer("\(summary)\nIt is already canceled, so there is nothing to do.")
            }
            return .call([PlannedCall(name: cancelTool, arguments: ["id": .string(id)])])
        }
        if cancelled.isError {
            return .answer("\(summary)\nI did not cancel it. \(cancelled.content)")
        }
        let after = cancelled.json?["order"]?["status"]?.stringValue ?? cancelled.json?["status"]?.stringValue ?? "CANCELED"
        return .answer("\(summary)\nOrder \(id) is now canceled (status \(after)).")
    }
}

/// One line describing an order for answers.
enum OrderSummary {
    static func line(_ order: JSONValue, id: String) -> String {
        let number = order["number"].map { $0.stringValue ?? $0.compactText } ?? id
        let status = order["status"]?.stringValue ?? "unknown status"
        let total = order["priceSummary"]?["total"].map(Money.text) ?? ""
        let buyer = order["buyerInfo"]?["email"]?.stringValue ?? ""
        var parts = ["Order \(number): \(status)"]
        if !total.isEmpty { parts.append("total \(total)") }
        if !buyer.isEmpty { parts.append("buyer \(buyer)") }
        return parts.joined(separator: ", ") + "."
    }
}

/// Money amounts as people write them.
enum Money {
    static func text(_ value: JSONValue) -> String {
        if let amount = value.doubleValue ?? value["amount"]?.doubleValue ?? value.stringValue.flatMap(Double.init) {
            return "$" + String(format: "%.2f", amount)
        }
        return value.stringValue ?? value.compactText
    }
}
