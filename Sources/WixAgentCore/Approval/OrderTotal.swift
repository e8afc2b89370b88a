import Foundation

/// An order a create would make, priced from the catalog's products: each line's quantity, unit
/// price and amount, the discounts, and the total, in the products' currency. Prices are summed
/// to the cent and a percentage is taken of the rounded subtotal, as Wix's order totals are.
/// Nil unless every line names a product whose price was read.
public struct OrderTotal: Sendable {
    public struct Line: Sendable, Equatable {
        public var quantity: Int
        public var name: String
        public var unitPrice: Double
    }

    public var items: [Line]
    /// Each discount's label and amount.
    public var discounts: [(label: String, amount: Double)]
    /// The products' currency; empty when they differ.
    public var currency: String

    /// `arguments`' `lineItems` (each a `quantity` and a `productId` or `catalogReference.catalogItemId`)
    /// and `discounts` (each a `percentage` or an `amount`), priced from `products` by id.
    public init?(arguments: [String: JSONValue], products: [String: JSONValue]) {
        guard let given = arguments["lineItems"]?.arrayValue, !given.isEmpty else { return nil }
        var lines: [Line] = []
        var currencies: Set<String> = []
        for item in given {
            guard let id = item["productId"]?.stringValue ?? item["catalogReference"]?["catalogItemId"]?.stringValue,
                  let product = products[id], let price = product["priceData"]?["price"]?.doubleValue, price.isFinite,
                  let quantity = item["quantity"]?.intValue, (1...1_000_000).contains(quantity) else { return nil }
            currencies.insert(product["priceData"]?["currency"]?.stringValue ?? "")
            lines.append(Line(quantity: quantity, name: product["name"]?.stringValue ?? id, unitPrice: price))
        }
        items = lines
        currency = currencies.count == 1 ? currencies.first ?? "" : ""
        let subtotal = Self.cents(lines.reduce(0) { $0 + $1.unitPrice * Double($1.quantity) })
        discounts = (arguments["discounts"]?.arrayValue ?? []).compactMap { discount in
            let label = discount["name"]?.stringValue ?? "discount"
            if let percentage = discount["percentage"]?.doubleValue, percentage.isFinite {
                let share = "\(Self.number(percentage))%"
                return (label.contains(share) ? label : "\(label) (\(share))", Self.cents(subtotal * percentage / 100))
            }
            return discount["amount"]?.doubleValue.flatMap { $0.isFinite ? (label, $0) : nil }
        }
    }

    public var subtotal: Double { Self.cents(items.reduce(0) { $0 + $1.unitPrice * Double($1.quantity) }) }
    public var total: Double { Self.cents(subtotal - discounts.reduce(0) { $0 + $1.amount }) }

    /// What the dialog shows: one line per item, each discount, and the total.
    public var lines: [String] {
        let unit = currency.isEmpty ? "" : " " + currency
        var out = items.map { "order line: \($0.quantity) × \($0.name) at \(Self.money($0.unitPrice)) = \(Self.money(Self.cents($0.unitPrice * Double($0.quantity))))\(unit)" }
        for discount in discounts { out.append("discount: \(discount.label) −\(Self.money(discount.amount))\(unit)") }
        out.append("order total: \(Self.money(total))\(unit)" + (discounts.isEmpty ? "" : " (subtotal \(Self.money(subtotal)))")
                   + (currency.isEmpty ? " (the products' currencies differ)" : ""))
        return out
    }

    static func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func money(_ value: Double) -> String { String(format: "%.2f", value) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
