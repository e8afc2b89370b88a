import Foundation
import WixAgentCore
import WixSandbox

/// A sandbox site on a random loopback port with the client parts that talk to it over HTTP.
struct SandboxFixture {
    let server: SandboxServer
    let http: HTTPTransport
    let service: ToolService
    let client: ProxyClient
    let catalog: ToolCatalog

    static func start(rateLimit: RateLimitSpec = .standard, retryAfterOn429: Bool = false, retry: RetryPolicy = RetryPolicy(),
                      latency: Duration = .zero, observer: (@Sendable (SandboxRequestRecord) -> Void)? = nil) async throws -> SandboxFixture {
        let token = "test-token-\(UUID().uuidString)"
        let server = try await SandboxServer.start(SandboxOptions(token: token, rateLimit: rateLimit, latency: latency,
                                                                  retryAfterOn429: retryAfterOn429, observer: observer))
        let http = HTTPTransport()
        let service = ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true)
        let client = ProxyClient(service: service, http: http, retry: retry)
        let catalog = ToolCatalog.union([("sandbox", try await CatalogClient.fetch(using: client))])
        return SandboxFixture(server: server, http: http, service: service, client: client, catalog: catalog)
    }

    func agent(model: ChatModel, policy: ApprovalPolicy = .askWrites, rules: ToolRules = ToolRules(), interactive: Bool = false) -> Agent {
        Agent(model: model, catalog: catalog, executor: ToolExecutor(source: ProxyToolSource(client: client)),
              gate: ApprovalGate(policy: policy, rules: rules, interactive: interactive),
              systemPrompt: { SystemPrompt.make(source: "the sandbox") })
    }

    /// Runs a tool directly, the way the agent would.
    func call(_ name: String, _ arguments: [String: JSONValue]) async -> ToolOutcome {
        await ToolExecutor(source: ProxyToolSource(client: client)).run(catalog.tool(named: name)!, arguments: arguments, callID: CallKey.make(), emit: { _ in })
    }

    func stop() async {
        await http.shutdown()
        await server.stop()
    }
}

/// A model that plays back scripted replies, one per request, and records what it was sent.
final class ScriptedModel: ChatModel, @unchecked Sendable {
    let displayName = "scripted"
    private let lock = NSLock()
    private var replies: [[ModelEvent]]
    private var _requests: [ChatRequest] = []

    init(_ replies: [[ModelEvent]]) {
        self.replies = replies
    }

    var requests: [ChatRequest] { lock.withLock { _requests } }

    /// Adds replies for the next requests.
    func enqueue(_ more: [[ModelEvent]]) {
        lock.withLock { replies += more }
    }

    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        let events: [ModelEvent] = lock.withLock {
            _requests.append(request)
            return replies.isEmpty ? [.textDelta("done")] : replies.removeFirst()
        }
        return AsyncThrowingStream { continuation in
            for event in events { continuation.yield(event) }
            continuation.finish()
        }
    }
}
