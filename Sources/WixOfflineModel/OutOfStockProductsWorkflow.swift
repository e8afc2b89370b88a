import WixAgentCore

/// 1. "Find all physical products … with an inventory count of zero … tagged as 'Summer Collection'":
/// one filtered product query; when it finds nothing, a second one tells an empty collection from a missing one.
enum OutOfStockProductsWorkflow: OfflineWorkflow {
    static let tool = "wix_stores_products_query"
    static let pageSize = 25

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "product"), TextPatterns.mentions(text, "inventory", "stock"),
              TextPatterns.mentions(text, "zero", "out of stock", "no stock", "no inventory", "count of 0", "none left"),
              let collection = TextPatterns.quoted(in: text).first else { return nil }
        if let missing = turn.missing(tool, for: "query products") { return missing }
        let type = TextPatterns.mentions(text, "digital") ? "digital" : TextPatterns.mentions(text, "physical") ? "physical" : nil
        let inCollection = WixFilters.field("collections", "$hasSome", [.string(collection)])
        let results = turn.results(of: tool)
        guard let first = results.first else {
            let parts = [inCollection] + (type.map { [WixFilters.equals("productType", .string($0))] } ?? []) + [WixFilters.equals("stock.quantity", 0)]
            return .call(.query(tool, WixFilters.all(parts), sort: ("name", false), limit: pageSize))
        }
        guard let products = first.items else { return .answer("I could not query the products: \(first.failure)") }
        let kind = (type.map { $0 + " " } ?? "") + "products"
        guard products.isEmpty else {
            let total = first.json?["total"]?.intValue
            let lines = products.map { p in
                "\(p["name"]?.stringValue ?? "?") (SKU \(p["sku"]?.stringValue ?? "none"), \(p["priceData"]?["price"].map(Money.text) ?? "no price"), stock 0)"
            }
            return .answer(AnswerFormat.list("\(AnswerFormat.count(total ?? products.count, type.map { "\($0) product" } ?? "product")) in '\(collection)' have an inventory count of zero\(AnswerFormat.shownOf(products.count, total: total)):", lines))
        }
        guard results.count > 1 else { return .call(.query(tool, inCollection, limit: 1)) }
        if results[1].json?["total"]?.intValue == 0 {
            return .answer("No product is tagged '\(collection)' (collection names must match exactly), so there is nothing to report.")
        }
        return .answer("No \(kind) in '\(collection)' have an inventory count of zero: every one is in stock or does not track inventory.")
    }
}
