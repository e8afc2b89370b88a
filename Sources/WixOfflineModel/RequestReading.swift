import Foundation
import WixAgentCore

/// What a plain request asks of one resource of the catalog: to count, total, list, show or
/// change its records, which ones (filters read from the text), in which order and how many.
struct RequestReading: Sendable {
    enum Intent: Sendable, Equatable {
        case count
        /// The sum of the money field ("revenue", "how much").
        case sum
        case list
        /// One record, by the number or id the request gives.
        case get(String)
        /// A write the resource has a tool for ("cancel"), on the record the request names.
        case write(verb: String, record: String)
        /// A new record ("create a label called 'Gold'").
        case create
    }

    /// One condition, as a Wix filter on a field and as people read it.
    struct Condition: Sendable {
        var path: String
        var filter: JSONValue
        var words: String
        /// A time ("created this month") reads after the noun; anything else after "with".
        var isTime = false
    }

    var resource: CatalogResource
    var intent: Intent
    var conditions: [Condition]
    var sort: (path: String, descending: Bool)?
    var limit: Int

    /// The reading of `text` over `resources`, or nil when it names none of them.
    static func read(_ text: String, resources: [CatalogResource], now: Date, timeZone: TimeZone) -> RequestReading? {
        let lower = text.lowercased()
        let words = lower.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "@") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        // A request for prose ("write a poem about my bookings") is not one about the records.
        guard !["poem", "joke", "story", "essay", "translate", "why", "explain", "weather", "opinion"].contains(where: words.contains) else { return nil }
        let named = resources.compactMap { resource in resource.mention(in: words).map { (resource, $0) } }
        let spending = ["revenue", "sales", "earned", "spent", "spend", "turnover"].contains(where: words.contains)
        // "How much did john.doe@example.com spend?" is about the orders, which carry totals.
        guard let resource = named.min(by: { $0.1 < $1.1 })?.0
                ?? (spending ? resources.first(where: { $0.moneyField?.last == "total" && $0.tools["search"] != nil }) : nil) else { return nil }
        let id = recordID(in: text, resource: resource)
        // The request's command: its first word after the polite ones ("please create …").
        let command = words.first { !["please", "can", "could", "would", "you", "kindly", "now", "and", "then"].contains($0) }
        let counting = lower.contains("how many") || words.contains("count") || lower.contains("number of")
        let summing = spending || lower.contains("how much") || lower.contains("add up")
        let intent: Intent
        if counting {
            intent = .count
        } else if summing {
            intent = .sum
        } else if let command, ["create", "add", "make"].contains(command), resource.tools["create"] != nil, id == nil {
            intent = .create
        } else if let command, let verb = resource.writes.first(where: { $0 == command || ($0 == "delete" && command == "remove") }), let id {
            intent = .write(verb: verb, record: id)
        } else if let id {
            intent = .get(id)
        } else {
            intent = .list
        }
        var conditions: [Condition] = []
        for email in TextPatterns.emails(in: text) {
            if let field = resource.fields.first(where: { $0.last.contains("email") }) {
                conditions.append(Condition(path: field.path, filter: [field.path: .string(email)], words: "email \(email)"))
            }
        }
        if let money = resource.moneyField {
            let comparisons: [(words: [String], op: String)] = [
                (["under", "below", "less than", "cheaper than", "at most", "up to"], "$lt"),
                (["over", "above", "more than", "at least", "greater than", "pricier than"], "$gt"),
            ]
            // "More than 30 days", "over 3 items": a number with a unit is not an amount of money.
            let units = #"(?i)\b(?:under|below|less than|over|above|more than|at least|at most|up to)\s+\$?\d[\d,.]*\s*(?:days?|weeks?|months?|years?|hours?|minutes?|units?|items?|times|orders?|products?|pieces?)\b"#
            let isMoney = TextPatterns.matches(of: units, in: text).isEmpty
            for (lead, op) in comparisons where isMoney {
                if let amount = TextPatterns.amount(after: lead, in: text) {
                    conditions.append(Condition(path: money.path, filter: [money.path: [op: .number(amount)]],
                                                words: "\(label(money.path)) \(op == "$lt" ? "under" : "over") \(Money.text(amount))"))
                }
            }
        }
        for field in resource.fields where !field.values.isEmpty {
            if let value = Self.value(of: field, in: lower) {
                conditions.append(Condition(path: field.path, filter: [field.path: .string(value)],
                                            words: "\(label(field.path)) \(value.lowercased().replacingOccurrences(of: "_", with: " "))"))
            }
        }
        if let period = DatePeriod.find(in: text, now: now, timeZone: timeZone), let field = dateField(resource, lower) {
            let range: JSONValue = ["$gte": .string(ISODate.string(period.start)), "$lt": .string(ISODate.string(period.end))]
            conditions.append(Condition(path: field.path, filter: [field.path: range], words: "\(label(field.path)) \(period.phrase)", isTime: true))
        } else if ["upcoming", "coming up", "future"].contains(where: lower.contains), let start = resource.field(named: ["startDate"]) {
            conditions.append(Condition(path: start.path, filter: [start.path: ["$gte": .string(ISODate.string(now))]], words: "starting from now", isTime: true))
        }
        for name in TextPatterns.quoted(in: text) {
            if let field = resource.field(named: ["name", "title", "displayname", "productname"]) {
                conditions.append(Condition(path: field.path, filter: [field.path: ["$contains": .string(name)]], words: "\(label(field.path)) containing \"\(name)\""))
            }
        }
        var sort: (path: String, descending: Bool)?
        if let money = resource.moneyField, ["expensive", "highest", "largest", "biggest", "priciest"].contains(where: lower.contains) {
            sort = (money.path, true)
        } else if let money = resource.moneyField, ["cheapest", "lowest", "smallest"].contains(where: lower.contains) {
            sort = (money.path, false)
        } else if let date = resource.field(named: ["createdDate"]), ["latest", "newest", "recent", "last"].contains(where: words.contains) {
            sort = (date.path, true)
        } else if let date = resource.field(named: ["createdDate"]), ["oldest", "earliest", "first"].contains(where: words.contains) {
            sort = (date.path, false)
        }
        let limit = TextPatterns.topCount(in: text)
            ?? TextPatterns.groups(of: #"\b(\d{1,2})\s+(?:most|latest|newest|cheapest|recent|last|first)\b"#, in: lower).first.flatMap { Int($0[1]) }
            ?? TextPatterns.groups(of: #"\b(?:cheapest|latest|newest|expensive|priciest|oldest|recent|last)\s+(\d{1,2})\b"#, in: lower).first.flatMap { Int($0[1]) }
        return RequestReading(resource: resource, intent: intent, conditions: conditions, sort: sort, limit: min(max(limit ?? 10, 1), 50))
    }

    /// The value of `field` the text names: the value's words ("not paid", "canceled"), or a word
    /// people use for it ("unpaid", "cancelled", "open" for a status that needs action).
    static func value(of field: CatalogResource.Field, in text: String) -> String? {
        let synonyms: [String: [String]] = [
            "NOT_PAID": ["unpaid", "not paid"], "CANCELED": ["cancelled", "canceled"], "COMPLETED": ["completed", "done", "finished"],
            "FULFILLED": ["fulfilled", "shipped"], "NOT_FULFILLED": ["unfulfilled", "not fulfilled", "not shipped"],
            "ACTION_NEEDED": ["open", "pending", "to do", "outstanding"], "CONFIRMED": ["confirmed"],
        ]
        // Longer values first, so "not paid" is not read as "paid".
        for value in field.values.sorted(by: { $0.count > $1.count }) {
            let phrases = [value.lowercased().replacingOccurrences(of: "_", with: " ")] + (synonyms[value] ?? [])
            if phrases.contains(where: { text.range(of: "\\b\($0)\\b", options: .regularExpression) != nil }) {
                // "not paid" also contains "paid": a value only counts where a longer one did not.
                return value
            }
        }
        return nil
    }

    /// The date a period applies to: when something is due, starts, or (by default) was created.
    static func dateField(_ resource: CatalogResource, _ text: String) -> CatalogResource.Field? {
        if text.contains("due"), let due = resource.field(named: ["dueDate"]) { return due }
        // A booking "this week" is one that takes place this week, unless the request says created or booked.
        if !["created", "booked", "made", "placed"].contains(where: text.contains), let start = resource.field(named: ["startDate"]) { return start }
        return resource.field(named: ["createdDate", "_createdDate"])
    }

    /// The record a request names: a GUID anywhere, or a number right after the resource's noun,
    /// `#`, `id` or `number` ("order 10466", "#10466", "booking ID 847294"). A number elsewhere is
    /// an amount, a count or a day, not a record.
    static func recordID(in text: String, resource: CatalogResource) -> String? {
        if let guid = TextPatterns.matches(of: #"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"#, in: text).first { return guid }
        let noun = NSRegularExpression.escapedPattern(for: resource.singular)
        let pattern = #"(?i)(?:\b"# + noun + #"s?|#|\bid|\bnumber|\bno\.)\s*(?:id|number|no\.?)?\s*[#:]?\s*(\d{3,})\b"#
        return TextPatterns.groups(of: pattern, in: text).first?[1]
    }

    /// A field as people say it: `priceSummary.total` → "total", `paymentStatus` → "payment status",
    /// `createdDate` → "created".
    static func label(_ path: String) -> String {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        let named = ["createdDate": "created", "_createdDate": "created", "dueDate": "due", "startDate": "starting", "updatedDate": "updated"]
        return named[last] ?? words(last)
    }

    /// A field's name as words: `displayName` → "display name".
    static func words(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase, !text.isEmpty { text += " " }
            text += character.lowercased()
        }
    }

    /// Said with an answer when the request seems to ask for a filter that none of the conditions
    /// is ("orders from Jane Smith"): the answer is about every record, and says so.
    static func unreadFilterNote(_ text: String, _ reading: RequestReading) -> String {
        guard reading.conditions.isEmpty else { return "" }
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        let asks = ["from", "by", "with", "named", "called", "where", "that", "who", "whose", "without", "than", "ago", "before", "after", "since"]
            .contains(where: words.contains)
        return asks ? "\n(I found no filter I can apply in that request, so this is about all \(reading.resource.name).)" : ""
    }

    /// All the conditions as one Wix filter.
    var filter: JSONValue? {
        switch conditions.count {
        case 0: nil
        case 1: conditions[0].filter
        default: ["$and": .array(conditions.map(\.filter))]
        }
    }

    /// The conditions as people read them after the resource's name: "created this month with
    /// payment status not paid and total over $100.00".
    var said: String {
        let others = conditions.filter { !$0.isTime }.map(\.words)
        return (conditions.filter(\.isTime).map(\.words) + (others.isEmpty ? [] : ["with " + others.joined(separator: " and ")])).joined(separator: " ")
    }
}
