import Foundation
import WixAgentCore

/// Money amounts as people write them: `$1,234.50`.
enum Money {
    static func text(_ value: JSONValue) -> String {
        if let amount = value.doubleValue ?? value["amount"]?.doubleValue ?? value.stringValue.flatMap(Double.init) {
            return text(amount)
        }
        return value.stringValue ?? value.compactText
    }

    static func text(_ amount: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        return "$" + (formatter.string(from: NSNumber(value: amount)) ?? String(format: "%.2f", amount))
    }
}

/// Shared pieces of the offline model's answers.
enum AnswerFormat {
    /// A heading line followed by one "- " line per item.
    static func list(_ heading: String, _ lines: [String]) -> String {
        ([heading] + lines.map { "- " + $0 }).joined(separator: "\n")
    }

    /// "1 product" / "3 products".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// "(showing the first 10 of 42)" when a list was cut by its page size, else "".
    static func shownOf(_ shown: Int, total: Int?) -> String {
        guard let total, total > shown else { return "" }
        return " (showing the first \(shown) of \(total))"
    }
}

/// One line describing an order for answers.
enum OrderSummary {
    static func line(_ order: JSONValue, id: String) -> String {
        // People name the order by the id they typed; the order number the buyer sees goes beside it.
        let number = order["number"].map { $0.stringValue ?? $0.compactText }
        let status = order["status"]?.stringValue ?? "unknown status"
        let total = order["priceSummary"]?["total"].map(Money.text) ?? ""
        let buyer = order["buyerInfo"]?["email"]?.stringValue ?? ""
        let name = number.map { $0 == id ? "Order \(id)" : "Order \(id) (number \($0))" } ?? "Order \(id)"
        var parts = ["\(name): \(status)"]
        if !total.isEmpty { parts.append("total \(total)") }
        if !buyer.isEmpty { parts.append("buyer \(buyer)") }
        return parts.joined(separator: ", ") + "."
    }
}
