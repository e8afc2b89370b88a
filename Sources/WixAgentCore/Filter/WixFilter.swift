import Foundation

/// The Wix query filter language over JSON records:
/// `$eq $ne $lt $lte $gt $gte $in $hasSome $hasAll $startsWith $contains $exists $and $or $not`,
/// implicit equality (`{"field": value}`) and dot paths. A filter is checked once when it is built,
/// so a malformed one fails with a message naming the problem before any record is read.
///
/// One engine for the sandbox's queries and for the conditions of approval rules.
public indirect enum WixFilter: Sendable, Hashable {
    case all([WixFilter])
    case any([WixFilter])
    case not(WixFilter)
    case field(path: String, op: String, operand: JSONValue)

    static let fieldOperators = ["$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$hasSome", "$hasAll", "$startsWith", "$contains", "$exists"]

    /// Parses a filter object; throws a 400 that says what is wrong and where.
    public init(_ json: JSONValue, at location: String = "filter") throws(WixFilterError) {
        guard let members = json.objectValue else {
            throw WixFilterError("Malformed filter: \(location) must be an object, got \(json.typeName).")
        }
        var parts: [WixFilter] = []
        for key in members.keys.sorted() {
            let value = members[key]!
            let here = "\(location).\(key)"
            switch key {
            case "$and", "$or":
                guard let items = value.arrayValue, !items.isEmpty else {
                    throw WixFilterError("Malformed filter: \(here) must be a non-empty array of filter objects.")
                }
                var subs: [WixFilter] = []
                for (index, item) in items.enumerated() { subs.append(try WixFilter(item, at: "\(here)[\(index)]")) }
                parts.append(key == "$and" ? .all(subs) : .any(subs))
            case "$not":
                parts.append(.not(try WixFilter(value, at: here)))
            case _ where key.hasPrefix("$"):
                throw WixFilterError("Malformed filter: unknown operator \(key) at \(location); use $and, $or or $not here, or put field operators under a field name.")
            default:
                parts.append(contentsOf: try Self.fieldConditions(path: key, value, at: here))
            }
        }
        self = parts.count == 1 ? parts[0] : .all(parts)
    }

    private static func fieldConditions(path: String, _ value: JSONValue, at location: String) throws(WixFilterError) -> [WixFilter] {
        guard let ops = value.objectValue, ops.keys.contains(where: { $0.hasPrefix("$") }) else {
            return [.field(path: path, op: "$eq", operand: unwrapDate(value))]
        }
        var conditions: [WixFilter] = []
        for op in ops.keys.sorted() {
            let operand = unwrapDate(ops[op]!)
            guard fieldOperators.contains(op) else {
                throw WixFilterError("Malformed filter: unknown operator \(op) at \(location); supported: \(fieldOperators.joined(separator: " ")).")
            }
            switch op {
            case "$in", "$hasSome", "$hasAll":
                guard operand.arrayValue != nil else { throw WixFilterError("Malformed filter: \(location).\(op) needs an array, got \(operand.typeName).") }
            case "$lt", "$lte", "$gt", "$gte":
                guard operand.doubleValue != nil || operand.stringValue != nil else {
                    throw WixFilterError("Malformed filter: \(location).\(op) needs a number, string or date, got \(operand.typeName).")
                }
            case "$startsWith", "$contains":
                guard operand.stringValue != nil else { throw WixFilterError("Malformed filter: \(location).\(op) needs a string, got \(operand.typeName).") }
            case "$exists":
                guard operand.boolValue != nil else { throw WixFilterError("Malformed filter: \(location).$exists needs true or false, got \(operand.typeName).") }
            default: break
            }
            conditions.append(.field(path: path, op: op, operand: operand))
        }
        return conditions
    }

    /// Wix Data writes dates as `{"$date": "…"}`; compare the string inside.
    private static func unwrapDate(_ value: JSONValue) -> JSONValue {
        if let members = value.objectValue, members.count == 1, let date = members["$date"] { return date }
        return value
    }

    public func matches(_ record: JSONValue) -> Bool {
        evaluate(record) { _ in false } == true
    }

    /// Every field path the filter tests, under `$and`/`$or`/`$not` too.
    public var paths: [String] {
        switch self {
        case .all(let subs), .any(let subs): subs.flatMap(\.paths)
        case .not(let sub): sub.paths
        case .field(let path, _, _): [path]
        }
    }

    /// Whether the record matches: nil when that cannot be judged, because a path that
    /// `unknownWhenMissing` names is missing or a value does not compare with its operand (a
    /// text that is not a number against a number). `$and`, `$or` and `$not` follow three-valued
    /// logic: a false part decides an `$and`, a true one an `$or`, otherwise unknown stays unknown.
    public func evaluate(_ record: JSONValue, unknownWhenMissing: (String) -> Bool) -> Bool? {
        switch self {
        case .all(let subs):
            var unknown = false
            for sub in subs {
                switch sub.evaluate(record, unknownWhenMissing: unknownWhenMissing) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case .any(let subs):
            var unknown = false
            for sub in subs {
                switch sub.evaluate(record, unknownWhenMissing: unknownWhenMissing) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        case .not(let sub):
            return sub.evaluate(record, unknownWhenMissing: unknownWhenMissing).map { !$0 }
        case .field(let path, let op, let operand):
            let values = record.values(atPath: path).filter { !$0.isNull }
            if values.isEmpty, op != "$exists", unknownWhenMissing(path) { return nil }
            return Self.test(values, op, operand)
        }
    }

    /// `values` are the non-null values at the path (several when the path crosses an array).
    /// Nil: no value compares with the operand and none matched.
    private static func test(_ values: [JSONValue], _ op: String, _ operand: JSONValue) -> Bool? {
        let scalars = values.flatMap { $0.arrayValue ?? [$0] }
        /// True when any scalar satisfies `holds`; unknown when none does and some did not compare.
        func any(_ holds: (ComparisonResult) -> Bool, against operand: JSONValue = operand) -> Bool? {
            var unknown = false
            for scalar in scalars {
                guard let order = compare(scalar, operand) else { unknown = true; continue }
                if holds(order) { return true }
            }
            return unknown ? nil : false
        }
        /// Whether some scalar equals `item`: unknown when none does and some did not compare.
        func has(_ item: JSONValue) -> Bool? { any({ $0 == .orderedSame }, against: item) }
        func text(_ holds: (String, String) -> Bool) -> Bool? {
            var unknown = false
            for scalar in scalars {
                guard let value = scalar.stringValue, let wanted = operand.stringValue else { unknown = true; continue }
                if holds(value.lowercased(), wanted.lowercased()) { return true }
            }
            return unknown ? nil : false
        }
        let wanted = operand.arrayValue ?? []
        switch op {
        case "$eq": return operand.isNull ? values.isEmpty : has(operand)
        case "$ne": return test(values, "$eq", operand).map { !$0 }
        case "$lt": return any { $0 == .orderedAscending }
        case "$lte": return any { $0 != .orderedDescending }
        case "$gt": return any { $0 == .orderedDescending }
        case "$gte": return any { $0 != .orderedAscending }
        case "$in", "$hasSome":
            let found = wanted.map(has)
            return found.contains(true) ? true : found.contains(nil) ? nil : false
        case "$hasAll":
            let found = wanted.map(has)
            return found.contains(false) ? false : found.contains(nil) ? nil : true
        case "$startsWith": return text { $0.hasPrefix($1) }
        case "$contains": return text { $0.contains($1) }
        case "$exists": return (!values.isEmpty && values != [""]) == operand.boolValue
        default: return nil
        }
    }

    /// Orders two values of one kind: numbers (a text that is a plain decimal number counts as
    /// one), booleans, ISO dates, else strings. Values of different kinds do not compare.
    public static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult? {
        if let x = number(a), let y = number(b) { return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y ? .orderedSame : (x ? .orderedDescending : .orderedAscending)
        case (.string(let x), .string(let y)):
            if let dx = ISODate.parse(x), let dy = ISODate.parse(y) { return dx.compare(dy) }
            return x.compare(y)
        default: return a == b ? .orderedSame : nil
        }
    }

    /// A number, or a text that is a plain decimal number (`-12`, `700.92`; no exponent, no
    /// `inf`, no spaces); nil otherwise.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let x): return x
        case .string(let text):
            let digits = text.utf8.drop { $0 == UInt8(ascii: "-") && text.utf8.count > 1 }
            guard !digits.isEmpty, digits.count <= 30, digits.first != UInt8(ascii: "."), digits.last != UInt8(ascii: "."),
                  digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }),
                  digits.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return nil }
            return Double(text)
        default: return nil
        }
    }
}

/// A filter that cannot be used: one line naming the problem and where it is.
public struct WixFilterError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
