import Foundation
import WixAgentCore

/// The records that give the README's sample workflows ("Try the sample workflows") their answers.
/// Clients find them through the tools; the constants here are only what a user would say
/// in a prompt (an email, an order id, a member id), for tests and the offline demo model.
public enum WorkflowFixtures {
    /// 1. Physical "Summer Collection" products with stock.quantity 0.
    public static let summerCollection = "Summer Collection"
    public static let summerOutOfStockSKUs = ["SUM-LIN-01", "SUM-HAT-02", "SUM-TWL-03", "SUM-BTL-04"]
    /// 2. The product and customer of the "5 units with 10% off" order.
    public static let coffeeProductName = "Premium Coffee Beans"
    public static let coffeeSKU = "COFFEE-PREM-1KG"
    public static let johnDoeEmail = "john.doe@example.com"
    /// 3. Members who joined in the last 30 days without photo and bio (by login email).
    public static let recentMembersWithoutPhotoAndBio = ["tariq.haddad@example.com", "sofia.rossi@example.com", "ben.carter@example.com"]
    /// 4. CMS collection of listings; downtown Seattle is city "Seattle", neighborhood "Downtown".
    public static let realEstateCollection = "RealEstateListings"
    /// 5. Contact a Sales task is created for.
    public static let janeSmithEmail = "jane.smith@example.com"
    /// 6. Appointment to reschedule.
    public static let appointmentID = "847294"
    /// 7. CMS collection of sponsorship slots (status Sold/Available/Reserved, optional logoUrl).
    public static let sponsorshipCollection = "SponsorshipSlots"
    /// 8. Member with a year of orders over $1,000 and a delayed latest order; label to add.
    public static let vipMemberID = "99382"
    public static let vipRiskLabelKey = "custom.vip-risk"
    public static let vipRiskLabelName = "VIP-Risk"
    /// Distractors for 8: under $1,000 with a delayed last order; over $1,000 without delay.
    public static let lowSpendMemberID = "51207"
    public static let onTimeMemberID = "64410"
    /// 9. An approved, unfulfilled order that can be canceled once.
    public static let cancelableOrderID = "12345"
    /// Open orders of about $40 and $700, for approval rules on the order a cancel touches
    /// (`when = { "target.priceSummary.total" = { "$lt" = 50 } }`).
    public static let smallOpenOrderID = "12346"
    public static let largeOpenOrderID = "12347"
}

extension SeedGenerator {
    mutating func addFixtureProducts() {
        let zero = StockLevel.stock(tracked: true, quantity: 0)
        let summerZero: [(String, String, String, Double)] = [
            ("Summer Breeze Linen Shirt", "SUM-LIN-01", "Apparel", 59.99), ("Coastal Straw Sun Hat", "SUM-HAT-02", "Accessories", 34.99),
            ("Sunset Beach Towel", "SUM-TWL-03", "Outdoor", 29.99), ("Citrus Glass Water Bottle", "SUM-BTL-04", "Outdoor", 24.99),
        ]
        for (name, sku, category, price) in summerZero {
            site.insert(.products, product(name: name, sku: sku, digital: false, price: price, collections: [WorkflowFixtures.summerCollection, category], stock: zero, daysAgo: 75, ribbon: "Summer"))
        }
        // Distractors: Summer with stock, Summer without inventory tracking, Summer digital, zero stock outside Summer.
        site.insert(.products, product(name: "Palm Print Swim Shorts", sku: "SUM-SWM-05", digital: false, price: 39.99, collections: [WorkflowFixtures.summerCollection, "Apparel"], stock: StockLevel.stock(tracked: true, quantity: 25), daysAgo: 70, ribbon: "Summer"))
        site.insert(.products, product(name: "Summer Mystery Box", sku: "SUM-BOX-06", digital: false, price: 49.00, collections: [WorkflowFixtures.summerCollection], stock: StockLevel.stock(tracked: false, quantity: 0), daysAgo: 60))
        site.insert(.products, product(name: "Summer Cold Brew Recipe eBook", sku: "SUM-EBK-07", digital: true, price: 9.99, collections: [WorkflowFixtures.summerCollection, "Digital Downloads"], stock: StockLevel.stock(tracked: false, quantity: 0), daysAgo: 65))
        site.insert(.products, product(name: "Winter Wool Beanie", sku: "WIN-BEA-01", digital: false, price: 27.99, collections: ["Winter Essentials", "Apparel"], stock: zero, daysAgo: 300))
        site.insert(.products, product(name: "Cast Iron Skillet", sku: "HOM-SKL-02", digital: false, price: 64.99, collections: ["Home & Kitchen"], stock: zero, daysAgo: 220))
        // Workflow 2 and the big-ticket item of the VIP member's orders.
        site.insert(.products, product(name: WorkflowFixtures.coffeeProductName, sku: WorkflowFixtures.coffeeSKU, digital: false, price: 34.99, collections: ["Coffee & Tea", "Best Sellers"], stock: StockLevel.stock(tracked: true, quantity: 120), daysAgo: 500, ribbon: "Best Seller"))
        site.insert(.products, product(name: "Espresso Machine Pro", sku: "ESP-PRO-01", digital: false, price: 649.00, collections: ["Coffee & Tea"], stock: StockLevel.stock(tracked: true, quantity: 12), daysAgo: 480))
    }

