import Foundation
import WixAgentCore

/// Builds the seed site: a few hundred realistic, deterministic records around the workflow
/// fixtures (see `WorkflowFixtures.swift`). Dates are relative to the reference day, stored as
/// absolute ISO-8601 UTC strings.
struct SeedGenerator {
    /// Midnight UTC of the reference date.
    let reference: Date
    var rng = SplitMix64(seed: 0x57A7_1C5E_ED)
    var site = SiteState()

    init(referenceDate: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        reference = calendar.startOfDay(for: referenceDate)
    }

    /// The complete seed: generic records plus the workflow fixtures.
    func makeSite() -> SiteState {
        var seed = self
        seed.addLabels()
        seed.addFixtureProducts()
        seed.addProducts(count: 230)
        seed.addFixturePeople()
        seed.addPeople(members: 200, contactsOnly: 120)
        seed.addFixtureOrders()
        seed.addOrders(count: 450)
        seed.addFixtureBookings()
        seed.addBookings(count: 140)
        seed.addTasks(count: 50)
        seed.addDataCollections()
        return seed.site
    }

    // MARK: Time

    /// `days` before the reference day at `hour`:`minute` UTC (negative days are in the future).
    func date(daysAgo days: Double, hour: Int = 10, minute: Int = 0) -> Date {
        reference.addingTimeInterval(-days * 86400 + Double(hour * 3600 + minute * 60))
    }

    func iso(daysAgo days: Double, hour: Int = 10, minute: Int = 0) -> String {
        ISODate.string(date(daysAgo: days, hour: hour, minute: minute))
    }

    mutating func randomHour() -> Int { Int.random(in: 8...20, using: &rng) }

    // MARK: Labels

    static let labels: [(key: String, name: String)] = [
        ("custom.vip", "VIP"), ("custom.vip-risk", "VIP-Risk"), ("custom.wholesale", "Wholesale"),
        ("custom.newsletter", "Newsletter"), ("custom.summer-promo", "Summer Promo"), ("custom.coffee-club", "Coffee Club"),
    ]

    mutating func addLabels() {
        for (key, name) in Self.labels {
            site.insert(.labels, ["id": .string(rng.guid()), "key": .string(key), "displayName": .string(name), "labelType": "USER_DEFINED",
                                  "createdDate": .string(iso(daysAgo: 700)), "updatedDate": .string(iso(daysAgo: 700))])
        }
    }

    // MARK: Products

    static let categories: [(collection: String, prefix: String, nouns: [String])] = [
        ("Apparel", "APP", ["Linen Shirt", "Sun Hat", "Swim Shorts", "Cotton Dress", "Rain Jacket", "Hoodie", "Beanie", "Wool Scarf", "Canvas Sneakers", "Denim Jacket"]),
        ("Accessories", "ACC", ["Tote Bag", "Sunglasses", "Leather Wallet", "Watch Strap", "Backpack", "Bandana"]),
        ("Coffee & Tea", "COF", ["Colombian Dark Roast", "Ethiopian Light Roast", "Green Tea Sampler", "Chai Blend", "Pour-Over Kettle", "Ceramic Mug", "French Press", "Cold Brew Kit"]),
        ("Home & Kitchen", "HOM", ["Cutting Board", "Soy Candle", "Throw Pillow", "Planter", "Bowl Set", "Table Runner", "Linen Napkins"]),
        ("Outdoor", "OUT", ["Camping Lantern", "Water Bottle", "Picnic Blanket", "Hammock", "Cooler Bag", "Beach Towel"]),
    ]
    static let adjectives = ["Classic", "Organic", "Handmade", "Vintage", "Essential", "Deluxe", "Eco", "Coastal", "Urban", "Rustic", "Everyday", "Limited Edition"]
    static let digitalNouns = ["Recipe eBook", "Brewing Masterclass Video", "Printable Planner", "Home Barista Guide", "Gardening Course", "Travel Journal Template"]
    static let summerCategories: Set<String> = ["Apparel", "Accessories", "Outdoor"]

