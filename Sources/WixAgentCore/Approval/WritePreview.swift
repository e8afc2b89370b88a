import Foundation

/// What a write will touch, shown before anyone decides on it: the record it names, read
/// through the catalog's `get` on the same resource, and the lines the dialog shows — the
/// record's identifying fields and state, `field: before → after` for each argument that sets a
/// field the record has, and whether the write can be undone. A preview that could not be read
/// says why; the write is never blocked by it.
public struct WritePreview: Sendable, Hashable {
    /// The record as the service answered (unwrapped, `RecordBody`); nil when unavailable.
    public var record: JSONValue?
    /// Why there is no record, e.g. "preview unavailable: 404 …".
    public var unavailable: String?
    public var lines: [String]
    /// The arguments of the read that fetched it (`RecordReference.arguments`): which record this is.
    public var readArguments: [String: JSONValue]?

    /// The preview as stored and as `exec --json` prints it.
    public var json: JSONValue {
        ["record": record ?? .null, "unavailable": unavailable.map(JSONValue.string) ?? .null, "lines": .array(lines.map(JSONValue.string)),
         "read": readArguments.map(JSONValue.object) ?? .null]
    }

    /// The preview `json` was made of; nil for JSON that is not one.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let lines = object["lines"]?.arrayValue else { return nil }
        let texts = lines.compactMap(\.stringValue)
        guard texts.count == lines.count else { return nil }
        self.init(record: object["record"].flatMap { $0 == .null ? nil : $0 }, unavailable: object["unavailable"]?.stringValue,
                  lines: texts, readArguments: object["read"]?.objectValue)
    }

    public init(record: JSONValue?, unavailable: String?, lines: [String], readArguments: [String: JSONValue]? = nil) {
        self.record = record
        self.unavailable = unavailable
        self.lines = lines
        self.readArguments = readArguments
    }

    /// The preview of a write from the record its read (`reference`) returned. An array the
    /// write adds to or takes from (`label`, `unlabel`: a custom method and its `un` twin) is
    /// shown as the whole list before and after.
    /// Times are shown in `timeZone` with UTC beside it (`InstantText`).
    public init(record: JSONValue, tool: Tool, arguments: [String: JSONValue], reference: RecordReference, irreversible: Bool,
                timeZone: TimeZone = .current) {
        var lines = [Self.identity(record, noun: reference.write.resourceNoun, in: timeZone)]
        // Second, so a short dialog never cuts it off.
        if irreversible { lines.append(Self.irreversibleLine) }
        let keys = arguments.keys.sorted().filter { !reference.namingKeys.contains($0) }
        var unchanged: [String] = []
        for key in keys {
            guard let before = Self.field(key, in: record), let after = arguments[key] else { continue }
            let shown = Self.result(of: after, on: before, by: reference.write.key)
            if Self.same(before, shown) {
                // Said, not left out: a person who asked for a change sees that this is none.
                unchanged.append(key)
                lines.append("\(key): \(Self.short(before, in: timeZone)) (unchanged)")
            } else {
                lines.append("\(key): \(Self.short(before, in: timeZone)) → \(Self.short(shown, in: timeZone))")
            }
        }
        // Every value it sets is the record's already: said first, so nobody approves a write for an effect it will not have.
        if !keys.isEmpty, unchanged.count == keys.count {
            lines.insert("\(Self.noEffectPrefix)\(unchanged.joined(separator: ", ")) already \(unchanged.count == 1 ? "has" : "have") the value\(unchanged.count == 1 ? "" : "s") it sets", at: 0)
        }
        self.init(record: record, unavailable: nil, lines: lines, readArguments: reference.arguments)
    }

    /// What a field holds after a write sets `given` on `before`: a custom method and its `un`
    /// twin (`label`, `unlabel`) add to or take from a list; anything else sets it.
    static func result<Item: Equatable>(of given: [Item], on before: [Item], by method: String) -> [Item] {
        guard method != "update" else { return given }
        return method.hasPrefix("un") ? before.filter { !given.contains($0) } : before + given.filter { !before.contains($0) }
    }

    static func result(of given: JSONValue, on before: JSONValue, by method: String) -> JSONValue {
        guard let old = before.arrayValue, let items = given.arrayValue else { return given }
        return .array(result(of: items, on: old, by: method))
    }

    /// A preview whose read failed.
    public init(unavailable why: String, irreversible: Bool, readArguments: [String: JSONValue]? = nil) {
        self.init(record: nil, unavailable: "preview unavailable: \(why)", lines: ["preview unavailable: \(why)"] + (irreversible ? [Self.irreversibleLine] : []),
                  readArguments: readArguments)
    }

    /// The line that marks a write without an inverse.
    public static let irreversibleLine = "This cannot be undone."

    /// How the line of a write that changes nothing begins.
    public static let noEffectPrefix = "No effect: "

    /// Whether the write changes nothing the record shows (its first line says so).
    public var hasNoEffect: Bool { lines.first?.hasPrefix(Self.noEffectPrefix) == true }

    /// Whether a record's value and the value a write sets are the same: equal JSON, the same
    /// instant written two ways (`…15:00:00.000Z`, `…15:00:00Z`), or a number and its text.
    static func same(_ before: JSONValue, _ after: JSONValue) -> Bool {
        if before == after { return true }
        switch (before, after) {
        case (.string(let a), .string(let b)):
            guard let x = ISODate.parse(a), let y = ISODate.parse(b), a.count > 10, b.count > 10 else { return false }
            return x == y
        case (.number(let a), .string(let b)), (.string(let b), .number(let a)):
            return Double(b) == a
        default:
            return false
        }
    }

    /// The fields that say which record this is and what state it is in, in this order when present.
    static let identifying: [(label: String, paths: [String])] = [
        ("number", ["number"]), ("title", ["title", "bookedEntity.title"]), ("name", ["name", "displayName", "info.name", "profile.nickname"]),
        ("status", ["status"]), ("email", ["buyerInfo.email", "primaryInfo.email", "contactDetails.email", "loginEmail"]),
        ("total", ["priceSummary.total.amount", "priceSummary.total"]), ("price", ["priceData.price"]), ("stock", ["stock.quantity", "stock.inventoryStatus"]),
        ("start", ["startDate"]), ("due", ["dueDate"]),
        ("priority", ["priority"]), ("labels", ["info.labelKeys", "labelKeys"]), ("items", ["lineItems"]),
    ]

    /// `noun id: fields` (`showingID` false: `noun: fields`, for a record whose id is shown beside it).
    static func identity(_ record: JSONValue, noun: String, in zone: TimeZone, showingID: Bool = true) -> String {
        let id = showingID ? record["id"]?.stringValue.map { " \($0)" } ?? "" : ""
        return "\(noun)\(id): " + fields(record, in: zone)
    }

    /// The fields that say which record this is and what state it is in (`identifying`), as one
    /// line: `number 10470 · status APPROVED · email … · total 45.74 · 1 item`. The one summary of
    /// a record, for previews, the dialog's named records and the offline model's answers.
    public static func fields(_ record: JSONValue, in zone: TimeZone) -> String {
        var parts: [String] = []
        for (label, paths) in identifying {
            guard let value = paths.lazy.compactMap({ record.values(atPath: $0).first }).first, value != .null else { continue }
            switch value {
            case .array(let items) where label == "items": parts.append("\(items.count) item\(items.count == 1 ? "" : "s")")
            case .object(let members) where label == "name":
                parts.append([members["first"], members["last"]].compactMap { $0?.stringValue }.joined(separator: " "))
            case _ where label == "price":
                parts.append("price \(short(value))" + (record.values(atPath: "priceData.currency").first?.stringValue.map { " \(short(.string($0)))" } ?? ""))
            default: parts.append("\(label) \(short(value, in: zone))")
            }
        }
        return parts.isEmpty ? "(no identifying fields)" : parts.joined(separator: " · ")
    }

    /// A field of the record by key: at the top, else one level down (`info.labelKeys`).
    static func field(_ key: String, in record: JSONValue) -> JSONValue? {
        if let top = record[key] { return top }
        // The first parent in key order, as `RecordChange` watches it.
        let members = record.objectValue ?? [:]
        return members.keys.sorted().lazy.compactMap { members[$0]?.objectValue?[key] }.first
    }

    /// A value in at most 80 characters; a timestamp as `InstantText` describes it in `zone`.
    static func short(_ value: JSONValue, in zone: TimeZone? = nil) -> String {
        if let zone, let text = value.stringValue, let instant = InstantText.describe(text, in: zone) { return instant }
        let text = value.stringValue ?? value.compactText
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
