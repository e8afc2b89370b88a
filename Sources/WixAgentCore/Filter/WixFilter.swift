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
        switch self {
        case .all(let subs): return subs.allSatisfy { $0.matches(record) }
        case .any(let subs): return subs.contains { $0.matches(record) }
        case .not(let sub): return !sub.matches(record)
        case .field(let path, let op, let operand):
            return Self.test(record.values(atPath: path).filter { !$0.isNull }, op, operand)
        }
    }

    /// `values` are the non-null values at the path (several when the path crosses an array).
    private static func test(_ values: [JSONValue], _ op: String, _ operand: JSONValue) -> Bool {
        let scalars = values.flatMap { $0.arrayValue ?? [$0] }
        switch op {
        case "$eq": return operand.isNull ? values.isEmpty : scalars.contains { compare($0, operand) == .orderedSame }
        case "$ne": return !test(values, "$eq", operand)
        case "$lt": return scalars.contains { compare($0, operand) == .orderedAscending }
        case "$lte": return scalars.contains { compare($0, operand).map { $0 != .orderedDescending } ?? false }
        case "$gt": return scalars.contains { compare($0, operand) == .orderedDescending }
        case "$gte": return scalars.contains { compare($0, operand).map { $0 != .orderedAscending } ?? false }
        case "$in", "$hasSome":
            return operand.arrayValue!.contains { wanted in scalars.contains { compare($0, wanted) == .orderedSame } }
        case "$hasAll":
            return operand.arrayValue!.allSatisfy { wanted in scalars.contains { compare($0, wanted) == .orderedSame } }
        case "$startsWith":
            return scalars.contains { $0.stringValue?.lowercased().hasPrefix(operand.stringValue!.lowercased()) ?? false }
        case "$contains":
            return scalars.contains { $0.stringValue?.range(of: operand.stringValue!, options: .caseInsensitive) != nil }
        case "$exists": return (!values.isEmpty && values != [""]) == operand.boolValue!
        default: return false
        }
    }

    /// Orders two values of the same kind: numbers, booleans, ISO dates, else strings.
    /// Values of different kinds do not compare.
    public static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        case (.bool(let x), .bool(let y)): return x == y ? .orderedSame : (x ? .orderedDescending : .orderedAscending)
        case (.string(let x), .string(let y)):
            if let dx = ISODate.parse(x), let dy = ISODate.parse(y) { return dx.compare(dy) }
            return x.compare(y)
        default: return a == b ? .orderedSame : nil
        }
    }
}

/// A filter that cannot be used: one line naming the problem and where it is.
public struct WixFilterError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
