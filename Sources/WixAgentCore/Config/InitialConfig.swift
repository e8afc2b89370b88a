import Foundation

/// The commented config file `wixagent init` writes: the model, the site and the approval
/// policy, each with a line on what it means. Never a secret: keys stay in the environment.
public struct InitialConfig: Sendable, Equatable {
    public var provider: ProviderKind
    /// Nil: the provider's default.
    public var model: String?
    /// An OpenAI-compatible server (Ollama, vLLM), or another Anthropic endpoint.
    public var llmBaseURL: String?
    /// A Truto integrated account id; nil: the embedded sandbox site.
    public var account: String?
    public var approval: ApprovalPolicy

    public init(provider: ProviderKind, model: String? = nil, llmBaseURL: String? = nil, account: String? = nil, approval: ApprovalPolicy = .askWrites) {
        self.provider = provider
        self.model = model
        self.llmBaseURL = llmBaseURL
        self.account = account
        self.approval = approval
    }

    /// Why these answers cannot be written, in one line.
    public func validate() throws(ConfigError) {
        for (key, value) in [("model", model), ("llm_base_url", llmBaseURL), ("account", account)] {
            if let value, value.isEmpty || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw ConfigError("\(key) must be one line of text")
            }
        }
        if let llmBaseURL {
            guard let parts = URLComponents(string: llmBaseURL), ["http", "https"].contains(parts.scheme ?? "") else {
                throw ConfigError("llm_base_url \"\(llmBaseURL.prefix(80))\" is not an http(s) URL")
            }
            // A user, password or query can carry a key, and keys are never kept in the file.
            guard parts.user == nil, parts.password == nil, parts.query == nil else {
                throw ConfigError("llm_base_url must not carry a user, password or query (they can hold a key); export the key instead")
            }
        }
        if provider == .offline, model != nil || llmBaseURL != nil {
            throw ConfigError("the offline demo model takes no model name or base URL; choose openai or anthropic for those")
        }
    }

    /// The file's text.
    public var text: String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let key = provider == .anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"
        var lines = [
            "# wixagent's configuration, written by `wixagent init`. Flags and environment variables",
            "# override it; `wixagent config` shows what is in effect and where each setting comes from.",
            "# Secrets are never kept here: export them (\(key) for the model, TRUTO_API_KEY for a Truto account).",
            "",
            "# The model: openai (also any OpenAI-compatible server such as Ollama), anthropic, or offline",
            "# (the demo model, no key needed).",
            "provider = \(quoted(provider.rawValue))",
        ]
        lines.append(model.map { "model = \(quoted($0))" } ?? "# model = \(quoted(provider == .offline ? "gpt-4o" : provider.defaultModel))   # the default")
        lines.append(llmBaseURL.map { "llm_base_url = \(quoted($0))" } ?? "# llm_base_url = \"http://127.0.0.1:11434/v1\"   # a local OpenAI-compatible server")
        lines += ["", "# The Wix site: a Truto integrated account (with TRUTO_API_KEY exported); without one, the embedded sandbox site."]
        lines.append(account.map { "account = \(quoted($0))" } ?? "# account = \"your-integrated-account-id\"")
        lines += ["", "# Writes: ask-writes (each write waits for you), ask-all, read-only, or auto (nothing asks).",
                  "approval = \(quoted(approval.rawValue))", ""]
        return lines.joined(separator: "\n")
    }
}