    /// Contact ids of the fixture people, by email, for the fixture orders and bookings.
    func fixtureContactID(_ email: String) -> String {
        site.records(.contacts).first { $0["primaryInfo"]?["email"]?.stringValue == email }!["id"]!.stringValue!
    }

    mutating func addFixturePeople() {
        person(first: "John", last: "Doe", email: WorkflowFixtures.johnDoeEmail, daysAgo: 400, memberID: rng.guid(), about: "Espresso enthusiast.", labels: ["custom.coffee-club"])
        person(first: "Jane", last: "Smith", email: WorkflowFixtures.janeSmithEmail, daysAgo: 150, labels: ["custom.wholesale"])
        person(first: "Maria", last: "Garcia", email: "maria.garcia@example.com", daysAgo: 90)
        // Workflow 8: the member's contact has its own, different id.
        person(first: "Marcus", last: "Bell", email: "marcus.bell@example.com", daysAgo: 520, memberID: WorkflowFixtures.vipMemberID, contactID: "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f", about: "Weekend espresso tinkerer.", labels: ["custom.vip"])
        person(first: "Lena", last: "Ortiz", email: "lena.ortiz@example.com", daysAgo: 380, memberID: WorkflowFixtures.lowSpendMemberID)
        person(first: "Grace", last: "Kim", email: "grace.kim@example.com", daysAgo: 410, memberID: WorkflowFixtures.onTimeMemberID, labels: ["custom.vip"])
        // Workflow 3: recent members without photo and bio, and distractors.
        for (first, last, days) in [("Tariq", "Haddad", 3.0), ("Sofia", "Rossi", 12), ("Ben", "Carter", 26)] {
            person(first: first, last: last, email: "\(first.lowercased()).\(last.lowercased())@example.com", daysAgo: days, memberID: rng.guid(), photo: false)
        }
        person(first: "Maya", last: "Patel", email: "maya.patel@example.com", daysAgo: 8, memberID: rng.guid(), photo: true, about: "New here, love pour-over coffee.")
        person(first: "Lucas", last: "Meyer", email: "lucas.meyer@example.com", daysAgo: 18, memberID: rng.guid(), photo: false, about: "Tea over coffee, always.")
        person(first: "Chen", last: "Wei", email: "chen.wei@example.com", daysAgo: 20, memberID: rng.guid(), photo: true)
        person(first: "Ruth", last: "Adler", email: "ruth.adler@example.com", daysAgo: 200, memberID: rng.guid(), photo: false)
    }

