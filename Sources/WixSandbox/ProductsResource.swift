import WixAgentCore

/// Wix Stores products (read-only here; orders change their stock).
enum ProductsResource {
    static let fields = "id, name, slug, sku, productType (physical|digital), description, brand, ribbon, visible, "
        + "priceData.price, priceData.currency, stock.trackInventory, stock.quantity (absent when inventory is not tracked), "
        + "stock.inStock, stock.inventoryStatus (IN_STOCK|OUT_OF_STOCK|PARTIALLY_OUT_OF_STOCK), "
        + "collections (array of collection names such as \"Summer Collection\"), createdDate, lastUpdated"

    static let endpoints: [Endpoint] = [
        .list(.products, "list_all_wix_products", "List the store's products, newest first. Each product has name, sku, productType, priceData, stock and the names of the collections it belongs to. Use wix_stores_products_query to filter.", tags: ["stores", "products"]),
        .get(.products, "get_single_wix_product_by_id", "Get one store product by its id, with price, stock/inventory, collections and ribbon.", tags: ["stores", "products"]),
        .query(.products, "wix_stores_products_query", "Query store products with a Wix filter, sort and paging, e.g. physical products in the \"Summer Collection\" whose stock.quantity is 0, or the product whose sku or name is given.", fields: fields, tags: ["stores", "products"]),
    ]
}
