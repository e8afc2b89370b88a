import Foundation
import WixAgentCore

/// The read plumbing shared by every list, query and search tool: filter, sort, page.
enum Paging {
    static let defaultLimit = 50

    /// Sort key used when the caller gives none.
    struct SortKey: Sendable {
        var path: String
        var descending: Bool
    }

    /// Answers `{"result": [...], "next_cursor": "..." | null, "total": n}` for one page of `records`.
    /// `view` maps a record to what filters and sort keys see (CMS items filter on their `data`).
    static func page(
        _ records: [JSONValue], call: Call, defaultSort: SortKey? = SortKey(path: "createdDate", descending: true),
        view: (JSONValue) -> JSONValue = { $0 }
    ) throws -> JSONValue {
        var selected = try filtered(records, call: call, view: view)
        let keys = sortKeys(call.body["sort"]) ?? defaultSort.map { [$0] } ?? []
        if !keys.isEmpty {
            selected = stableSorted(selected, by: keys, view: view)
        }
        let offset = try call.query["next_cursor"]?.stringValue.map { try decodeCursor($0, count: selected.count) } ?? 0
        let limit = max(1, call.query["limit"]?.intValue ?? defaultLimit)
        // offset <= count, so this cannot overflow whatever the limit.
        let end = offset + min(limit, selected.count - offset)
        let pageItems = offset < end ? Array(selected[offset..<end]) : []
        let next: JSONValue = end < selected.count ? .string(encodeCursor(end)) : .null
        return ["result": .array(pageItems), "next_cursor": next, "total": .number(Double(selected.count))]
    }

    /// Counts the records matching the body's `filter`, exactly as a query with that filter would select them.
    static func count(_ records: [JSONValue], call: Call, view: (JSONValue) -> JSONValue = { $0 }) throws -> JSONValue {
        ["result": ["count": .number(Double(try filtered(records, call: call, view: view).count))]]
    }

    /// The records the body's `filter` selects (all of them without one).
    private static func filtered(_ records: [JSONValue], call: Call, view: (JSONValue) -> JSONValue) throws -> [JSONValue] {
        guard let filterJSON = call.body["filter"] else { return records }
        let filter: WixFilter
        do {
            filter = try WixFilter(filterJSON)
        } catch {
            throw SandboxError.badRequest(error.message)
        }
        return records.filter { filter.matches(view($0)) }
    }

    private static func sortKeys(_ json: JSONValue?) -> [SortKey]? {
        guard let items = json?.arrayValue, !items.isEmpty else { return nil }
        return items.compactMap { item in
            item["fieldName"]?.stringValue.map { SortKey(path: $0, descending: item["order"] == "DESC") }
        }
    }

    private static func stableSorted(_ records: [JSONValue], by keys: [SortKey], view: (JSONValue) -> JSONValue) -> [JSONValue] {
        let decorated = records.enumerated().map { entry in
            let viewed = view(entry.element)
            return (offset: entry.offset, record: entry.element, keys: keys.map { viewed.values(atPath: $0.path).first })
        }
        return decorated.sorted { a, b in
            for (i, key) in keys.enumerated() {
                let order = orderOf(a.keys[i], b.keys[i])
                if order != .orderedSame { return key.descending ? order == .orderedDescending : order == .orderedAscending }
            }
            return a.offset < b.offset
        }.map(\.record)
    }

    /// Missing values sort before present ones; values that do not compare keep their order.
    private static func orderOf(_ a: JSONValue?, _ b: JSONValue?) -> ComparisonResult {
        switch (a, b) {
        case (nil, nil): .orderedSame
        case (nil, _): .orderedAscending
        case (_, nil): .orderedDescending
        case (let x?, let y?): WixFilter.compare(x, y) ?? .orderedSame
        }
    }

    static func encodeCursor(_ offset: Int) -> String {
        Data("offset:\(offset)".utf8).base64EncodedString()
    }

    /// The offset a cursor of `encodeCursor` names, when it points into these `count` records:
    /// digits only, at most `count`. Anything else is a 400, never arithmetic on a wild number.
    static func decodeCursor(_ cursor: String, count: Int) throws -> Int {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8), text.hasPrefix("offset:") else {
            throw SandboxError.badRequest("next_cursor '\(cursor.prefix(64))' is not a cursor this API returned; pass next_cursor from the previous page unchanged.")
        }
        let digits = text.dropFirst(7)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let offset = Int(digits), offset <= count else {
            throw SandboxError.badRequest("next_cursor '\(cursor.prefix(64))' does not point into these \(count) records; pass next_cursor from the previous page unchanged.")
        }
        return offset
    }
}
