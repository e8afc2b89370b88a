import Foundation
import Testing
import WixAgentCore
@testable import WixSandbox

@Suite struct FilterTests {
    static let records: [JSONValue] = [
        ["name": "Sun Hat", "priceData": ["price": 20], "collections": ["Summer Collection", "Accessories"], "createdDate": "2024-06-01T10:00:00.000Z", "ribbon": "Sale"],
        ["name": "Wool Scarf", "priceData": ["price": 35.5], "collections": ["Winter"], "createdDate": "2023-12-01T10:00:00.000Z"],
        ["name": "Beach Towel", "priceData": ["price": 50], "collections": ["Summer Collection"], "createdDate": "2024-07-15T08:30:00Z"],
    ]

    static func names(_ filter: JSONValue) throws -> [String] {
        let f = try WixFilter(filter)
        return records.filter { f.matches($0) }.compactMap { $0["name"]?.stringValue }
    }

    @Test(arguments: [
        (["name": "Sun Hat"], ["Sun Hat"]),
        (["name": ["$eq": "Sun Hat"]], ["Sun Hat"]),
        (["name": ["$ne": "Sun Hat"]], ["Wool Scarf", "Beach Towel"]),
        (["priceData.price": ["$lt": 35.5]], ["Sun Hat"]),
        (["priceData.price": ["$lte": 35.5]], ["Sun Hat", "Wool Scarf"]),
        (["priceData.price": ["$gt": 35.5]], ["Beach Towel"]),
        (["priceData.price": ["$gte": 20, "$lt": 50]], ["Sun Hat", "Wool Scarf"]),
        (["name": ["$in": ["Wool Scarf", "Beach Towel"]]], ["Wool Scarf", "Beach Towel"]),
        (["collections": ["$hasSome": ["Summer Collection"]]], ["Sun Hat", "Beach Towel"]),
        (["collections": ["$hasAll": ["Summer Collection", "Accessories"]]], ["Sun Hat"]),
        (["collections": "Winter"], ["Wool Scarf"]),
        (["name": ["$startsWith": "be"]], ["Beach Towel"]),
        (["name": ["$contains": "SCARF"]], ["Wool Scarf"]),
        (["ribbon": ["$exists": true]], ["Sun Hat"]),
        (["ribbon": ["$exists": false]], ["Wool Scarf", "Beach Towel"]),
        (["createdDate": ["$gte": "2024-06-01"]], ["Sun Hat", "Beach Towel"]),
        (["createdDate": ["$lt": ["$date": "2024-07-15T08:30:00.000Z"]]], ["Sun Hat", "Wool Scarf"]),
        (["$or": [["name": "Sun Hat"], ["priceData.price": ["$gt": 40]]]], ["Sun Hat", "Beach Towel"]),
        (["$and": [["collections": ["$hasSome": ["Summer Collection"]]], ["priceData.price": ["$gt": 25]]]], ["Beach Towel"]),
        (["$not": ["collections": ["$hasSome": ["Summer Collection"]]]], ["Wool Scarf"]),
        ([:], ["Sun Hat", "Wool Scarf", "Beach Towel"]),
    ] as [(JSONValue, [String])])
    func operators(filter: JSONValue, expected: [String]) throws {
        #expect(try Self.names(filter) == expected, "\(filter.compactText)")
    }

    @Test(arguments: [
        (["name": ["$like": "x"]], "$like"),
        (["$nor": []], "$nor"),
        (["$and": ["name": "x"]], "$and"),
        (["$or": []], "$or"),
        (["name": ["$in": "x"]], "$in"),
        (["name": ["$startsWith": 3]], "$startsWith"),
        (["ribbon": ["$exists": "yes"]], "$exists"),
        ("name", "must be an object"),
    ] as [(JSONValue, String)])
    func malformedFiltersSayWhatIsWrong(filter: JSONValue, mention: String) {
        do {
            _ = try WixFilter(filter)
            Issue.record("\(filter.compactText) should be rejected")
        } catch {
            #expect(error.message.contains(mention), "\(error.message)")
        }
    }

    @Test func queryFiltersSortsAndPagesOverHTTP() async throws {
        try await withSandbox { sandbox in
            let all = try await sandbox.all("list_all_wix_products")
            #expect(all.count >= 200)
            #expect(Set(all.compactMap { $0["id"]?.stringValue }).count == all.count, "pages neither repeat nor skip")

            let filter: JSONValue = ["$and": [["priceData.price": ["$gte": 20, "$lt": 60]], ["$or": [["productType": "digital"], ["stock.inStock": true]]]]]
            let sort: JSONValue = [["fieldName": "priceData.price", "order": "DESC"], ["fieldName": "name"]]
            let queried = try await sandbox.all("wix_stores_products_query", ["filter": filter, "sort": sort])
            let expected = all.filter { p in
                let price = p["priceData"]?["price"]?.doubleValue ?? -1
                return price >= 20 && price < 60 && (p["productType"] == "digital" || p["stock"]?["inStock"] == true)
            }
            #expect(queried.count == expected.count && !queried.isEmpty)
            #expect(Set(queried.compactMap { $0["id"]?.stringValue }) == Set(expected.compactMap { $0["id"]?.stringValue }))
            let prices = queried.compactMap { $0["priceData"]?["price"]?.doubleValue }
            #expect(prices == prices.sorted(by: >))

            // Walk a small page size to the last page by hand.
            var cursor: JSONValue? = nil
            var pages = 0
            var seen = 0
            repeat {
                var args: [String: JSONValue] = ["limit": 7, "filter": filter]
                args["next_cursor"] = cursor
                let page = try await sandbox.call("wix_stores_products_query", args)
                #expect(page.status == 200, "\(page.json.compactText)")
                seen += page.json["result"]?.arrayValue?.count ?? 0
                cursor = page.json["next_cursor"]?.stringValue.map(JSONValue.string)
                pages += 1
            } while cursor != nil && pages < 100
            #expect(seen == expected.count)
            #expect(pages == (expected.count + 6) / 7)
        }
    }
}
