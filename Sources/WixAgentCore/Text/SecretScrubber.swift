/// Replaces every secret a run knows (API keys, MCP tokens, a Truto MCP URL) with `[redacted]`,
/// in text and in every string of a JSON value: the one scrubbing of the console, the session
/// store and what tool sources answer (a server may echo a token back).
public struct SecretScrubber: Sendable, Hashable {
    public let secrets: [String]

    /// Longest first, so a secret that contains another is replaced whole.
    public init(_ secrets: [String]) {
        self.secrets = Array(Set(secrets.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// What a secret becomes.
    public static let mask = "[redacted]"

    public func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }

    public func scrub(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(scrub(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let members):
            // Two keys may become one once scrubbed (a server can send both): the first in key order stays.
            let scrubbed = members.sorted { $0.key < $1.key }.map { (scrub($0.key), scrub($0.value)) }
            return .object(Dictionary(scrubbed, uniquingKeysWith: { first, _ in first }))
        case .null, .bool, .number: return value
        }
    }

    public func scrub(_ outcome: ToolOutcome) -> ToolOutcome {
        var clean = outcome
        clean.summary = scrub(outcome.summary)
        clean.response = scrub(outcome.response)
        return clean
    }
}
