import WixAgentCore

/// 4. "Query the 'RealEstateListings' data collection and return the top 5 properties located in downtown
/// Seattle that are priced under $800,000": read the collection's fields, then one filtered, sorted query.
/// "Top" ranks by price, highest first; the last word of the place is the city, the words before it the neighborhood.
enum CollectionQueryWorkflow: OfflineWorkflow {
    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        let below = TextPatterns.amount(after: ["under", "below", "less than", "cheaper than"], in: text)
        let atMost = TextPatterns.amount(after: ["at most", "up to", "no more than", "max"], in: text)
        guard TextPatterns.mentions(text, "collection"), let id = TextPatterns.quoted(in: text).first, let cap = below ?? atMost else { return nil }
        let (read, step) = DataCollection.read(id, turn: turn)
        guard let collection = read else { return step }
        guard let priceKey = collection.field(named: ["price"], type: "NUMBER") ?? collection.field(named: ["price", "amount", "cost"]) else {
            return .answer("The collection '\(id)' has no price field (fields: \(collection.fields.compactMap { $0["key"]?.stringValue }.joined(separator: ", "))), so I can't filter it by price.")
        }
        let limit = TextPatterns.topCount(in: text) ?? 5
        let place = location(in: text, collection: collection)
        guard let result = turn.result(of: DataCollection.queryTool) else {
            let price = WixFilters.field(priceKey, below != nil ? "$lt" : "$lte", .number(cap))
            let filter = WixFilters.all(place.map { WixFilters.equals($0.key, .string($0.value)) } + [price])
            return .call(.query(DataCollection.queryTool, filter, sort: (priceKey, true), limit: limit, extra: ["dataCollectionId": .string(id)]))
        }
        guard let items = result.items else { return .answer("I could not query '\(id)': \(result.failure)") }
        let area = place.isEmpty ? "" : " in " + place.map(\.value).joined(separator: ", ")
        let condition = "\(area) priced \(below != nil ? "under" : "at most") \(Money.text(cap))"
        guard !items.isEmpty else { return .answer("No item of '\(id)' is\(condition).") }
        let total = result.json?["total"]?.intValue ?? items.count
        let lines = items.map { item in
            let data = item["data"] ?? [:]
            let details = ([data[priceKey].map(Money.text)] + place.map { data[$0.key]?.stringValue }).compactMap { $0 }
            return "\(collection.title(of: item)): \(details.joined(separator: ", ")) (item \(item["id"]?.stringValue ?? "?"))"
        }
        let heading = total > items.count
            ? "The top \(items.count) of \(total) items of '\(id)'\(condition), by price, highest first:"
            : "\(AnswerFormat.count(total, "item")) of '\(id)' \(total == 1 ? "is" : "are")\(condition) (fewer than \(limit)), by price, highest first:"
        return .answer(AnswerFormat.list(heading, lines))
    }

    /// Field filters for "in downtown Seattle": the neighborhood when the collection has one, and the city.
    private static func location(in text: String, collection: DataCollection) -> [(key: String, value: String)] {
        guard let phrase = TextPatterns.phrase(after: ["located in", "in"], in: text, stoppingAt: ["that", "priced", "under", "below", "with", "for", "from", "at", "and"]),
              phrase.allSatisfy({ $0.isLetter || $0 == " " }) else { return [] }
        var words = phrase.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        guard let cityKey = collection.field(named: ["city", "town"]), !words.isEmpty else { return [] }
        guard let areaKey = collection.field(named: ["neighborhood", "neighbourhood", "area", "district"]), words.count > 1 else {
            return [(cityKey, words.joined(separator: " "))]
        }
        let city = words.removeLast()
        return [(areaKey, words.joined(separator: " ")), (cityKey, city)]
    }
}
