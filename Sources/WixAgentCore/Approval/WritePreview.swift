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
    public init(record: JSONValue, tool: Tool, arguments: [String: JSONValue], reference: RecordReference, irreversible: Bool) {
        var lines = [Self.identity(record, noun: tool.resourceNoun)]
        // Second, so a short dialog never cuts it off.
        if irreversible { lines.append(Self.irreversibleLine) }
        for key in arguments.keys.sorted() where !reference.namingKeys.contains(key) {
            guard let before = Self.field(key, in: record), let after = arguments[key] else { continue }
            let shown: JSONValue
            if tool.methodKey != "update", let old = before.arrayValue, let items = after.arrayValue {
                shown = .array(tool.methodKey.hasPrefix("un") ? old.filter { !items.contains($0) } : old + items.filter { !old.contains($0) })
            } else {
                shown = after
            }
            if before != shown { lines.append("\(key): \(Self.short(before)) → \(Self.short(shown))") }
        }
        self.init(record: record, unavailable: nil, lines: lines, readArguments: reference.arguments)
    }

    /// A preview whose read failed.
    public init(unavailable why: String, irreversible: Bool, readArguments: [String: JSONValue]? = nil) {
        self.init(record: nil, unavailable: "preview unavailable: \(why)", lines: ["preview unavailable: \(why)"] + (irreversible ? [Self.irreversibleLine] : []),
                  readArguments: readArguments)
    }

    /// The line that marks a write without an inverse.
    public static let irreversibleLine = "This cannot be undone."

    /// The fields that say which record this is and what state it is in, in this order when present.
    static let identifying: [(label: String, paths: [String])] = [
        ("number", ["number"]), ("title", ["title", "bookedEntity.title", "name"]), ("name", ["info.name"]),
        ("status", ["status"]), ("email", ["buyerInfo.email", "primaryInfo.email", "contactDetails.email"]),
        ("total", ["priceSummary.total.amount", "priceSummary.total"]), ("start", ["startDate"]), ("due", ["dueDate"]),
        ("priority", ["priority"]), ("labels", ["info.labelKeys", "labelKeys"]), ("items", ["lineItems"]),
    ]

    static func identity(_ record: JSONValue, noun: String) -> String {
        var parts: [String] = []
        for (label, paths) in identifying {
            guard let value = paths.lazy.compactMap({ record.values(atPath: $0).first }).first, value != .null else { continue }
            switch value {
            case .array(let items) where label == "items": parts.append("\(items.count) item\(items.count == 1 ? "" : "s")")
            case .object(let members) where label == "name":
                parts.append([members["first"], members["last"]].compactMap { $0?.stringValue }.joined(separator: " "))
            default: parts.append("\(label) \(short(value))")
            }
        }
        let id = record["id"]?.stringValue.map { " \($0)" } ?? ""
        return "\(noun)\(id): " + (parts.isEmpty ? "(no identifying fields)" : parts.joined(separator: " · "))
    }

    /// A field of the record by key: at the top, else one level down (`info.labelKeys`).
    static func field(_ key: String, in record: JSONValue) -> JSONValue? {
        if let top = record[key] { return top }
        // The first parent in key order, as `RecordChange` watches it.
        let members = record.objectValue ?? [:]
        return members.keys.sorted().lazy.compactMap { members[$0]?.objectValue?[key] }.first
    }

    static func short(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.compactText
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
