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
        if let states = resources.first(where: { resource in resource.moneyField == nil && resource.fields.contains { !$0.values.isEmpty } }),
           let value = states.fields.first(where: { !$0.values.isEmpty })?.values.first {
            examples.append("List the \(value.lowercased().replacingOccurrences(of: "_", with: " ")) \(states.name)")
        }
        let sandbox = ["wix_orders_cancel", "create_a_wix_order", "wix_bookings_reschedule"].allSatisfy { schemas[$0] != nil }
        return Array(examples.prefix(4)) + (sandbox ? SamplePrompts.all : [])
    }
}
