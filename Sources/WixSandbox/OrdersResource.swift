import Foundation
import WixAgentCore

/// Wix eCommerce orders: read, search, count, create (with manual discounts), cancel.
enum OrdersResource {
    static let fields = "id, number, status (INITIALIZED|APPROVED|CANCELED), paymentStatus (NOT_PAID|PAID|PARTIALLY_REFUNDED|FULLY_REFUNDED), "
        + "fulfillmentStatus (NOT_FULFILLED|PARTIALLY_FULFILLED|FULFILLED), buyerInfo.contactId, buyerInfo.memberId, buyerInfo.email, "
        + "lineItems.productName, lineItems.catalogReference.catalogItemId, lineItems.quantity, lineItems.price, "
        + "priceSummary.subtotal, priceSummary.discount, priceSummary.total, currency, shippingInfo.expectedDeliveryDate, "
        + "shippingInfo.delayed (true when the shipment is late), createdDate, updatedDate"

    private static let tags = ["ecom", "orders"]

    static let endpoints: [Endpoint] = [
        .list(.orders, "list_all_wix_orders", "List eCommerce orders, newest first, with buyer, line items, price summary, payment/fulfillment status and shipping (expected delivery date, delayed flag).", tags: tags),
        .get(.orders, "get_single_wix_order_by_id", "Get one eCommerce order by its id (not its number).", tags: tags),
        .query(.orders, "wix_orders_search", method: "search", "Search orders with a Wix filter and sort, e.g. all orders of a member: {\"buyerInfo.memberId\": \"…\"} sorted by createdDate DESC; or orders in a date range with createdDate $gte/$lt.", fields: fields, tags: tags),
        Endpoint(Tool("wix_orders_count", resource: Table.orders.rawValue, method: "count",
                      description: "Count the orders that match a Wix filter (all orders without one).",
                      body: [Param("filter", Schema.freeObject("Wix filter object, as in wix_orders_search. Fields: \(fields)."))], tags: tags)) { call, site in
            try Paging.count(site.records(.orders), call: call)
        },
        Endpoint(createTool, handle: create),
        Endpoint(cancelTool, handle: cancel),
    ]

    // MARK: create

    static let createTool = Tool(
        "create_a_wix_order", resource: Table.orders.rawValue, method: "create",
        description: "Create an order for a buyer (approved, not yet paid). Prices come from the catalog; stock of tracked products is reduced and an order for more than is in stock is refused. "
            + "Give each line item a productId (or catalogReference.catalogItemId) and a quantity; identify the buyer by email, contactId or memberId (the email must belong to an existing contact). "
            + "Manual discounts take a percentage of the subtotal or a fixed amount; priceSummary is computed.",
        body: [
            Param("lineItems", Schema.array("Products to order.", of: Schema.object("One line item.", [
                "productId": Schema.string("Id of the store product."),
                "catalogReference": Schema.object("Wix catalog reference; an alternative to productId.", [
                    "catalogItemId": Schema.string("Id of the store product."),
                    "appId": Schema.string("Catalog app id (Wix Stores: 1380b703-ce81-ff05-f115-39571d94dfcd)."),
                ], required: ["catalogItemId"]),
                "quantity": Schema.integer("Number of units.", minimum: 1, maximum: 10000),
            ], required: ["quantity"]), minItems: 1), required: true),
            Param("buyerInfo", Schema.object("Who buys: one of email, contactId, memberId.", [
                "email": Schema.string("Buyer's email address, matched against contacts."),
                "contactId": Schema.string("Id of the buyer's CRM contact."),
                "memberId": Schema.string("Id of the buyer's site member."),
            ]), required: true),
            Param("discounts", Schema.array("Manual discounts applied to the order subtotal.", of: Schema.object("One manual discount: a percentage or an amount.", [
                "name": Schema.string("Label shown to the buyer, e.g. \"10% loyalty discount\"."),
                "percentage": Schema.number("Percent of the subtotal, 0-100.", minimum: 0, maximum: 100),
                "amount": Schema.number("Fixed amount in the order currency.", minimum: 0),
            ]))),
            Param("buyerNote", Schema.string("Note from or about the buyer, stored on the order.")),
        ],
        tags: tags
    )

