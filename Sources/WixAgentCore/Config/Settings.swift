import Foundation

/// Which language model answers.
public enum ProviderKind: String, Sendable, CaseIterable, Codable {
    case openai, anthropic, offline

    public var defaultModel: String {
        switch self {
        case .openai: "gpt-4o"
        case .anthropic: "claude-sonnet-4-5"
        case .offline: "offline demo model"
        }
    }

    public var defaultBaseURL: String {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        case .offline: ""
        }
    }

    /// How people see a model of this provider: `openai gpt-4o`, or `offline demo model`.
    public func label(model: String) -> String {
        self == .offline ? defaultModel : "\(rawValue) \(model)"
    }

    /// The environment variable that holds the key, if the provider needs one.
    public var keyVariable: String? {
        switch self {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .offline: nil
        }
    }
}

/// The command-line flags shared by the agent commands, before they are merged with
/// the environment and the config file. `nil` means "not given".
public struct CommandLineSettings: Sendable, Equatable {
    public var provider: String?
    public var model: String?
    public var llmBaseURL: String?
    public var trutoBaseURL: String?
    public var account: String?
    public var sandbox = false
    public var approval: String?
    public var allow: [String] = []
    public var maxSteps: Int?
    public var theme: String?
    /// `--mcp URL`, repeatable.
    public var mcp: [String] = []
    /// `--context-window N`.
    public var contextWindow: Int?

    public init() {}
}

/// Everything a run needs to know, resolved once: flags beat environment, environment beats the config file.
/// Secrets come from the environment only and are never printed.
public struct Settings: Sendable {
    public var provider: ProviderKind
    public var model: String
    public var llmBaseURL: String
    /// The provider's key; empty when none is needed (offline, or a local server without one).
    public var llmAPIKey: String
    public var trutoBaseURL: String
    public var accountID: String?
    public var trutoAPIKey: String
    public var useSandbox: Bool
    /// The MCP servers tools also come from (`--mcp`, `TRUTO_MCP_URL`, `[[mcp]]`).
    public var mcpServers: [MCPServerConfig]
    /// Truto's own `/tools` filters.
    public var catalogFilters: CatalogFilters
    public var approval: ApprovalPolicy
    public var rules: ToolRules
    public var maxSteps: Int
    /// Retries and the longest wait they sleep (`max_wait`), for the tool service and the model alike.
    public var retry: RetryPolicy
    /// Read and show the record a write touches before the decision (`preview = false` turns it off).
    public var previewsWrites: Bool
    /// Writes to the proxy carry `Idempotency-Key` (`idempotency = false` turns it off).
    public var idempotencyKeys: Bool
    /// The zone a write's times are shown in beside UTC (`time_zone`, else the machine's).
    public var timeZone: TimeZone
    /// Seconds without a byte before a response is given up (`idle_timeout`).
    public var idleTimeout: Int
    public var theme: String?
    public var paths: Paths
    /// The model's window and how requests are kept inside it.
    public var context: ContextPolicy
    /// Each setting as it is in effect and where it came from (`wixagent config`).
    public var origins: [SettingOrigin] = []

    /// How the status bar names the model: `openai gpt-4o`, or `offline demo model`.
    public var modelLabel: String { provider.label(model: model) }

    /// Every secret this run knows, so output can be scrubbed of them.
    public var secrets: [String] { ([llmAPIKey, trutoAPIKey] + mcpServers.flatMap(\.secrets)).filter { $0.count >= 4 } }

    /// How the status bar names the sources: `sandbox`, `account A + mcp wix`.
    public var sourceLabel: String {
        var parts: [String] = []
        if useSandbox { parts.append("sandbox") } else if let accountID { parts.append("account \(accountID)") }
        parts += mcpServers.map { "mcp \($0.name)" }
        return parts.joined(separator: " + ")
    }

    /// The environment variables that hold secrets: a child process (an MCP server on stdio)
    /// is not given them.
    public static let secretVariables: Set<String> = [
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "TRUTO_API_KEY", "TRUTO_MCP_URL", "WIXAGENT_MCP_TOKEN",
    ]

