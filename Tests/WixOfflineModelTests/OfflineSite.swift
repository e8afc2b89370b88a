import Foundation
import TestSupport
import WixAgentCore
@testable import WixOfflineModel
import WixSandbox

/// A sandbox seeded for a fixed day, and the offline model living on that day in Los Angeles:
/// runs prompts through the real agent loop (approval policy auto unless told) and calls tools directly.
struct OfflineSite {
    /// Wednesday, June 11, 2025, 9:00 AM in Los Angeles (16:00 UTC).
    static let now = ISO8601DateFormatter().date(from: "2025-06-11T16:00:00Z")!
    static let timeZone = TimeZone(identifier: "America/Los_Angeles")!

    let fixture: SandboxFixtureParts

    /// Starts the sandbox; with `dataDirectory`, the site is loaded from (or seeded into) it.
    static func start(dataDirectory: URL? = nil) async throws -> OfflineSite {
        OfflineSite(fixture: try await SandboxFixtureParts.start(referenceDate: now, dataDirectory: dataDirectory))
    }

    /// Runs one turn of `prompt`; returns the answer (or the failure) and the events. With `ask`,
    /// calls that need a person are answered by it (as in the TUI); without, they are refused.
    func run(_ prompt: String, policy: ApprovalPolicy = .auto, now: Date = OfflineSite.now,
             ask: (@Sendable (ApprovalRequest) async -> ApprovalDecision)? = nil) async -> (answer: String, log: EventLog) {
        let model = OfflineModel(now: { now }, timeZone: Self.timeZone)
        let agent = Agent(model: model, catalog: fixture.catalog, executor: ToolExecutor(source: ProxyToolSource(client: fixture.client)),
                          gate: ApprovalGate(policy: policy, rules: ToolRules(), interactive: ask != nil),
                          systemPrompt: { SystemPrompt.make(now: now, timeZone: Self.timeZone, source: "the sandbox") })
        let log = EventLog()
        await agent.runTurn(prompt, ask: ApprovalAsking.direct(ask ?? { _ in .reject(reason: nil) }), emit: log.append)
        return (log.finishedAnswer ?? "FAILED: \(log.failure ?? "no answer")", log)
    }

    /// Runs `prompts` one after another in one conversation; returns each turn's answer. Writes
    /// are approved (as a person would in the dialog).
    func conversation(_ prompts: [String]) async -> [String] {
        let model = OfflineModel(now: { Self.now }, timeZone: Self.timeZone)
        let agent = Agent(model: model, catalog: fixture.catalog, executor: ToolExecutor(source: ProxyToolSource(client: fixture.client)),
                          gate: ApprovalGate(policy: .askWrites), systemPrompt: { "" })
        var answers: [String] = []
        for prompt in prompts {
            let log = EventLog()
            await agent.runTurn(prompt, ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
            answers.append(log.finishedAnswer ?? "FAILED: \(log.failure ?? "no answer")")
        }
        return answers
    }

    /// The `result` of a tool called directly (nil when the call failed).
    func result(_ tool: String, _ arguments: [String: JSONValue]) async -> JSONValue? {
        let outcome = await ToolExecutor(source: ProxyToolSource(client: fixture.client)).run(fixture.catalog.tool(named: tool)!, arguments: arguments, callID: CallKey.make(), emit: { _ in })
        return outcome.isError ? nil : RecordBody.unwrap(outcome.response)
    }

    /// The items of a query tool called directly with a filter (and sort, limit).
    func query(_ tool: String, _ filter: JSONValue, sort: String? = nil, descending: Bool = false, limit: Int = 100, extra: [String: JSONValue] = [:]) async -> [JSONValue] {
        var arguments = extra.merging(["filter": filter, "limit": .number(Double(limit))]) { $1 }
        if let sort { arguments["sort"] = [["fieldName": .string(sort), "order": descending ? "DESC" : "ASC"]] }
        return await result(tool, arguments)?.arrayValue ?? []
    }

    /// The newest CRM task and how many there are.
    func newestTask() async -> (task: JSONValue?, total: Int) {
        let outcome = await ToolExecutor(source: ProxyToolSource(client: fixture.client)).run(fixture.catalog.tool(named: "list_all_wix_tasks")!, arguments: ["limit": 1], callID: "check", emit: { _ in })
        return (outcome.response["result"]?.arrayValue?.first, outcome.response["total"]?.intValue ?? 0)
    }

    func stop() async { await fixture.stop() }

    static func date(_ iso: String?) -> Date? {
        iso.flatMap { text in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        }
    }
}

/// The client side of a sandbox started for a reference date (SandboxFixture starts it for today).
struct SandboxFixtureParts {
    let server: SandboxServer
    let http: HTTPTransport
    let client: ProxyClient
    let catalog: ToolCatalog

    static func start(referenceDate: Date, dataDirectory: URL?) async throws -> SandboxFixtureParts {
        let token = "test-token-\(UUID().uuidString)"
        let server = try await SandboxServer.start(SandboxOptions(token: token, dataDirectory: dataDirectory, referenceDate: referenceDate))
        let http = HTTPTransport()
        let service = ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: token, isSandbox: true)
        let client = ProxyClient(service: service, http: http, retry: RetryPolicy())
        return SandboxFixtureParts(server: server, http: http, client: client, catalog: ToolCatalog.union([("sandbox", try await CatalogClient.fetch(using: client))]))
    }

    func stop() async {
        await http.shutdown()
        await server.stop()
    }
}