    private static func create(_ call: Call, _ site: inout SiteState) throws -> JSONValue {
        let buyer = try resolveBuyer(call.body["buyerInfo"]!, site)
        var lineItems: [JSONValue] = []
        var subtotal = 0.0
        for (i, line) in call.body["lineItems"]!.arrayValue!.enumerated() {
            guard let productID = line["productId"]?.stringValue ?? line["catalogReference"]?["catalogItemId"]?.stringValue else {
                throw SandboxError.badRequest("lineItems[\(i)]: give productId or catalogReference.catalogItemId.")
            }
            guard var product = try? site.record(.products, id: productID) else {
                throw SandboxError.badRequest("lineItems[\(i)]: no product with id '\(productID)'; find product ids with wix_stores_products_query.")
            }
            let quantity = line["quantity"]!.intValue!
            let name = product["name"]?.stringValue ?? ""
            if product["stock"]?["trackInventory"] == true {
                let inStock = product["stock"]?["quantity"]?.intValue ?? 0
                guard inStock >= quantity else {
                    throw SandboxError.badRequest("lineItems[\(i)]: only \(inStock) unit(s) of '\(name)' in stock, \(quantity) requested.")
                }
                product.set("stock", StockLevel.stock(tracked: true, quantity: inStock - quantity))
                site.replace(.products, product)
            }
            let price = product["priceData"]?["price"]?.doubleValue ?? 0
            subtotal += price * Double(quantity)
            lineItems.append([
                "id": .string(site.newID()), "productName": .string(name), "sku": product["sku"] ?? .null,
                "catalogReference": ["catalogItemId": .string(productID), "appId": .string(wixStoresAppID)],
                "quantity": .number(Double(quantity)), "price": .number(price), "totalPrice": .number(cents(price * Double(quantity))),
            ])
        }
        subtotal = cents(subtotal)
        var applied: [JSONValue] = []
        var discount = 0.0
        for (i, item) in (call.body["discounts"]?.arrayValue ?? []).enumerated() {
            let amount: Double
            if let percentage = item["percentage"]?.doubleValue, item["amount"] == nil {
                amount = cents(subtotal * percentage / 100)
            } else if let fixed = item["amount"]?.doubleValue, item["percentage"] == nil {
                amount = fixed
            } else {
                throw SandboxError.badRequest("discounts[\(i)]: give exactly one of percentage or amount.")
            }
            discount += amount
            var entry: JSONValue = ["discountType": "MANUAL", "name": item["name"] ?? "Manual discount", "amount": .number(amount)]
            entry.set("percentage", item["percentage"])
            applied.append(entry)
        }
        guard discount <= subtotal else {
            throw SandboxError.badRequest("discounts: total discount \(discount) exceeds the subtotal \(subtotal).")
        }
        let number = (site.records(.orders).compactMap { $0["number"]?.stringValue.flatMap { Int($0) } }.max() ?? 10000) + 1
        let now = ISODate.string(call.now)
        var order: JSONValue = [
            "id": .string(site.newID()), "number": .string(String(number)),
            "createdDate": .string(now), "updatedDate": .string(now),
            "status": "APPROVED", "paymentStatus": "NOT_PAID", "fulfillmentStatus": "NOT_FULFILLED",
            "currency": "USD", "buyerInfo": buyer, "lineItems": .array(lineItems), "appliedDiscounts": .array(applied),
            "priceSummary": ["subtotal": .number(subtotal), "discount": .number(cents(discount)), "shipping": 0, "tax": 0, "total": .number(cents(subtotal - discount))],
            "shippingInfo": ["carrier": "USPS", "expectedDeliveryDate": .string(ISODate.dayString(call.now.addingTimeInterval(5 * 86400))), "delayed": false],
            "channelInfo": ["type": "BACKOFFICE_MERCHANT"],
        ]
        order.set("buyerNote", call.body["buyerNote"])
        site.insert(.orders, order)
        return ["result": order]
    }

    static let wixStoresAppID = "1380b703-ce81-ff05-f115-39571d94dfcd"