    public static func resolve(flags: CommandLineSettings, environment env: [String: String], file: ConfigFile) throws(ConfigError) -> Settings {
        let layers = SettingLayers(environment: env)
        func envValue(_ key: String) -> String? { layers.env(key) }

        let provider: ProviderKind
        let providerPick = layers.pick(flag: flags.provider, "--provider", env: "WIXAGENT_PROVIDER", file: file.provider)
        if let name = providerPick.value {
            guard let kind = ProviderKind(rawValue: name.lowercased()) else {
                throw ConfigError("unknown provider \"\(name)\": use openai, anthropic or offline")
            }
            provider = kind
        } else if envValue("OPENAI_API_KEY") != nil {
            provider = .openai
        } else if envValue("ANTHROPIC_API_KEY") != nil {
            provider = .anthropic
        } else if flags.llmBaseURL != nil || envValue("OPENAI_BASE_URL") != nil || file.llmBaseURL != nil {
            // A base URL without a provider is an OpenAI-compatible server (Ollama, vLLM, LM Studio…).
            provider = .openai
        } else if envValue("ANTHROPIC_BASE_URL") != nil {
            provider = .anthropic
        } else {
            provider = .offline
        }

        let baseEnv = provider == .anthropic ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL"
        let llmBaseURLPick = layers.pick(flag: flags.llmBaseURL, "--llm-base-url", env: provider == .offline ? nil : baseEnv, file: file.llmBaseURL)
        let llmBaseURL = llmBaseURLPick.or(provider.defaultBaseURL)
        let llmAPIKey = provider.keyVariable.flatMap(envValue) ?? ""
        if let variable = provider.keyVariable, llmAPIKey.isEmpty, llmBaseURL == provider.defaultBaseURL {
            throw ConfigError("\(variable) is not set: export it, point --llm-base-url at a local server, or use --provider offline")
        }
        guard provider == .offline || URL(string: llmBaseURL)?.scheme?.hasPrefix("http") == true else {
            throw ConfigError("--llm-base-url \"\(llmBaseURL)\" is not an http(s) URL")
        }

        let approvalPick = layers.pick(flag: flags.approval, "--approval", env: "WIXAGENT_APPROVAL", file: file.approval)
        let approvalName = approvalPick.or(ApprovalPolicy.askWrites.rawValue)
        guard let approval = ApprovalPolicy(rawValue: approvalName) else {
            throw ConfigError("unknown approval policy \"\(approvalName)\": use ask-writes, ask-all, read-only or auto")
        }

        let maxStepsPick = layers.pick(flag: flags.maxSteps, "--max-steps", file: file.maxSteps)
        let maxSteps = maxStepsPick.or(20)
        guard maxSteps > 0 else { throw ConfigError("--max-steps must be at least 1") }
        let maxWaitPick = layers.pick(file: file.maxWait)
        let maxWait = maxWaitPick.or(60)
        guard (0...86_400).contains(maxWait) else { throw ConfigError("max_wait must be 0 to 86400 seconds, got \(maxWait)") }
        var timeZone = TimeZone.current
        let timeZonePick = layers.pick(file: file.timeZone)
        if let name = timeZonePick.value {
            guard let zone = TimeZone(identifier: name) else {
                throw ConfigError("time_zone \"\(name.prefix(60))\" is not a time zone name such as Europe/Berlin or America/New_York")
            }
            timeZone = zone
        }
        let idleTimeoutPick = layers.pick(file: file.idleTimeout)
        let idleTimeout = idleTimeoutPick.or(120)
        guard (1...3600).contains(idleTimeout) else { throw ConfigError("idle_timeout must be 1 to 3600 seconds, got \(idleTimeout)") }

        let accountPick = layers.pick(flag: flags.account, "--account", env: "TRUTO_INTEGRATED_ACCOUNT_ID", file: file.account)
        let accountID = accountPick.value
        let sandboxWanted = flags.sandbox || env["WIXAGENT_SANDBOX"] == "1" || file.sandbox == true
        let mcpServers = try MCPServerConfig.resolve(flags: flags.mcp, environment: env, file: file.mcp ?? [])
        // The sandbox is the default only when no source is configured.
        let useSandbox = sandboxWanted || accountID == nil && mcpServers.isEmpty
        let trutoAPIKey = envValue("TRUTO_API_KEY") ?? ""
        if !sandboxWanted, accountID == nil, mcpServers.isEmpty, !trutoAPIKey.isEmpty {
            // Never the sandbox in silence when a real account was meant.
            throw ConfigError("TRUTO_API_KEY is set but no integrated account is: give --account ID or TRUTO_INTEGRATED_ACCOUNT_ID, or --sandbox for the sandbox site")
        }
        if !useSandbox, accountID != nil, trutoAPIKey.isEmpty {
            throw ConfigError("TRUTO_API_KEY is not set: export it to use account \(accountID ?? ""), or use --sandbox")
        }
        let trutoBaseURLPick = layers.pick(flag: flags.trutoBaseURL, "--truto-base-url", env: "TRUTO_BASE_URL", file: file.trutoBaseURL)
        let trutoBaseURL = trutoBaseURLPick.or("https://api.truto.one")

        var conditional: [ConditionalRule] = []
        for (offset, entry) in (file.rules ?? []).enumerated() {
            conditional.append(try ConditionalRule(index: offset + 1, tool: entry.tool, decision: entry.decision, when: entry.when))
        }
        let rules = ToolRules(
            allow: Set((file.allow ?? []) + flags.allow),
            ask: Set(file.ask ?? []),
            deny: Set(file.deny ?? []),
            conditional: conditional)

        let modelPick = layers.pick(flag: flags.model, "--model", env: "WIXAGENT_MODEL", file: file.model)
        let model = modelPick.or(provider.defaultModel)
        let windowPick = try layers.pick(flag: flags.contextWindow, "--context-window", env: "WIXAGENT_CONTEXT_WINDOW", parse: { text throws(ConfigError) in
            guard let value = Int(text) else { throw ConfigError("WIXAGENT_CONTEXT_WINDOW must be a number of tokens, got \"\(text.prefix(40))\"") }
            return value
        }, file: file.contextWindow)
        let context = try Self.context(window: windowPick.value, file: file, model: model)
        let previewPick = layers.pick(file: file.preview)
        let idempotencyPick = layers.pick(file: file.idempotency)

        let themePick = layers.pick(flag: flags.theme, "--theme", env: "WIXAGENT_THEME", file: file.theme)
        let providerOrigin: String
        if let layer = providerPick.layer {
            providerOrigin = layer
        } else if provider == .offline {
            providerOrigin = "default: no model key or base URL is set"
        } else {
            let cause = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"].first { envValue($0) != nil }.map { "\($0) is set" } ?? "a base URL is set"
            providerOrigin = "derived: \(cause)"
        }
        let origins = [
            SettingOrigin(key: "provider", value: provider.rawValue, source: providerOrigin),
            SettingOrigin(key: "model", value: model, source: modelPick.source),
            SettingOrigin(key: "llm_base_url", value: provider == .offline ? "(none)" : SettingOrigin.withoutCredentials(llmBaseURL),
                          source: llmBaseURLPick.source),
            SettingOrigin(key: "source", value: useSandbox ? "sandbox" : (accountID.map { "account \($0)" } ?? "MCP only"),
                          source: sandboxWanted ? (flags.sandbox ? "flag --sandbox" : env["WIXAGENT_SANDBOX"] == "1" ? "environment WIXAGENT_SANDBOX" : "config file")
                              : accountID != nil ? accountPick.source
                              : mcpServers.isEmpty ? "default: no account or MCP server is set" : "MCP servers"),
            SettingOrigin(key: "truto_base_url", value: SettingOrigin.withoutCredentials(trutoBaseURL), source: trutoBaseURLPick.source),
            SettingOrigin(key: "approval", value: approval.rawValue, source: approvalPick.source),
            SettingOrigin(key: "max_steps", value: String(maxSteps), source: maxStepsPick.source),
            SettingOrigin(key: "max_wait", value: "\(maxWait) s", source: maxWaitPick.source),
            SettingOrigin(key: "idle_timeout", value: "\(idleTimeout) s", source: idleTimeoutPick.source),
            SettingOrigin(key: "context_window", value: "\(context.window) tokens",
                          source: context.windowIsSet ? windowPick.source : "default for \(model)"),
            SettingOrigin(key: "preview", value: String(previewPick.or(true)), source: previewPick.source),
            SettingOrigin(key: "idempotency", value: String(idempotencyPick.or(true)), source: idempotencyPick.source),
            SettingOrigin(key: "time_zone", value: timeZone.identifier, source: timeZonePick.layer ?? "default: the machine's"),
            SettingOrigin(key: "theme", value: themePick.or("dark"), source: themePick.source),
            SettingOrigin(key: "rules", value: "\(rules.allow.count) allow, \(rules.ask.count) ask, \(rules.deny.count) deny, \(conditional.count) [[rules]]",
                          source: flags.allow.isEmpty ? "config file" : "config file and --allow"),
            SettingOrigin(key: "mcp", value: mcpServers.isEmpty ? "(none)" : mcpServers.map(\.name).joined(separator: ", "), source: "flags --mcp, TRUTO_MCP_URL, [[mcp]]"),
        ] + ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "TRUTO_API_KEY"].map {
            // A secret is never shown: only whether it is there.
            SettingOrigin(key: $0, value: envValue($0) == nil ? "unset" : "set", source: "environment")
        }

