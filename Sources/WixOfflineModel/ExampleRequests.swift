import WixAgentCore

/// Requests to offer a newcomer for a catalog: a few plain ones about its own resources (which the
/// offline model answers), then the sample workflows of the sandbox site when the catalog has
/// their tools.
public enum ExampleRequests {
    public static func make(_ tools: [ToolSpec]) -> [String] {
        let schemas = Dictionary(tools.map { ($0.name, $0.inputSchema) }) { first, _ in first }
        let resources = CatalogResource.read(schemas)
        var examples: [String] = []
        if let sales = resources.first(where: { $0.moneyField?.last == "total" && $0.tools["search"] != nil }) {
            examples.append("How many \(sales.name) were placed this month?")
            examples.append("How much revenue last month?")
        }
        if let priced = resources.first(where: { $0.moneyField?.last == "price" && $0.tools["search"] != nil }) {
            examples.append("Show me the 5 cheapest \(priced.name)")
        }
        if let listing = resources.lazy.filter({ $0.moneyField == nil }).compactMap(stateListing).first { examples.append(listing) }
        let sandbox = ["wix_orders_cancel", "create_a_wix_order", "wix_bookings_reschedule"].allSatisfy { schemas[$0] != nil }
        return Array(examples.prefix(4)) + (sandbox ? SamplePrompts.all : [])
    }

    /// Two requests about `resource`: how many there are, and a filtered list of them.
    static func about(_ resource: CatalogResource) -> [String] {
        ["How many \(resource.name) are there?",
         resource.moneyField != nil ? "Show me \(resource.name) over $100" : stateListing(resource) ?? "List the \(resource.name) created this month"]
    }

    /// "List the confirmed bookings": the resource's records in the first state its search names.
    static func stateListing(_ resource: CatalogResource) -> String? {
        resource.fields.first { !$0.values.isEmpty }?.values.first.map {
            "List the \($0.lowercased().replacingOccurrences(of: "_", with: " ")) \(resource.name)"
        }
    }
}