    /// `buyerInfo` of an order from an email, contact id or member id that must exist.
    private static func resolveBuyer(_ info: JSONValue, _ site: SiteState) throws -> JSONValue {
        let contact: JSONValue
        if let id = info["contactId"]?.stringValue {
            guard let found = try? site.record(.contacts, id: id) else { throw SandboxError.badRequest("buyerInfo.contactId: no contact with id '\(id)'.") }
            contact = found
        } else if let id = info["memberId"]?.stringValue {
            guard let member = try? site.record(.members, id: id), let contactID = member["contactId"]?.stringValue,
                  let found = try? site.record(.contacts, id: contactID)
            else { throw SandboxError.badRequest("buyerInfo.memberId: no member with id '\(id)'.") }
            contact = found
        } else if let email = info["email"]?.stringValue {
            guard let found = site.records(.contacts).first(where: { $0["primaryInfo"]?["email"]?.stringValue?.lowercased() == email.lowercased() }) else {
                throw SandboxError.badRequest("buyerInfo.email: no contact with email '\(email)'; find the buyer with wix_contacts_query.")
            }
            contact = found
        } else {
            throw SandboxError.badRequest("buyerInfo: give one of email, contactId or memberId.")
        }
        var buyer: JSONValue = ["contactId": contact["id"]!, "email": contact["primaryInfo"]?["email"] ?? .null]
        buyer.set("memberId", contact["memberId"])
        return buyer
    }

    // MARK: cancel

    static let cancelTool = Tool(
        "wix_orders_cancel", resource: Table.orders.rawValue, method: "cancel",
        description: "Cancel an order by id: its status becomes CANCELED. An order that is already canceled or already fulfilled cannot be canceled (409). Optionally restock its items and email the buyer.",
        query: [CommonParams.recordID("order")],
        body: [
            Param("sendOrderCanceledEmail", Schema.boolean("Whether to email the buyer that the order was canceled (default false).")),
            Param("customMessage", Schema.string("Message included in the cancellation email.")),
            Param("restockAllItems", Schema.boolean("Whether to return the ordered quantities to inventory (default false).")),
        ],
        tags: tags
    )

    private static func cancel(_ call: Call, _ site: inout SiteState) throws -> JSONValue {
        var order = try site.record(.orders, id: call.targetID)
        let label = "Order '\(call.targetID)' (#\(order["number"]?.stringValue ?? "?"))"
        if order["status"] == "CANCELED" {
            throw SandboxError.conflict("\(label) is already CANCELED; nothing was changed.")
        }
        if order["fulfillmentStatus"] == "FULFILLED" {
            throw SandboxError.conflict("\(label) is already FULFILLED and cannot be canceled; refund it instead.")
        }
        if call.body["restockAllItems"] == true {
            for line in order["lineItems"]?.arrayValue ?? [] {
                guard let id = line["catalogReference"]?["catalogItemId"]?.stringValue, var product = try? site.record(.products, id: id),
                      product["stock"]?["trackInventory"] == true else { continue }
                let quantity = (product["stock"]?["quantity"]?.intValue ?? 0) + (line["quantity"]?.intValue ?? 0)
                product.set("stock", StockLevel.stock(tracked: true, quantity: quantity))
                site.replace(.products, product)
            }
        }
        let now = ISODate.string(call.now)
        order.set("status", "CANCELED")
        order.set("updatedDate", .string(now))
        order.set("cancellation", [
            "date": .string(now), "notifiedBuyer": call.body["sendOrderCanceledEmail"] ?? false,
            "customMessage": call.body["customMessage"] ?? .null, "restocked": call.body["restockAllItems"] ?? false,
        ])
        site.replace(.orders, order)
        return ["result": order]
    }
}

/// The `stock` object of a product.
enum StockLevel {
    static func stock(tracked: Bool, quantity: Int) -> JSONValue {
        guard tracked else { return ["trackInventory": false, "inStock": true, "inventoryStatus": "IN_STOCK"] }
        return ["trackInventory": true, "quantity": .number(Double(quantity)), "inStock": .bool(quantity > 0), "inventoryStatus": quantity > 0 ? "IN_STOCK" : "OUT_OF_STOCK"]
    }
}