    mutating func addProducts(count: Int) {
        var combos: [(String, String, String)] = []
        for category in Self.categories {
            for noun in category.nouns { for adjective in Self.adjectives { combos.append(("\(adjective) \(noun)", category.collection, category.prefix)) } }
        }
        for noun in Self.digitalNouns { for adjective in Self.adjectives.prefix(4) { combos.append(("\(adjective) \(noun)", "Digital Downloads", "DIG")) } }
        combos.shuffle(using: &rng)
        for (i, (name, category, prefix)) in combos.prefix(count).enumerated() {
            let digital = prefix == "DIG"
            var collections = [category]
            let summer = Self.summerCategories.contains(category) && rng.chance(0.3)
            if summer { collections.append("Summer Collection") }
            if rng.chance(0.15) { collections.append("Best Sellers") }
            if rng.chance(0.1) { collections.append("New Arrivals") }
            // Summer physical products in the generic data always have stock: the zero-stock
            // Summer products are the fixtures of workflow 1.
            let tracked = !digital && !rng.chance(0.05)
            let quantity = summer ? Int.random(in: 1...150, using: &rng) : (rng.chance(0.08) ? 0 : Int.random(in: 1...200, using: &rng))
            let price = digital ? Double(Int.random(in: 5...40, using: &rng)) - 0.01 : Double(Int.random(in: 8...180, using: &rng)) - 0.01
            site.insert(.products, product(
                name: name, sku: "\(prefix)-\(1000 + i)", digital: digital, price: price, collections: collections,
                stock: StockLevel.stock(tracked: tracked, quantity: quantity), daysAgo: Double(Int.random(in: 20...900, using: &rng)),
                ribbon: collections.contains("New Arrivals") ? "New" : (rng.chance(0.08) ? "Sale" : nil)))
        }
    }

    mutating func product(name: String, sku: String, digital: Bool, price: Double, collections: [String], stock: JSONValue, daysAgo: Double, ribbon: String? = nil) -> JSONValue {
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        var record: JSONValue = [
            "id": .string(rng.guid()), "name": .string(name), "slug": .string(slug), "sku": .string(sku),
            "productType": digital ? "digital" : "physical", "visible": true,
            "description": .string(digital ? "Instant download: \(name)." : "\(name), made to last. Ships in 1-2 business days."),
            "brand": .string(rng.pick(["Harbor & Pine", "Northwind Goods", "Sol Studio", "Ember Roasters"])),
            "priceData": ["price": .number(price), "currency": "USD", "discountedPrice": .number(price)],
            "stock": stock, "collections": .array(collections.map(JSONValue.string)),
            "createdDate": .string(iso(daysAgo: daysAgo)), "lastUpdated": .string(iso(daysAgo: max(1, daysAgo / 3))),
        ]
        if !digital { record.set("weight", .number(Double(Int.random(in: 1...40, using: &rng)) / 10)) }
        record.set("ribbon", ribbon.map(JSONValue.string))
        return record
    }

    // MARK: People (contacts and members)