    mutating func addFixtureOrders() {
        let products = site.records(.products)
        func item(_ sku: String) -> JSONValue { products.first { $0["sku"]?.stringValue == sku }! }
        let beans = item(WorkflowFixtures.coffeeSKU), machine = item("ESP-PRO-01"), shorts = item("SUM-SWM-05"), skillet = item("HOM-SKL-02")
        let marcus = fixtureContactID("marcus.bell@example.com")
        site.insert(.orders, order(contactID: marcus, lines: [(machine, 1)], daysAgo: 300))
        for days in [340.0, 280, 230, 180, 120, 75, 40] {
            site.insert(.orders, order(contactID: marcus, lines: [(beans, 2)], daysAgo: days))
        }
        site.insert(.orders, order(contactID: marcus, lines: [(beans, 3), (shorts, 1)], daysAgo: 3, delayed: true))
        let lena = fixtureContactID("lena.ortiz@example.com")
        for days in [330.0, 210, 95] { site.insert(.orders, order(contactID: lena, lines: [(beans, 1)], daysAgo: days)) }
        site.insert(.orders, order(contactID: lena, lines: [(shorts, 2)], daysAgo: 2, delayed: true))
        let grace = fixtureContactID("grace.kim@example.com")
        site.insert(.orders, order(contactID: grace, lines: [(machine, 1), (beans, 2)], daysAgo: 260))
        for days in [200.0, 110, 20] { site.insert(.orders, order(contactID: grace, lines: [(beans, 3)], daysAgo: days)) }
        let john = fixtureContactID(WorkflowFixtures.johnDoeEmail)
        site.insert(.orders, order(contactID: john, lines: [(beans, 1)], daysAgo: 150, discountPercent: 10))
        site.insert(.orders, order(id: WorkflowFixtures.cancelableOrderID, contactID: john, lines: [(skillet, 1), (beans, 2)], daysAgo: 2))
        site.insert(.orders, order(id: WorkflowFixtures.smallOpenOrderID, contactID: john, lines: [(beans, 1)], daysAgo: 1))
        site.insert(.orders, order(id: WorkflowFixtures.largeOpenOrderID, contactID: grace, lines: [(machine, 1)], daysAgo: 1))
    }

    mutating func addFixtureBookings() {
        let maria = fixtureContactID("maria.garcia@example.com")
        site.insert(.bookings, booking(id: WorkflowFixtures.appointmentID, contactID: maria, service: Self.services[2], daysAgo: -3, hour: 15, status: "CONFIRMED", notes: "Prefers afternoon appointments."))
    }

    mutating func addDataCollections() {
        addRealEstateListings()
        addSponsorshipSlots()
        addTestimonials()
    }

    private mutating func addRealEstateListings() {
        // Downtown Seattle under and over $800,000 (one exactly at it), plus look-alikes elsewhere.
        var listings: [(String, String, String, Double, Int)] = [
            ("Modern 1BR with Sound views", "Seattle", "Downtown", 615_000, 1), ("Pike Place loft", "Seattle", "Downtown", 749_000, 1),
            ("Corner 2BR near Westlake", "Seattle", "Downtown", 799_000, 2), ("2BR at exactly list", "Seattle", "Downtown", 800_000, 2),
            ("Penthouse 2BR with terrace", "Seattle", "Downtown", 1_150_000, 2), ("Luxury 3BR high-rise", "Seattle", "Downtown", 2_400_000, 3),
            ("Waterfront 2BR condo", "Seattle", "Downtown", 825_000, 2), ("South Lake Union studio", "Seattle", "South Lake Union", 690_000, 1),
            ("Bellevue downtown 2BR", "Bellevue", "Downtown", 700_000, 2), ("Tacoma downtown loft", "Tacoma", "Downtown", 450_000, 1),
        ]
        let elsewhere = [("Seattle", "Capitol Hill"), ("Seattle", "Ballard"), ("Seattle", "Queen Anne"), ("Seattle", "Fremont"),
                         ("Redmond", "Education Hill"), ("Kirkland", "Juanita"), ("Tacoma", "Stadium District")]
        for i in 0..<32 {
            let (city, hood) = rng.pick(elsewhere)
            let bedrooms = Int.random(in: 1...5, using: &rng)
            listings.append(("\(bedrooms)BR home in \(hood) #\(i + 1)", city, hood, Double(Int.random(in: 40...260, using: &rng) * 5000), bedrooms))
        }
        let fields: [(key: String, name: String, type: String, required: Bool)] = [
            ("title", "Title", "TEXT", true), ("address", "Address", "TEXT", false), ("city", "City", "TEXT", true),
            ("neighborhood", "Neighborhood", "TEXT", false), ("price", "Price (USD)", "NUMBER", true), ("bedrooms", "Bedrooms", "NUMBER", false),
            ("bathrooms", "Bathrooms", "NUMBER", false), ("squareFeet", "Square feet", "NUMBER", false), ("listingStatus", "Listing status", "TEXT", false),
            ("listedDate", "Listed on", "DATE", false), ("featured", "Featured", "BOOLEAN", false), ("photoUrl", "Photo", "IMAGE", false),
            ("agentEmail", "Agent email", "TEXT", false),
        ]
        let items: [[String: JSONValue]] = listings.enumerated().map { i, listing in
            let (title, city, hood, price, bedrooms) = listing
            return [
                "title": .string(title), "address": .string("\(100 + i * 37) \(rng.pick(["1st Ave", "2nd Ave", "Pine St", "Union St", "Madison St"])), Unit \(Int.random(in: 100...2400, using: &rng))"),
                "city": .string(city), "neighborhood": .string(hood), "price": .number(price), "bedrooms": .number(Double(bedrooms)),
                "bathrooms": .number(Double(max(1, bedrooms - Int.random(in: 0...1, using: &rng)))), "squareFeet": .number(Double(450 + bedrooms * 380 + Int.random(in: 0...300, using: &rng))),
                "listingStatus": .string(rng.pick(["Active", "Active", "Active", "Pending"])), "listedDate": .string(ISODate.dayString(date(daysAgo: Double(Int.random(in: 1...120, using: &rng))))),
                "featured": .bool(rng.chance(0.2)), "photoUrl": .string("https://static.wixstatic.com/media/listing-\(i + 1).jpg"),
                "agentEmail": .string(rng.pick(["dana@harborrealty.example.com", "sam@harborrealty.example.com"])),
            ]
        }
        collection(WorkflowFixtures.realEstateCollection, "Real Estate Listings", fields: fields, items: items)
    }

