import ArgumentParser
import Foundation
import TerminalUI
import WixAgentCore

/// The options shared by the agent commands (flags beat environment, which beats the config file). Secrets are never flags.
struct AgentOptions: ParsableArguments {
    @Option(help: "LLM provider: openai, anthropic or offline.", completion: .list(ProviderKind.allCases.map(\.rawValue)))
    var provider: String?

    @Option(help: "Model name (defaults: gpt-4o, claude-sonnet-4-5).")
    var model: String?

    @Option(name: .customLong("llm-base-url"), help: "Provider endpoint (OpenAI-style URLs end in /v1; Anthropic-style are the host).")
    var llmBaseURL: String?

    @Option(name: .customLong("truto-base-url"), help: "Truto API base URL (default https://api.truto.one).")
    var trutoBaseURL: String?

    @Option(help: "Integrated account id of the Wix connection.")
    var account: String?

    @Flag(help: "Use the embedded sandbox site (the default when no Truto account is configured).")
    var sandbox = false

    @Option(help: ArgumentHelp("An MCP server's Streamable HTTP URL to take tools from (repeatable); sends Authorization: Bearer $WIXAGENT_MCP_TOKEN when set.", valueName: "url"))
    var mcp: [String] = []

    @Option(help: "Approval policy: ask-writes, ask-all, read-only or auto.", completion: .list(ApprovalPolicy.allCases.map(\.rawValue)))
    var approval: String?

    @Option(help: "A tool that runs without asking (repeatable).", completion: ToolNames.completion)
    var allow: [String] = []

    @Option(name: .customLong("max-steps"), help: "Tool-call steps per user turn before the agent stops (default 20).")
    var maxSteps: Int?

    @Option(help: "TUI theme: a built-in name or a path to a .toml file.", completion: .list(TerminalApp.builtInThemes))
    var theme: String?

    @Option(name: .customLong("context-window"), help: ArgumentHelp("The model's context window in tokens (default: known for common models, else 32768).", valueName: "tokens"))
    var contextWindow: Int?

    @Option(help: "Continue a stored session: its id, or `last`.")
    var resume: String?

    /// Flags + environment + config file → settings, or a usage failure naming what to fix.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var flags = CommandLineSettings()
        flags.provider = provider
        flags.model = model
        flags.llmBaseURL = llmBaseURL
        flags.trutoBaseURL = trutoBaseURL
        flags.account = account
        flags.sandbox = sandbox
        flags.approval = approval
        flags.allow = allow
        flags.maxSteps = maxSteps
        flags.theme = theme
        flags.mcp = mcp
        flags.contextWindow = contextWindow
        do {
            let paths = Paths(environment: environment)
            let settings = try Settings.resolve(flags: flags, environment: environment, file: ConfigFile.load(from: paths.configFile))
            Console.secrets = settings.secrets
            return settings
        } catch {
            throw Failure.usage(error.description)
        }
    }
}