        var settings = Settings(
            provider: provider,
            model: model,
            llmBaseURL: llmBaseURL, llmAPIKey: llmAPIKey,
            trutoBaseURL: trutoBaseURL, accountID: useSandbox ? nil : accountID, trutoAPIKey: trutoAPIKey,
            useSandbox: useSandbox, mcpServers: mcpServers,
            catalogFilters: CatalogFilters(methods: file.trutoMethods, hasDescription: file.hasDescription), approval: approval, rules: rules, maxSteps: maxSteps,
            retry: RetryPolicy(maxWait: Double(maxWait)), previewsWrites: previewPick.or(true), idempotencyKeys: idempotencyPick.or(true), timeZone: timeZone, idleTimeout: idleTimeout,
            theme: themePick.value,
            paths: Paths(environment: env), context: context)
        settings.origins = origins
        return settings
    }

    /// The window: flag, then environment, then config, then the table, then 32k; and the
    /// config's compaction threshold and tool loading.
    static func context(window set: Int?, file: ConfigFile, model: String) throws(ConfigError) -> ContextPolicy {
        let window = set ?? ContextWindow.known(for: model) ?? ContextWindow.unknown
        guard (1_024...10_000_000).contains(window) else { throw ConfigError("the context window must be 1024 to 10000000 tokens, got \(window)") }
        let compactAt = file.compactAt ?? 0.8
        guard (0.2...0.95).contains(compactAt) else { throw ConfigError("compact_at must be between 0.2 and 0.95, got \(compactAt)") }
        let loadingName = file.toolLoading ?? ContextPolicy.ToolLoading.auto.rawValue
        guard let loading = ContextPolicy.ToolLoading(rawValue: loadingName) else {
            throw ConfigError("unknown tool_loading \"\(loadingName)\": use auto, all or deferred")
        }
        var policy = ContextPolicy(window: window, compactAt: compactAt, toolLoading: loading, alwaysLoad: file.alwaysLoad ?? [])
        policy.windowIsSet = set != nil
        return policy
    }
}

/// One setting as it is in effect, and where it came from: a flag, an environment variable, the
/// config file, or the default (`wixagent config`). Secrets appear only as set or unset.
public struct SettingOrigin: Sendable, Hashable {
    public var key: String
    public var value: String
    public var source: String

    /// A URL as it may be shown: without a user, password or query, which can carry credentials.
    static func withoutCredentials(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil || parts.query != nil else { return url }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        return (parts.string ?? "") + " (credentials hidden)"
    }
}
