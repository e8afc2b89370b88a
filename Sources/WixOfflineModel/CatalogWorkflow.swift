import Foundation
import WixAgentCore

/// Plain requests about any resource of the catalog (`RequestReading`): counts, totals, lists
/// with filters, one record by number or id, and a write on a record named by number or id
/// (which asks for approval like any write). Searches filter on the site; a resource with only a
/// `list` is read a few pages at a time and filtered here.
enum CatalogWorkflow: OfflineWorkflow {
    /// Pages of a list read at most, and records per page (this model reads results whole).
    static let maxPages = 8
    static let pageSize = 100

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        guard let reading = RequestReading.read(turn.userText, resources: turn.resources, now: turn.now, timeZone: turn.timeZone)
        else { return nil }
        let resource = reading.resource
        switch reading.intent {
        case .count:
            if let tool = resource.tools["count"], resource.tools["search"] != nil || reading.conditions.isEmpty {
                guard let result = turn.result(of: tool) else { return .call(PlannedCall(name: tool, arguments: .object(arguments(filter: reading.filter)))) }
                guard let count = (result.body ?? result.json)?["count"]?.intValue ?? result.json?["total"]?.intValue else {
                    return .notDone("count the \(resource.name)", result)
                }
                return .answer(countLine(count, reading) + RequestReading.unreadFilterNote(turn.userText, reading))
            }
            // A search that says how many match answers on its first page; otherwise every page is counted.
            return collect(reading, turn: turn, all: true, stopsAtTotal: true) { read, records, more, total in
                .answer(countLine(total ?? records.count, read, atLeast: total == nil && more) + RequestReading.unreadFilterNote(turn.userText, read))
            }
        case .sum:
            guard let money = resource.moneyField else {
                return .answer("The \(resource.name) of this site have no amount I can add up. " + Help.examples(for: resource, in: turn.resources))
            }
            return collect(reading, turn: turn, all: true) { reading, records, more, _ in
                // Canceled orders are no revenue, unless the request asks about them.
                let asksForState = reading.conditions.contains { $0.path.lowercased().hasSuffix("status") }
                let counted = asksForState ? records : records.filter { ($0["status"]?.stringValue ?? "") != "CANCELED" }
                let sum = counted.compactMap { $0.values(atPath: money.path).first?.doubleValue }.reduce(0, +)
                let scope = reading.conditions.isEmpty ? "all \(resource.name)" : "\(resource.name) \(reading.said)"
                let skipped = records.count - counted.count
                let lower = turn.userText.lowercased()
                let label = RequestReading.label(money.path)
                let what = ["revenue", "sales"].contains(where: lower.contains) ? "Revenue" : ["spend", "spent"].contains(where: lower.contains) ? "Spent"
                    : label == "total" ? "Total" : "Total \(label)"
                return .answer("\(what) of \(scope): \(Money.text(sum)) over "
                    + AnswerFormat.count(counted.count, resource.singular) + (skipped > 0 ? " (\(skipped) canceled left out)" : "")
                    + (more ? " — the first \(records.count) only; there are more." : "."))
            }
        case .list:
            return collect(reading, turn: turn) { reading, records, more, _ in
                guard !records.isEmpty else { return .answer("No \(resource.name)\(reading.conditions.isEmpty ? "" : " " + reading.said).") }
                let shown = Array(records.prefix(reading.limit))
                let heading = reading.conditions.isEmpty ? "\(resource.name.capitalized):" : "\(resource.name.capitalized) \(reading.said):"
                return .answer(AnswerFormat.list(heading, shown.map { WritePreview.fields($0, in: turn.timeZone) })
                    + (more || records.count > shown.count ? "\n(More match; ask for the next page or narrow it down.)" : "")
                    + RequestReading.unreadFilterNote(turn.userText, reading))
            }
        case .get(let id):
            return find(id, in: resource, turn: turn) { record in
                .answer(WritePreview.fields(record, in: turn.timeZone))
            }
        case .create:
            guard let tool = resource.tools["create"], let schema = turn.schemas[tool] else { return nil }
            if let result = turn.result(of: tool) {
                guard !result.isError else { return .notDone("create the \(resource.singular)", result) }
                return .answer("Created the \(resource.singular): " + (result.body.map { WritePreview.fields($0, in: turn.timeZone) } ?? "done") + ".")
            }
            let draft = NewRecord(schema: schema, text: turn.userText, now: turn.now, timeZone: turn.timeZone)
            guard draft.missing.isEmpty else {
                // Asked for, not guessed.
                return .answer("To create a \(resource.singular) I need \(draft.missing.map { "its \(RequestReading.words($0))" }.joined(separator: " and ")). "
                    + "Say it again with \(draft.missing.count == 1 ? "it" : "them"), e.g. \"\(draft.example(resource))\".")
            }
            return .call(PlannedCall(name: tool, arguments: .object(draft.arguments)))
        case .write(let verb, let id):
            guard let tool = resource.tools[verb] else { return nil }
            return find(id, in: resource, turn: turn) { record in
                guard let recordID = record["id"]?.stringValue else { return .answer("The \(resource.singular) I found has no id, so I can't \(verb) it.") }
                guard let result = turn.result(of: tool) else { return .call(PlannedCall(name: tool, arguments: ["id": .string(recordID)])) }
                guard !result.isError else { return .notDone("\(verb) \(resource.singular) \(id)", result) }
                let after = RecordBody.unwrap(result.json).map { WritePreview.fields($0, in: turn.timeZone) } ?? ""
                return .answer("Done: \(verb) of \(resource.singular) \(id).\(after.isEmpty ? "" : "\n" + after)")
            }
        }
    }

    /// The records the reading asks for: one search on the site, or (`all`) every page of it, or
    /// the pages of a plain list filtered here; then `answer` with them and whether more exist.
    static func collect(_ reading: RequestReading, turn: OfflineTurn, all: Bool = false, stopsAtTotal: Bool = false,
                        answer: (RequestReading, [JSONValue], _ more: Bool, _ total: Int?) -> OfflineStep) -> OfflineStep {
        let resource = reading.resource
        let searched = resource.tools["search"] != nil
        guard let tool = resource.tools["search"] ?? resource.tools["list"] else {
            return .answer("This site's catalog has no way to list \(resource.name).")
        }
        let pages = turn.results(of: tool)
        if let failed = pages.last(where: \.isError) { return .notDone("read the \(resource.name)", failed) }
        let cursor = pages.last?.json?["next_cursor"]?.stringValue
        let knownTotal = searched ? pages.first?.json?["total"]?.intValue : nil
        let wantsMore = (all || !searched) && !(stopsAtTotal && knownTotal != nil)
        if pages.isEmpty || (wantsMore && cursor != nil && pages.count < maxPages) {
            var arguments = searched ? self.arguments(filter: reading.filter) : [:]
            arguments["limit"] = .number(Double(searched && !all ? reading.limit : pageSize))
            if let sort = reading.sort, searched { arguments["sort"] = [["fieldName": .string(sort.path), "order": sort.descending ? "DESC" : "ASC"]] }
            if let cursor, !pages.isEmpty { arguments["next_cursor"] = .string(cursor) }
            return .call(PlannedCall(name: tool, arguments: .object(arguments)))
        }
        var records = pages.flatMap { $0.items ?? [] }
        var read = reading
        if !searched {
            // The fields a list's records have stand in for a search's: read the request again with them.
            var local = resource
            local.fields = LocalFilter.fields(in: records)
            read = RequestReading.read(turn.userText, resources: [local], now: turn.now, timeZone: turn.timeZone) ?? reading
            records = records.filter { LocalFilter.matches($0, read.conditions) }
            if let sort = read.sort { records.sort { LocalFilter.compare($0.values(atPath: sort.path).first ?? .null, $1.values(atPath: sort.path).first ?? .null) == (sort.descending ? .orderedDescending : .orderedAscending) } }
        }
        // A total counts what the site filtered; records filtered here are counted here.
        let total = searched && read.conditions.count == reading.conditions.count ? knownTotal : nil
        let more = cursor != nil && (wantsMore || total.map { $0 > records.count } ?? true)
        return answer(read, records, more, total)
    }

    /// Finds one record by the number or id the request gives, then `then` with it.
    static func find(_ id: String, in resource: CatalogResource, turn: OfflineTurn, then: (JSONValue) -> OfflineStep) -> OfflineStep {
        if let search = resource.tools["search"] {
            let byNumber = resource.field(named: ["number"]).map { [[$0.path: .string(id)] as JSONValue] } ?? []
            let filter: JSONValue = byNumber.isEmpty ? ["id": .string(id)] : ["$or": .array(byNumber + [["id": .string(id)]])]
            guard let result = turn.result(of: search) else { return .call(PlannedCall(name: search, arguments: ["filter": filter, "limit": 2])) }
            // Only a record that has the number or id asked for, whatever the search answered.
            guard let record = result.items?.first(where: { names($0, id) }) else {
                return result.isError ? .notDone("find \(resource.singular) \(id)", result)
                    : .answer("No \(resource.singular) has the number or id \(id).")
            }
            return then(record)
        }
        guard let get = resource.tools["get"] else { return .answer("This site's catalog cannot look up one \(resource.singular).") }
        guard let result = turn.result(of: get) else { return .call(PlannedCall(name: get, arguments: ["id": .string(id)])) }
        guard let record = result.body, record.objectValue != nil, names(record, id) else { return .notDone("find \(resource.singular) \(id)", result) }
        return then(record)
    }

    /// Whether `record` is the one named `id`: by its id or its number.
    static func names(_ record: JSONValue, _ id: String) -> Bool {
        record["id"]?.stringValue == id || record["number"]?.stringValue == id
    }

    static func arguments(filter: JSONValue?) -> [String: JSONValue] {
        filter.map { ["filter": $0] } ?? [:]
    }

    static func countLine(_ count: Int, _ reading: RequestReading, atLeast: Bool = false) -> String {
        let what = AnswerFormat.count(count, reading.resource.singular)
        return (atLeast ? "At least " : "") + what + (reading.conditions.isEmpty ? "" : " \(reading.said)") + "."
    }
}

