import Foundation
import WixAgentCore
import WixOfflineModel
import WixMCP
import WixSandbox

/// The live parts of one run, wired from the settings: the HTTP client, the tool sources
/// (starting the embedded sandbox when it is wanted, MCP servers when configured), the catalog
/// and the model.
final class Runtime: Sendable {
    let settings: Settings
    let http: HTTPTransport
    /// Truto's proxy or the sandbox, when either is a source.
    let service: ToolService?
    let executor: ToolExecutor
    /// Sources that could not even be started (a stdio command that is not there).
    let startFailures: [CatalogError]
    private let sandbox: SandboxServer?

    private init(settings: Settings, http: HTTPTransport, service: ToolService?, sandbox: SandboxServer?, elicitations: ElicitationRelay,
                 toolsChanged: ChangeSignal) {
        self.settings = settings
        self.http = http
        self.service = service
        self.sandbox = sandbox
        var sources: [any ToolSource] = service.map { [ProxyToolSource(client: ProxyClient(service: $0, http: http, retry: settings.retry), filters: settings.catalogFilters,
                                                                     sendsIdempotencyKeys: settings.idempotencyKeys)] } ?? []
        var failures: [CatalogError] = []
        let hidden = settings.mcpServers.reduce(Settings.secretVariables) { $0.union($1.headerVariables) }
        if settings.mcpServers.contains(where: \.startsProcess) { Descendants.adopt() }
        for server in settings.mcpServers {
            do {
                sources.append(try MCPToolSource.make(
                    server, retry: settings.retry, idleTimeout: .seconds(settings.idleTimeout),
                    logDirectory: settings.paths.dataDirectory.appendingPathComponent("logs"),
                    hiddenEnvironment: hidden, elicitations: elicitations,
                    toolsChanged: { toolsChanged.fire() }))
            } catch {
                failures.append(error)
            }
        }
        executor = ToolExecutor(sources: sources, secrets: settings.secrets + (service.map { [$0.apiKey] } ?? []))
        startFailures = failures
    }

