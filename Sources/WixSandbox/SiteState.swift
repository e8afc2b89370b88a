import Foundation
import WixAgentCore

/// The kinds of records the site holds; raw values are the proxy resource names.
enum Table: String, CaseIterable, Sendable {
    case products, orders, members, contacts, labels, tasks, bookings
    case dataCollections = "data-collections"
    case dataItems = "data-items"

    /// The member a single-record get answers with, as Wix's REST APIs name it (`{"order": {…}}`).
    var wixKey: String {
        switch self {
        case .dataCollections: "collection"
        case .dataItems: "dataItem"
        default: String(rawValue.dropLast())
        }
    }

    /// Singular noun for messages ("No order with id …").
    var noun: String {
        switch self {
        case .dataCollections: "data collection"
        case .dataItems: "data item"
        default: String(rawValue.dropLast())
        }
    }
}

/// The whole fake site as plain JSON records: a value type, so a write works on a draft copy
/// and either replaces the state entirely or leaves it untouched.
struct SiteState: Sendable {
    var tables: [Table: [JSONValue]]
    /// Counter behind the deterministic ids and order numbers of records created by writes.
    var sequence: Int
    /// The answers of keyed writes, by `Idempotency-Key` (`IdempotentReplies`).
    var keyed: [String: KeyedReply]

    init(tables: [Table: [JSONValue]] = [:], sequence: Int = 0, keyed: [String: KeyedReply] = [:]) {
        self.tables = tables
        self.sequence = sequence
        self.keyed = keyed
    }

    /// Keeps `reply` for `key`, and lets keys older than their lifetime go.
    mutating func keep(_ reply: KeyedReply, for key: String) {
        keyed = keyed.filter { reply.at.timeIntervalSince($0.value.at) < IdempotentReplies.lifetime }
        keyed[key] = reply
    }

    func records(_ table: Table) -> [JSONValue] { tables[table] ?? [] }

    func index(_ table: Table, id: String) -> Int? {
        records(table).firstIndex { $0["id"]?.stringValue == id }
    }

    /// The record with this id, or a 404 naming the table and the id.
    func record(_ table: Table, id: String) throws -> JSONValue {
        guard let i = index(table, id: id) else { throw SandboxError.notFound("No \(table.noun) with id '\(id)'.") }
        return records(table)[i]
    }

    /// Replaces the record with the same id (which must exist).
    mutating func replace(_ table: Table, _ record: JSONValue) {
        guard let id = record["id"]?.stringValue, let i = index(table, id: id) else { return }
        tables[table]![i] = record
    }

    mutating func insert(_ table: Table, _ record: JSONValue) {
        tables[table, default: []].append(record)
    }

    mutating func remove(_ table: Table, id: String) {
        tables[table]?.removeAll { $0["id"]?.stringValue == id }
    }

    /// A fresh GUID, reproducible from the sequence counter.
    mutating func newID() -> String {
        sequence += 1
        var rng = SplitMix64(seed: 0xC0FFEE ^ UInt64(sequence))
        return rng.guid()
    }

    // MARK: Persistence format

    var json: JSONValue {
        var tablesJSON: [String: JSONValue] = [:]
        for (table, records) in tables { tablesJSON[table.rawValue] = .array(records) }
        return ["version": 1, "sequence": .number(Double(sequence)), "tables": .object(tablesJSON), "keyed": .object(keyed.mapValues(\.json))]
    }

    init(json: JSONValue) throws {
        guard json["version"] == 1, let sequence = json["sequence"]?.intValue, let tablesJSON = json["tables"]?.objectValue else {
            throw SandboxSetupError(message: "the stored sandbox site has an unknown format")
        }
        var tables: [Table: [JSONValue]] = [:]
        for (name, records) in tablesJSON {
            guard let table = Table(rawValue: name), let records = records.arrayValue else {
                throw SandboxSetupError(message: "the stored sandbox site has an unknown table '\(name)'")
            }
            tables[table] = records
        }
        // A site saved before keys were kept has none.
        var keyed: [String: KeyedReply] = [:]
        for (key, reply) in json["keyed"]?.objectValue ?? [:] {
            guard let reply = KeyedReply(json: reply) else { throw SandboxSetupError(message: "the stored sandbox site has a broken answer for key '\(key.prefix(60))'") }
            keyed[key] = reply
        }
        self.init(tables: tables, sequence: sequence, keyed: keyed)
    }
}
