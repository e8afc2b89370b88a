import Foundation

/// Truto's `/tools` catalog and proxy API for one integrated account, or the sandbox that
/// speaks the same protocol.
public struct ProxyToolSource: ToolSource {
    public let client: ProxyClient
    /// Truto's own catalog filters (`truto_methods`, `has_description`).
    public let filters: CatalogFilters
    /// Whether writes carry `Idempotency-Key` (config `idempotency`): without it a write is
    /// never sent again after a failure other than a 429, which the service refused unapplied.
    public let sendsIdempotencyKeys: Bool

    public init(client: ProxyClient, filters: CatalogFilters = CatalogFilters(), sendsIdempotencyKeys: Bool = true) {
        self.client = client
        self.filters = filters
        self.sendsIdempotencyKeys = sendsIdempotencyKeys
    }

    public var name: String { client.service.isSandbox ? "sandbox" : "truto" }
    public var label: String { client.service.label }

    public func loadTools() async throws(CatalogError) -> [Tool] {
        try await CatalogClient.fetch(using: client, filters: filters)
    }

    public func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String {
        guard let method = tool.proxy else { return "(\(tool.name) is not a proxy tool)" }
        return method.request(arguments: arguments, accountID: client.service.accountID).requestLine
    }

    public func run(
        _ tool: Tool, arguments: [String: JSONValue], callID: String,
        emit: @escaping @Sendable (AgentEvent) -> Void
    ) async -> ToolOutcome {
        guard let method = tool.proxy else {
            return ToolOutcome(notRun: "\(tool.name) is not a tool of \(client.service.serviceName); nothing was sent")
        }
        let request = method.request(arguments: arguments, accountID: client.service.accountID)
        emit(.toolStateChanged(callID: callID, .running))
        do {
            // A write carries its call's key, so it is retried like a read: the service answers
            // a repeated key with the first outcome instead of writing twice.
            let key = tool.access == .write && sendsIdempotencyKeys ? IdempotencyKey.of(callID: callID) : nil
            let exchange = try await client.send(
                method: request.method, target: request.target, body: request.body, idempotencyKey: key,
                retriesTransientFailures: tool.access == .read || key != nil, finishesSentRequests: tool.access == .write,
                onRateLimit: { emit(.rateLimit(.tools, $0)) },
                onWait: ToolExecutor.reportWait(callID: callID, emit: emit),
                onAttempt: { emit(.sending(callID: callID, attempt: $0, idempotencyKey: key)) })
            return Self.outcome(of: exchange, tool: tool, service: client.service)
        } catch {
            return ToolOutcome(failure: error)
        }
    }

    public func close() async {}

    static func outcome(of exchange: ProxyClient.Exchange, tool: Tool, service: ToolService) -> ToolOutcome {
        let reply = exchange.reply
        let body = (try? JSONValue.parse(reply.body)) ?? .string(String(decoding: reply.body, as: UTF8.self))
        let ok = (200..<300).contains(reply.status)
        let summary: String
        if ok {
            summary = "\(reply.status) OK"
        } else if (300..<400).contains(reply.status) {
            let location = reply.header("location").map { String($0.prefix(200)) } ?? "an unnamed location"
            summary = "\(service.serviceName) answered \(reply.status), a redirect to \(location), which is not followed (it could carry the key to another host); check --truto-base-url"
        } else {
            let message = body["message"]?.stringValue ?? body["error"]?.stringValue ?? body.stringValue ?? ""
            summary = "\(service.serviceName) answered \(reply.status)" + (message.isEmpty ? "" : ": \(message.prefix(300))")
        }
        return ToolOutcome(status: reply.status, latencyMs: exchange.latencyMs, response: body, isError: !ok, summary: summary)
    }
}