    /// Starts the embedded sandbox if the settings want it. MCP servers' elicitations go to
    /// `elicitations` (nobody answers them by default: they are declined); their word that their
    /// tools changed fires `toolsChanged`.
    static func start(_ settings: Settings, elicitations: ElicitationRelay = ElicitationRelay(),
                      toolsChanged: ChangeSignal = ChangeSignal()) async throws -> Runtime {
        let http = HTTPTransport(idleTimeoutSeconds: Int64(settings.idleTimeout))
        guard settings.useSandbox else {
            let service = settings.accountID.map { ToolService(baseURL: settings.trutoBaseURL, accountID: $0, apiKey: settings.trutoAPIKey, isSandbox: false) }
            return Runtime(settings: settings, http: http, service: service, sandbox: nil, elicitations: elicitations, toolsChanged: toolsChanged)
        }
        let token = RandomToken.make()
        do {
            try settings.paths.ensureDataDirectory()
            let server = try await SandboxServer.start(SandboxOptions(token: token, dataDirectory: settings.paths.dataDirectory))
            let service = ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true)
            return Runtime(settings: settings, http: http, service: service, sandbox: server, elicitations: elicitations, toolsChanged: toolsChanged)
        } catch {
            await http.shutdown()
            throw Failure.run("could not start the sandbox site: \(error)")
        }
    }

    /// Starts a runtime, runs `body` with it and shuts it down, whether `body` succeeds or throws.
    static func with<T>(_ settings: Settings, _ body: (Runtime) async throws -> T) async throws -> T {
        let runtime = try await start(settings)
        do {
            let result = try await body(runtime)
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw error
        }
    }

    /// Every source's tools; a source that cannot be reached (or started) ends the command with
    /// its line. Tools a source left out are warned about on stderr.
    func loadCatalog() async throws -> ToolCatalog {
        let loaded = await executor.loadCatalog()
        if let failure = (startFailures + loaded.failures).first { throw Failure.run(failure.description) }
        for line in loaded.notices { Console.error("warning: \(line)") }
        return loaded.catalog
    }

    /// The tools of the sources that answered, and a line for each that did not or left tools
    /// out (the TUI shows them and runs on without those).
    func loadAvailableCatalog() async -> (catalog: ToolCatalog, warnings: [String]) {
        let loaded = await executor.loadCatalog()
        return (loaded.catalog, (startFailures + loaded.failures).map(\.description) + loaded.notices)
    }

    /// The model the settings name, or a model of another name from the same provider (`/model`).
    func makeModel(named name: String? = nil) -> ChatModel {
        let model = name ?? settings.model
        switch settings.provider {
        case .offline:
            return OfflineModel()
        case .openai:
            return OpenAIProvider(baseURL: settings.llmBaseURL, apiKey: settings.llmAPIKey.isEmpty ? nil : settings.llmAPIKey, model: model,
                                  retryPolicy: settings.retry, transport: http)
        case .anthropic:
            return AnthropicProvider(baseURL: settings.llmBaseURL, apiKey: settings.llmAPIKey.isEmpty ? nil : settings.llmAPIKey, model: model,
                                     retryPolicy: settings.retry, transport: http)
        }
    }

    /// The model `/model NAME` switches to, or why it cannot: without a provider there is only
    /// the offline demo model, whatever the name.
    func switchModel(to name: String) -> Result<ChatModel, ModelUnavailable> {
        guard settings.provider != .offline else {
            return .failure(ModelUnavailable("No model provider is configured, so \(name) cannot be used and the offline demo model stays. "
                + "Set OPENAI_API_KEY or ANTHROPIC_API_KEY (or --llm-base-url for a local server) and start wixagent again."))
        }
        return .success(makeModel(named: name))
    }

    func makeAgent(catalog: ToolCatalog, interactive: Bool, messages: [ChatMessage] = []) -> Agent {
        var described = service.map { [$0.isSandbox ? "the sandbox Wix site" : "Wix via Truto, account \($0.accountID)"] } ?? []
        described += settings.mcpServers.map { "the MCP server \($0.name)" }
        let source = described.joined(separator: " and ")
        return Agent(
            model: makeModel(), catalog: catalog, executor: executor,
            gate: ApprovalGate(policy: settings.approval, rules: settings.rules, interactive: interactive),
            systemPrompt: { [source] in SystemPrompt.make(source: source) },
            maxSteps: settings.maxSteps, messages: messages, previewsWrites: settings.previewsWrites,
            timeZone: settings.timeZone, context: settings.context)
    }

    /// Opens the session store and starts (or resumes) the session this run records into.
    /// Returns the recorder, the earlier conversation and tokens when resuming, and the archive (for `/sessions`).
    func openSession(resume: String?) throws -> (recorder: SessionRecorder, messages: [ChatMessage], interrupted: [ToolCall], tokens: TokenUsage, archive: SessionArchive) {
        let database: SessionDatabase
        do {
            try settings.paths.ensureDataDirectory()
            database = try SessionDatabase(directory: settings.paths.dataDirectory)
        } catch {
            throw Failure.run("could not open the session store in \(settings.paths.dataDirectory.path): \(error)")
        }
        let archive = SessionArchive(database: database)
        var resumed: String?
        var messages: [ChatMessage] = []
        var interrupted: [ToolCall] = []
        var tokens = TokenUsage(input: 0, output: 0)
        if let reference = resume {
            guard let summary = try archive.resolve(reference) else {
                throw Failure.usage("no session \"\(reference)\" to resume; see wixagent sessions list")
            }
            resumed = summary.id
            let conversation = try archive.resume(sessionID: summary.id)
            messages = conversation.messages
            interrupted = conversation.interrupted
            tokens = summary.tokens
        }
        return (try recorder(database, resuming: resumed), messages, interrupted, tokens, archive)
    }

    /// Switches to a stored session (the TUI's `/sessions`): a recorder that continues `id` and
    /// its conversation. Throws `SessionNotFound` when the store has no such session.
    func resumeSession(_ id: String, in archive: SessionArchive) throws -> (recorder: SessionRecorder, messages: [ChatMessage], tokens: TokenUsage) {
        guard let summary = try archive.summary(id: id) else { throw SessionNotFound(id: id) }
        let messages = try archive.resume(sessionID: id).messages
        return (try recorder(archive.database, resuming: id), messages, summary.tokens)
    }

    private func recorder(_ database: SessionDatabase, resuming: String?) throws -> SessionRecorder {
        try SessionRecorder(
            database: database, model: settings.modelLabel, source: settings.sourceLabel,
            secrets: settings.secrets + (service.map { [$0.apiKey] } ?? []), resuming: resuming)
    }

    func shutdown() async {
        await executor.close()
        if settings.mcpServers.contains(where: \.startsProcess) { Descendants.endAll() }
        await sandbox?.stop()
        await http.shutdown()
    }
}

struct SessionNotFound: Error, CustomStringConvertible {
    var id: String
    var description: String { "no session \"\(id)\" in the store" }
}

/// Random hex tokens for the embedded sandbox.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in (generator.next() as UInt64).paddedHex }.joined()
    }
}
