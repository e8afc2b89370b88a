import WixAgentCore

/// Hides secrets before anything is shown: values of keys that name credentials, and the same
/// keys in request-line query strings. A hidden argument says that it is hidden and how long it
/// is (the approval dialog's `v` shows it), so a payload cannot hide behind a key named `token`.
enum Redaction {
    static let mask = "«redacted»"
    private static let markers = ["authorization", "api_key", "apikey", "api-key", "token", "secret", "password", "passwd", "cookie", "private_key", "client_secret"]

    static func isSecretKey(_ key: String) -> Bool {
        let k = key.lowercased()
        return markers.contains { k.contains($0) }
    }

    /// `value` with every secret-named key's value masked, except the top-level keys in `keeping`
    /// (the arguments that name the record a call acts on are never masked).
    static func redact(_ value: JSONValue, keeping: Set<String> = []) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (k, v) in members { out[k] = isSecretKey(k) && !keeping.contains(k) ? masked(v) : redact(v) }
            return .object(out)
        case .array(let items):
            return .array(items.map { redact($0) })
        default:
            return value
        }
    }

    /// The mask of one value, with its length: `«redacted: 24 characters»`.
    static func masked(_ value: JSONValue) -> JSONValue {
        let length = (value.stringValue ?? value.compactText).count
        return .string("\(mask.dropLast()): \(length) character\(length == 1 ? "" : "s")»")
    }

    /// Pretty JSON with secrets hidden.
    static func prettyText(_ value: JSONValue, keeping: Set<String> = []) -> String {
        redact(value, keeping: keeping).prettyText
    }

    /// A preview line (`field: before → after`) with the values hidden when the field names a secret.
    static func previewLine(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":"), isSecretKey(String(line[..<colon])) else { return line }
        return line[...colon] + " " + mask
    }

    /// `METHOD /path?k=v&...` with secret query values hidden.
    static func requestLine(_ line: String) -> String {
        guard let q = line.firstIndex(of: "?") else { return line }
        let head = line[...q]
        let pairs = line[line.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, isSecretKey(String(parts[0])) else { return String(pair) }
            return "\(parts[0])=\(mask)"
        }
        return head + pairs.joined(separator: "&")
    }
}
