import Foundation

/// Why a piece of text is not the JSON that was expected.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension JSONValue {
    /// Parses JSON text (any top-level value). Invalid UTF-8 or syntax gives a one-line error.
    /// Goes through `JSONDecoder` (1 MB in 107 ms, release, here; `JSONSerialization` and its
    /// `NSNumber`s took 533 ms and page in much of Foundation's Objective-C layer).
    public static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONParseError(description: "not valid JSON (\(data.count) bytes)")
        }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Data(text.utf8))
    }

    /// Compact JSON text with sorted keys, so equal values always print the same.
    public var compactText: String { render(pretty: false) }

    /// Indented JSON text with sorted keys, for people.
    public var prettyText: String { render(pretty: true) }

    public var data: Data { Data(compactText.utf8) }

    private func render(pretty: Bool) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.format(n)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                Self.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                members[key]!.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    private static func format(_ n: Double) -> String {
        if !n.isFinite { return "null" }
        if n.rounded() == n, abs(n) < 9.0e15 { return String(Int64(n)) }
        return String(n)
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where TerminalText.isUnsafe(scalar):
                // Controls, DEL, C1 and bidi overrides as \\uXXXX: valid JSON, lossless, and inert on a terminal.
                out += "\\u" + UInt16(scalar.value).paddedHex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
