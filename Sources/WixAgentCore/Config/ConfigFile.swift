import Foundation
import TOMLKit

/// `config.toml`: the same keys as the command line, in snake_case, plus per-tool rules.
public struct ConfigFile: Sendable, Codable, Equatable {
    public var provider: String?
    public var model: String?
    public var llmBaseURL: String?
    public var trutoBaseURL: String?
    public var account: String?
    public var sandbox: Bool?
    public var approval: String?
    public var maxSteps: Int?
    /// The longest wait, in seconds, that a retry sleeps (a longer one fails at once).
    public var maxWait: Int?
    /// Seconds without a byte after which a response (a streamed reply too) is given up.
    public var idleTimeout: Int?
    public var theme: String?
    /// The zone times are shown in, e.g. `Europe/Berlin` (default: the machine's).
    public var timeZone: String?
    /// Whether a write's record is read and shown before the decision (default true).
    public var preview: Bool?
    /// Whether writes to the proxy carry `Idempotency-Key` (default true); false for a service
    /// that does not honour keys, whose writes are then never retried after a failure but a 429.
    public var idempotency: Bool?
    public var allow: [String]?
    public var ask: [String]?
    public var deny: [String]?
    /// `[[rules]]`: a decision for a tool when a condition on its arguments or record holds.
    public var rules: [RuleEntry]?
    /// `[[mcp]]`: MCP servers to take tools from.
    public var mcp: [MCPEntry]?
    /// Truto's `/tools` filters: `methods` (e.g. ["read", "custom"]) and `has_description`.
    public var trutoMethods: [String]?
    public var hasDescription: Bool?
    /// The model's context window in tokens, when the built-in table is wrong or does not know it.
    public var contextWindow: Int?
    /// The share of the window at which the conversation is compacted (default 0.8).
    public var compactAt: Double?
    /// `auto`, `all` or `deferred`: whether requests carry every tool schema or `search_tools`.
    public var toolLoading: String?
    /// Tools whose schemas every request carries when tools are loaded on demand.
    public var alwaysLoad: [String]?

    /// One `[[mcp]]` entry as written: a `url` (with headers read from the environment) or a `command`.
    public struct MCPEntry: Sendable, Codable, Equatable {
        public var name: String?
        public var url: String?
        /// Header name → the environment variable that holds its value.
        public var headersEnv: [String: String]?
        public var command: [String]?

        public init(name: String? = nil, url: String? = nil, headersEnv: [String: String]? = nil, command: [String]? = nil) {
            self.name = name
            self.url = url
            self.headersEnv = headersEnv
            self.command = command
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, url, command
            case headersEnv = "headers_env"
        }
    }

    /// One `[[rules]]` entry as written; `ConditionalRule` checks it.
    public struct RuleEntry: Sendable, Codable, Equatable {
        public var tool: String?
        public var decision: String?
        public var when: JSONValue?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case tool, decision, when
        }
    }

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case provider, model, account, sandbox, approval, theme, preview, idempotency, allow, ask, deny, rules, mcp
        case trutoMethods = "truto_methods"
        case hasDescription = "has_description"
        case llmBaseURL = "llm_base_url"
        case trutoBaseURL = "truto_base_url"
        case maxSteps = "max_steps"
        case maxWait = "max_wait"
        case idleTimeout = "idle_timeout"
        case contextWindow = "context_window"
        case compactAt = "compact_at"
        case toolLoading = "tool_loading"
        case alwaysLoad = "always_load"
        case timeZone = "time_zone"
    }

    /// Reads the file if it exists; a missing file is an empty config, a broken one an error naming the file.
    public static func load(from url: URL) throws(ConfigError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ConfigFile() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("\(url.path) is not UTF-8 text")
        }
        return try parse(text, named: url.path)
    }

    /// The config `text` holds; errors name the file as `name`.
    public static func parse(_ text: String, named name: String) throws(ConfigError) -> ConfigFile {
        let url = URL(fileURLWithPath: name)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw ConfigError("\(url.path) is not a valid config file: \(Self.oneLine(error))")
        }
        if let (key, known) = unknownKey(in: table) {
            let hint = closest(to: key.split(separator: ".").last.map(String.init) ?? key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
            throw ConfigError("\(url.path): unknown key \"\(key)\"\(hint)")
        }
        do {
            return try TOMLDecoder().decode(ConfigFile.self, from: table)
        } catch DecodingError.typeMismatch(let type, let context) {
            throw ConfigError("\(url.path): \(Self.path(context.codingPath)) must be \(Self.describe(type))")
        } catch DecodingError.keyNotFound(let key, let context) where context.debugDescription.hasPrefix("A \"") {
            // TOMLKit's way of saying a key holds a value of another type: `A "Int" does not exist at …`.
            let type = context.debugDescription.dropFirst(3).prefix { $0 != "\"" }
            let expected: [Substring: Any.Type] = ["Int": Int.self, "Double": Double.self, "Bool": Bool.self, "String": String.self, "Array": [String].self]
            let keys = context.codingPath.last?.stringValue == key.stringValue ? context.codingPath : context.codingPath + [key]
            throw ConfigError("\(url.path): \(Self.path(keys)) must be \(expected[type].map(Self.describe) ?? "of another type (see the README)")")
        } catch {
            throw ConfigError("\(url.path) is not a valid config file: \(Self.oneLine(error))")
        }
    }

    /// A coding path as the file writes it: `rules[0].tool`.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys where key.stringValue != "" {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }

    /// The first key the file has that no setting takes (at the top, or in an `[[mcp]]` or
    /// `[[rules]]` entry), with the keys that place takes.
    static func unknownKey(in table: TOMLTable) -> (key: String, known: [String])? {
        let top = CodingKeys.allCases.map(\.stringValue)
        if let key = table.keys.sorted().first(where: { !top.contains($0) }) { return (key, top) }
        for (list, known) in [("mcp", MCPEntry.CodingKeys.allCases.map(\.stringValue)), ("rules", RuleEntry.CodingKeys.allCases.map(\.stringValue))] {
            for (index, entry) in (table[list]?.array ?? TOMLArray()).enumerated() {
                if let key = entry.table?.keys.sorted().first(where: { !known.contains($0) }) { return ("\(list)[\(index)].\(key)", known) }
            }
        }
        return nil
    }

    /// The known key nearest to `key` by edit distance, when it is near enough to be a typo.
    static func closest(to key: String, in known: [String]) -> String? {
        let best = known.map { ($0, distance(key, $0)) }.min { $0.1 < $1.1 }
        return best.flatMap { $0.1 <= max(2, key.count / 3) ? $0.0 : nil }
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var previous = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let substitution = previous + (x == y ? 0 : 1)
                previous = row[j + 1]
                row[j + 1] = min(substitution, row[j] + 1, row[j + 1] + 1)
            }
        }
        return row[b.count]
    }

    /// What a setting of `type` must be, for people.
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int?.Type: "a whole number"
        case is Double.Type, is Double?.Type: "a number"
        case is Bool.Type, is Bool?.Type: "true or false"
        case is String.Type, is String?.Type: "a text in quotes"
        case is [String].Type, is [String]?.Type: "a list of texts, e.g. [\"a\", \"b\"]"
        default: "of another type (see the README)"
        }
    }

    static func oneLine(_ error: Error) -> String {
        String(String(describing: error).split(whereSeparator: \.isNewline).first ?? "").prefix(200).description
    }
}