    private mutating func addSponsorshipSlots() {
        let slots: [(String, String, String, String?, Bool)] = [
            ("Main stage banner", "Gold", "Sold", "Cascade Coffee Co.", true), ("Welcome bag insert", "Silver", "Sold", "Pine & Co. Outfitters", false),
            ("Registration desk", "Gold", "Sold", "Rainier Credit Union", true), ("Coffee bar naming", "Gold", "Sold", "Emerald City Roasters", false),
            ("Lanyards", "Silver", "Sold", "Sound Transit Bikes", true), ("Workshop room A", "Bronze", "Sold", "Ballard Bakery", false),
            ("Photo booth", "Bronze", "Sold", "Lakeview Studio", true), ("Livestream overlay", "Silver", "Available", nil, false),
            ("After-party", "Gold", "Available", nil, false), ("Program back cover", "Silver", "Reserved", "Fremont Books", false),
            ("Workshop room B", "Bronze", "Available", nil, false), ("Water stations", "Bronze", "Sold", "Puget Springs", true),
        ]
        let fields: [(key: String, name: String, type: String, required: Bool)] = [
            ("title", "Slot", "TEXT", true), ("tier", "Tier", "TEXT", false), ("status", "Status", "TEXT", true), ("sponsorName", "Sponsor", "TEXT", false),
            ("price", "Price (USD)", "NUMBER", false), ("logoUrl", "Logo URL", "URL", false), ("eventDate", "Event date", "DATE", false),
            ("contactEmail", "Sponsor contact email", "TEXT", false),
        ]
        let prices = ["Gold": 5000.0, "Silver": 2500.0, "Bronze": 1000.0]
        let items: [[String: JSONValue]] = slots.map { title, tier, status, sponsor, hasLogo in
            var data: [String: JSONValue] = ["title": .string(title), "tier": .string(tier), "status": .string(status), "price": .number(prices[tier]!),
                                             "eventDate": .string(ISODate.dayString(date(daysAgo: -45)))]
            if let sponsor {
                data["sponsorName"] = .string(sponsor)
                let slug = sponsor.lowercased().filter { $0.isLetter }
                data["contactEmail"] = .string("marketing@\(slug).example.com")
                if hasLogo { data["logoUrl"] = .string("https://static.wixstatic.com/media/logo-\(slug).png") }
            }
            return data
        }
        collection(WorkflowFixtures.sponsorshipCollection, "Sponsorship Slots", fields: fields, items: items)
    }
}
