import WixAgentCore

/// 2. "Create a new Wix order for customer EMAIL for 5 units of the 'PRODUCT' SKU, applying a 10% manual discount":
/// find the product by name or SKU, then create the order; the site computes the price summary.
enum CreateOrderWorkflow: OfflineWorkflow {
    static let findTool = "wix_stores_products_query"
    static let createTool = "create_a_wix_order"

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "order"), TextPatterns.mentions(text, "create", "place", "new order", "make an order"),
              !TextPatterns.mentions(text, "cancel"), let email = TextPatterns.emails(in: text).first,
              let product = TextPatterns.quoted(in: text).first else { return nil }
        if let missing = turn.missing(findTool, createTool, for: "create orders") { return missing }
        let quantity = TextPatterns.quantity(in: text) ?? 1
        let percent = TextPatterns.percent(in: text)
        guard let found = turn.result(of: findTool) else {
            let filter: JSONValue = ["$or": [WixFilters.equals("name", .string(product)), WixFilters.equals("sku", .string(product))]]
            return .call(.query(findTool, filter, limit: 5))
        }
        guard let matches = found.items else { return .answer("I could not look up '\(product)': \(found.failure)") }
        guard let item = matches.first(where: { $0["name"]?.stringValue == product || $0["sku"]?.stringValue == product }),
              let productID = item["id"]?.stringValue else {
            return .answer("There is no product named or with SKU '\(product)' in the store, so I did not create an order.")
        }
        guard let created = turn.result(of: createTool) else {
            var arguments: [String: JSONValue] = [
                "lineItems": [["catalogReference": ["catalogItemId": .string(productID)], "quantity": .number(Double(quantity))]],
                "buyerInfo": ["email": .string(email)],
            ]
            if let percent {
                arguments["discounts"] = [["percentage": .number(percent), "name": .string("\(percentText(percent)) manual discount")]]
            }
            return .call(PlannedCall(name: createTool, arguments: .object(arguments)))
        }
        guard let order = created.body else { return .notDone("create the order", created) }
        let summary = order["priceSummary"] ?? [:]
        var lines = [
            "\(quantity) × \(item["name"]?.stringValue ?? product) (SKU \(item["sku"]?.stringValue ?? "none")) at \(item["priceData"]?["price"].map(Money.text) ?? "?") each",
            "Subtotal \(summary["subtotal"].map(Money.text) ?? "?")",
        ]
        if let percent { lines.append("Discount \(percentText(percent)): −\(summary["discount"].map(Money.text) ?? "?")") }
        lines.append("Total \(summary["total"].map(Money.text) ?? "?") (status \(order["status"]?.stringValue ?? "?"), payment \(order["paymentStatus"]?.stringValue ?? "?"))")
        let heading = "Created order #\(order["number"]?.stringValue ?? "?") (id \(order["id"]?.stringValue ?? "?")) for \(order["buyerInfo"]?["email"]?.stringValue ?? email):"
        return .answer(AnswerFormat.list(heading, lines))
    }

    private static func percentText(_ percent: Double) -> String {
        percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }
}