/// Conditions checked on records read here (a resource without a search): the same Wix filters.
enum LocalFilter {
    /// The fields records have, as a search describes its own: each top-level and nested value,
    /// with the values of a state (an ALL_CAPS word) the records take.
    static func fields(in records: [JSONValue]) -> [CatalogResource.Field] {
        var values: [String: Set<String>] = [:]
        var order: [String] = []
        func walk(_ value: JSONValue, path: String, depth: Int) {
            if let members = value.objectValue, depth < 2 {
                for (key, member) in members.sorted(by: { $0.key < $1.key }) { walk(member, path: path.isEmpty ? key : path + "." + key, depth: depth + 1) }
                return
            }
            guard !path.isEmpty else { return }
            if values[path] == nil { order.append(path); values[path] = [] }
            if let text = value.stringValue, text.count > 1, text.allSatisfy({ $0.isUppercase || $0 == "_" }) { values[path]?.insert(text) }
        }
        for record in records { walk(record, path: "", depth: 0) }
        return order.map { path in
            let seen = (values[path] ?? []).sorted()
            let state = ["status", "priority"].contains { path.lowercased().contains($0) }
            return CatalogResource.Field(path: path, values: seen.count > 1 || state ? seen : [])
        }
    }

    static func matches(_ record: JSONValue, _ conditions: [RequestReading.Condition]) -> Bool {
        conditions.allSatisfy { holds($0.filter, on: record) }
    }

    static func holds(_ filter: JSONValue, on record: JSONValue) -> Bool {
        guard let members = filter.objectValue else { return false }
        return members.allSatisfy { path, test in
            let value = record.values(atPath: path).first ?? .null
            guard let ops = test.objectValue else { return value == test }
            return ops.allSatisfy { op, operand in
                switch op {
                case "$lt": compare(value, operand) == .orderedAscending
                case "$gt": compare(value, operand) == .orderedDescending
                case "$gte": compare(value, operand) != .orderedAscending && compare(value, operand) != nil
                case "$contains": value.stringValue?.lowercased().contains(operand.stringValue?.lowercased() ?? "\u{0}") == true
                default: false
                }
            }
        }
    }

    static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult? {
        if let x = a.doubleValue, let y = b.doubleValue { return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        if let x = a.stringValue.flatMap(ISODate.parse), let y = b.stringValue.flatMap(ISODate.parse) { return x.compare(y) }
        return nil
    }
}
