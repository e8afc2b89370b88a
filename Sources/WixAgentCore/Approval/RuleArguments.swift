import Foundation

/// A call's arguments as the rules test them. A generic API tool's URL arguments (`url`, `path`,
/// `endpoint`) are tested as the path they reach: without scheme, host, query string or
/// fragment, with `.` and `..` segments resolved and percent-escapes decoded, so neither
/// `…/delete?from=/query` nor `/query/../delete` passes for a query. A URL that cannot be read
/// that way (an encoded slash or backslash, a `..` above the root, a broken escape) cannot be
/// judged: deny and ask rules on it match, allow rules do not.
enum RuleArguments {
    static func view(_ arguments: JSONValue, urlKeys: [String]) -> (arguments: JSONValue, unjudgeable: Set<String>) {
        guard !urlKeys.isEmpty, var members = arguments.objectValue else { return (arguments, []) }
        var unjudgeable: Set<String> = []
        for key in urlKeys {
            guard let value = members[key] else { continue }
            if let text = value.stringValue, let path = normalizedPath(text) {
                members[key] = .string(path)
            } else {
                members[key] = nil
                unjudgeable.insert("args." + key)
            }
        }
        return (.object(members), unjudgeable)
    }

    /// The path a URL or path reaches, normalized; nil when it cannot be told.
    static func normalizedPath(_ text: String) -> String? {
        // A control byte (a parser may drop a tab inside a word), a scheme-relative `//host`, or
        // a `://` anywhere but after a leading scheme: what the server reaches cannot be told.
        guard !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.hasPrefix("//") else { return nil }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound]
            guard let first = name.first, first.isASCII, first.isLetter,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
                  !rest[scheme.upperBound...].contains("://") else { return nil }
            let afterHost = rest[scheme.upperBound...]
            rest = afterHost.firstIndex(of: "/").map { afterHost[$0...] } ?? "/"
        }
        guard !rest.contains("\\") else { return nil }
        var segments: [String] = []
        for raw in rest.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = decoded(raw) else { return nil }
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    /// A path segment with its percent-escapes decoded; nil when one is broken or decodes to a
    /// slash, a backslash, `?`, `#` or a control byte (a segment that hides a path or a query).
    private static func decoded(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(segment.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            utf8 = utf8.dropFirst(2)
            guard value >= 0x20, value != 0x7F, !"/\\?#".utf8.contains(value) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