    static let firstNames = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo", "Amelia", "Ethan", "Harper",
                             "Aiden", "Evelyn", "Kenji", "Priya", "Omar", "Chloe", "Diego", "Hannah", "Yusuf", "Leah", "Samuel", "Nora",
                             "Isaac", "Zoe", "Daniel", "Aria", "Leo", "Grace", "Felix", "Ines", "Tomas", "Mei", "Ravi", "Sara", "Victor", "Anna", "Hugo"]
    static let lastNames = ["Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson",
                            "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
                            "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
                            "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall"]
    static let bios = ["Coffee lover and weekend hiker.", "Small business owner in Portland.", "Collector of vintage mugs.",
                       "Design student; into minimalist homeware.", "Runs a book club on Thursdays.", "Gardener, baker, dog person.",
                       "Travel photographer based in Austin.", "Home barista since 2019."]
    static let titles = ["Founder", "Barista", "Interior Designer", "Teacher", "Photographer", "Engineer", "Chef"]

    /// Ids of contacts the generic orders, bookings and tasks may use (fixture people are kept out).
    var genericContactIDs: [String] = []

    mutating func addPeople(members: Int, contactsOnly: Int) {
        var names: [(String, String)] = []
        for first in Self.firstNames { for last in Self.lastNames { names.append((first, last)) } }
        names.shuffle(using: &rng)
        for (i, (first, last)) in names.prefix(members + contactsOnly).enumerated() {
            let email = "\(first.lowercased()).\(last.lowercased())\(i % 7 == 0 ? String(i) : "")@\(rng.pick(["example.com", "example.net", "example.org"]))"
            let joined = Double(Int.random(in: 35...1100, using: &rng))
            let isMember = i < members
            let contactID = person(
                first: first, last: last, email: email, daysAgo: joined, memberID: isMember ? rng.guid() : nil,
                photo: rng.chance(0.8), about: rng.chance(0.6) ? rng.pick(Self.bios) : nil,
                labels: Self.labels.map(\.key).filter { $0 != "custom.vip-risk" && rng.chance(0.12) })
            genericContactIDs.append(contactID)
        }
    }

    /// Adds a contact and, when `memberID` is given, the site member linked to it; returns the contact id.
    @discardableResult
    mutating func person(first: String, last: String, email: String, daysAgo: Double, memberID: String? = nil, contactID: String? = nil,
                         photo: Bool = true, about: String? = nil, labels: [String] = []) -> String {
        let contactID = contactID ?? rng.guid()
        let created = iso(daysAgo: daysAgo, hour: randomHour(), minute: Int.random(in: 0...59, using: &rng))
        let phone = "+1-206-555-\(String(Int.random(in: 1000...9999, using: &rng)))"
        var contact: JSONValue = [
            "id": .string(contactID), "revision": 1, "createdDate": .string(created), "updatedDate": .string(created),
            "info": [
                "name": ["first": .string(first), "last": .string(last)],
                "emails": [["email": .string(email), "tag": "MAIN"]], "phones": [["phone": .string(phone), "tag": "MOBILE"]],
                "labelKeys": .array(labels.map(JSONValue.string)),
            ],
            "primaryInfo": ["email": .string(email), "phone": .string(phone)],
        ]
        if let memberID {
            contact.set("memberId", .string(memberID))
            var profile: JSONValue = ["nickname": .string("\(first) \(last.prefix(1))."), "slug": .string("\(first)-\(last)".lowercased())]
            if photo {
                profile.set("photo", ["url": .string("https://static.wixstatic.com/media/avatar-\(memberID.prefix(8)).jpg"), "width": 256, "height": 256])
            }
            if rng.chance(0.3) { profile.set("title", .string(rng.pick(Self.titles))) }
            var member: JSONValue = [
                "id": .string(memberID), "contactId": .string(contactID), "loginEmail": .string(email),
                "status": "APPROVED", "privacyStatus": "PUBLIC", "activityStatus": "ACTIVE", "profile": profile,
                "createdDate": .string(created), "updatedDate": .string(created),
                "lastLoginDate": .string(iso(daysAgo: min(daysAgo, Double(Int.random(in: 0...30, using: &rng))))),
                "lastProfileUpdateDate": .string(created),
            ]
            member.set("about", about.map(JSONValue.string))
            site.insert(.members, member)
        }
        site.insert(.contacts, contact)
        return contactID
    }

    // MARK: Orders

    mutating func addOrders(count: Int) {
        let products = site.records(.products).filter { $0["productType"] == "physical" }
        for _ in 0..<count {
            let contactID = rng.pick(genericContactIDs)
            let daysAgo = Double.random(in: 0.5...400, using: &rng)
            let lines = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (rng.pick(products), Int.random(in: 1...3, using: &rng)) }
            let canceled = rng.chance(0.04)
            site.insert(.orders, order(contactID: contactID, lines: lines, daysAgo: daysAgo, delayed: daysAgo < 6 && rng.chance(0.05), canceled: canceled))
        }
        renumberOrders()
    }

    /// An order as Wix eCommerce returns it; fulfilled once older than a week, unless canceled.
    mutating func order(id: String? = nil, contactID: String, lines: [(JSONValue, Int)], daysAgo: Double, delayed: Bool = false,
                        canceled: Bool = false, discountPercent: Double? = nil) -> JSONValue {
        let contact = (try? site.record(.contacts, id: contactID)) ?? [:]
        var buyer: JSONValue = ["contactId": .string(contactID), "email": contact["primaryInfo"]?["email"] ?? .null]
        buyer.set("memberId", contact["memberId"])
        var subtotal = 0.0
        let lineItems: [JSONValue] = lines.map { product, quantity in
            let price = product["priceData"]?["price"]?.doubleValue ?? 0
            subtotal += price * Double(quantity)
            return ["id": .string(rng.guid()), "productName": product["name"]!, "sku": product["sku"] ?? .null,
                    "catalogReference": ["catalogItemId": product["id"]!, "appId": .string(OrdersResource.wixStoresAppID)],
                    "quantity": .number(Double(quantity)), "price": .number(price), "totalPrice": .number(cents(price * Double(quantity)))]
        }
        subtotal = cents(subtotal)
        let discount = cents(subtotal * (discountPercent ?? 0) / 100)
        let shipping = subtotal >= 75 ? 0 : 7.95
        let tax = cents((subtotal - discount) * 0.08)
        let created = date(daysAgo: daysAgo, hour: randomHour())
        let fulfilled = !canceled && daysAgo > 7
        let expected = created.addingTimeInterval(5 * 86400)
        var shippingInfo: JSONValue = ["carrier": .string(rng.pick(["USPS", "UPS", "FedEx"])), "expectedDeliveryDate": .string(ISODate.dayString(expected)), "delayed": .bool(delayed)]
        if delayed { shippingInfo.set("delayReason", "Carrier backlog: the package missed its scheduled transfer.") }
        if fulfilled || delayed { shippingInfo.set("trackingNumber", .string("1Z\(String(rng.next() % 1_000_000_000_000, radix: 10))")) }
        var record: JSONValue = [
            "id": .string(id ?? rng.guid()), "number": "0",
            "createdDate": .string(ISODate.string(created)), "updatedDate": .string(ISODate.string(created.addingTimeInterval(fulfilled ? 3 * 86400 : 3600))),
            "status": canceled ? "CANCELED" : "APPROVED", "paymentStatus": canceled ? "FULLY_REFUNDED" : "PAID",
            "fulfillmentStatus": fulfilled ? "FULFILLED" : "NOT_FULFILLED", "currency": "USD", "buyerInfo": buyer,
            "lineItems": .array(lineItems),
            "priceSummary": ["subtotal": .number(subtotal), "discount": .number(discount), "shipping": .number(shipping), "tax": .number(tax),
                             "total": .number(cents(subtotal - discount + shipping + tax))],
            "shippingInfo": shippingInfo, "channelInfo": ["type": "WEB"],
        ]
        if let discountPercent {
            record.set("appliedDiscounts", [["discountType": "MANUAL", "name": .string("\(Int(discountPercent))% off"), "percentage": .number(discountPercent), "amount": .number(discount)]])
        }
        return record
    }

    /// Order numbers follow creation time, as in Wix (10001 for the oldest).
    mutating func renumberOrders() {
        let sorted = site.records(.orders).enumerated().sorted { ($0.element["createdDate"]?.stringValue ?? "", $0.offset) < ($1.element["createdDate"]?.stringValue ?? "", $1.offset) }
        site.tables[.orders] = sorted.enumerated().map { number, entry in entry.element.merging(["number": .string(String(10001 + number))]) }
    }

    // MARK: Bookings

    static let services: [(id: String, title: String, minutes: Int)] = [
        ("svc-coffee-tasting", "Coffee Tasting Workshop", 90), ("svc-consultation", "Home Barista Consultation", 30),
        ("svc-personal-shopping", "Personal Shopping Appointment", 60), ("svc-latte-art", "Latte Art Class", 120),
    ]

    mutating func addBookings(count: Int) {
        for _ in 0..<count {
            let daysAgo = Double(Int.random(in: -45...180, using: &rng))
            let status = daysAgo > 0 ? rng.pick(["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELED"]) : rng.pick(["CONFIRMED", "CONFIRMED", "PENDING"])
            site.insert(.bookings, booking(id: rng.guid(), contactID: rng.pick(genericContactIDs), service: rng.pick(Self.services), daysAgo: daysAgo, hour: Int.random(in: 9...17, using: &rng), status: status))
        }
    }

    mutating func booking(id: String, contactID: String, service: (id: String, title: String, minutes: Int), daysAgo: Double, hour: Int, status: String, notes: String = "") -> JSONValue {
        let contact = (try? site.record(.contacts, id: contactID)) ?? [:]
        let start = date(daysAgo: daysAgo, hour: hour)
        return [
            "id": .string(id), "status": .string(status), "revision": 1,
            "startDate": .string(ISODate.string(start)), "endDate": .string(ISODate.string(start.addingTimeInterval(Double(service.minutes * 60)))),
            "bookedEntity": ["title": .string(service.title), "serviceId": .string(service.id), "location": "Studio, 1420 5th Ave, Seattle"],
            "contactDetails": ["contactId": .string(contactID), "firstName": contact["info"]?["name"]?["first"] ?? "", "lastName": contact["info"]?["name"]?["last"] ?? "",
                               "email": contact["primaryInfo"]?["email"] ?? ""],
            "totalParticipants": 1, "paymentStatus": status == "CANCELED" ? "NOT_PAID" : "PAID", "notes": .string(notes),
            "createdDate": .string(iso(daysAgo: max(daysAgo, 0) + Double(Int.random(in: 3...20, using: &rng)))),
            "updatedDate": .string(iso(daysAgo: max(daysAgo, 0) + 1)),
        ]
    }

    // MARK: Tasks

    mutating func addTasks(count: Int) {
        let titles = ["Follow up on wholesale inquiry", "Call back about late delivery", "Send loyalty coupon", "Confirm workshop attendance",
                      "Update shipping address", "Check product review", "Prepare quote for corporate gifts", "Restock request follow-up"]
        for _ in 0..<count {
            let created = Double(Int.random(in: 1...120, using: &rng))
            let due = created - Double(Int.random(in: 2...14, using: &rng))
            site.insert(.tasks, [
                "id": .string(rng.guid()), "title": .string(rng.pick(titles)), "description": "Created from the inbox.",
                "dueDate": .string(iso(daysAgo: due, hour: 17)), "priority": .string(rng.pick(["HIGH", "MEDIUM", "MEDIUM", "LOW"])),
                "status": due > 0 && rng.chance(0.7) ? "COMPLETED" : "ACTION_NEEDED",
                "assignee": ["team": .string(rng.pick(TasksResource.teams))], "contactId": .string(rng.pick(genericContactIDs)),
                "source": ["sourceType": "USER"], "createdDate": .string(iso(daysAgo: created)), "updatedDate": .string(iso(daysAgo: max(0, created - 1))),
            ])
        }
    }

    // MARK: Data collections

    mutating func collection(_ id: String, _ displayName: String, fields: [(key: String, name: String, type: String, required: Bool)], items: [[String: JSONValue]]) {
        site.insert(.dataCollections, [
            "id": .string(id), "displayName": .string(displayName), "collectionType": "NATIVE",
            "fields": .array(fields.map { ["key": .string($0.key), "displayName": .string($0.name), "type": .string($0.type), "required": .bool($0.required)] }),
        ])
        for (i, data) in items.enumerated() {
            let itemID = rng.guid()
            let created = iso(daysAgo: Double(items.count - i + 5))
            let system: [String: JSONValue] = ["_id": .string(itemID), "_createdDate": .string(created), "_updatedDate": .string(created)]
            site.insert(.dataItems, ["id": .string(itemID), "dataCollectionId": .string(id), "data": .object(system.merging(data) { a, _ in a })])
        }
    }

    mutating func addTestimonials() {
        let quotes = ["Best beans I have ever ordered.", "Fast shipping and lovely packaging.", "The tasting workshop was a blast!", "Great gifts for coffee fans."]
        collection("Testimonials", "Testimonials", fields: [("author", "Author", "TEXT", true), ("quote", "Quote", "TEXT", true), ("rating", "Rating", "NUMBER", false), ("approved", "Approved", "BOOLEAN", false)],
                   items: (0..<12).map { i in ["author": .string("\(rng.pick(Self.firstNames)) \(rng.pick(Self.lastNames).prefix(1))."), "quote": .string(quotes[i % quotes.count]),
                                               "rating": .number(Double(Int.random(in: 3...5, using: &rng))), "approved": .bool(i % 3 != 0)] })
    }
}
