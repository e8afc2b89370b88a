import Foundation
import WixAgentCore
import WixSandbox

/// The live parts of one run, wired from the settings: the HTTP client, the tool service
/// (starting the embedded sandbox when no account is configured), the catalog and the model.
final class Runtime: Sendable {
    let settings: Settings
    let http: HTTPTransport
    let service: ToolService
    private let sandbox: SandboxServer?

    private init(settings: Settings, service: ToolService, sandbox: SandboxServer?) {
        http = HTTPTransport(idleTimeoutSeconds: Int64(settings.idleTimeout))
        self.settings = settings
        self.service = service
        self.sandbox = sandbox
    }

    /// Starts the embedded sandbox if the settings want it.
    static func start(_ settings: Settings) async throws -> Runtime {
        guard settings.useSandbox else {
            let service = ToolService(baseURL: settings.trutoBaseURL, accountID: settings.accountID ?? "", apiKey: settings.trutoAPIKey, isSandbox: false)
            return Runtime(settings: settings, service: service, sandbox: nil)
        }
        let token = RandomToken.make()
        do {
            try settings.paths.ensureDataDirectory()
            let server = try await SandboxServer.start(SandboxOptions(token: token, dataDirectory: settings.paths.dataDirectory))
            let service = ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true)
            return Runtime(settings: settings, service: service, sandbox: server)
        } catch {
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

    var proxy: ProxyClient { ProxyClient(service: service, http: http, retry: settings.retry) }

    func loadCatalog() async throws -> ToolCatalog {
        do {
            return try await CatalogClient.fetch(using: proxy)
        } catch {
            throw Failure.run(error.description)
        }
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

    func makeAgent(catalog: ToolCatalog, interactive: Bool, messages: [ChatMessage] = []) -> Agent {
        let source = service.isSandbox ? "the sandbox Wix site" : "Wix via Truto, account \(service.accountID)"
        return Agent(
            model: makeModel(), catalog: catalog, executor: ToolExecutor(client: proxy),
            gate: ApprovalGate(policy: settings.approval, rules: settings.rules, interactive: interactive),
            systemPrompt: { [source] in SystemPrompt.make(source: source) },
            maxSteps: settings.maxSteps, messages: messages, previewsWrites: settings.previewsWrites)
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
            database: database, model: settings.modelLabel, source: service.label,
            secrets: settings.secrets + [service.apiKey], resuming: resuming)
    }

    func shutdown() async {
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
