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
    /// Whether a write's record is read and shown before the decision (default true).
    public var preview: Bool?
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

        enum CodingKeys: String, CodingKey {
            case name, url, command
            case headersEnv = "headers_env"
        }
    }

    /// One `[[rules]]` entry as written; `ConditionalRule` checks it.
    public struct RuleEntry: Sendable, Codable, Equatable {
        public var tool: String?
        public var decision: String?
        public var when: JSONValue?
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case provider, model, account, sandbox, approval, theme, preview, allow, ask, deny, rules, mcp
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
    }

    /// Reads the file if it exists; a missing file is an empty config, a broken one an error naming the file.
    public static func load(from url: URL) throws(ConfigError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ConfigFile() }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("\(url.path) is not UTF-8 text")
        }
        do {
            return try TOMLDecoder().decode(ConfigFile.self, from: text)
        } catch {
            throw ConfigError("\(url.path) is not a valid config file: \(Self.oneLine(error))")
        }
    }

    static func oneLine(_ error: Error) -> String {
        String(String(describing: error).split(whereSeparator: \.isNewline).first ?? "").prefix(200).description
    }
}
