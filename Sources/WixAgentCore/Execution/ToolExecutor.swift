import Foundation

/// The only code that runs tool calls against the tool service (Truto's proxy or the sandbox).
/// Validated arguments go in; one `ToolOutcome` comes out, after any 429 or transient retries,
/// which are reported as events and never shown to the model.
public struct ToolExecutor: Sendable {
    public let client: ProxyClient

    public init(client: ProxyClient) {
        self.client = client
    }

    public func run(
        _ tool: Tool, arguments: [String: JSONValue], callID: String,
        emit: @escaping @Sendable (AgentEvent) -> Void
    ) async -> ToolOutcome {
        let request = tool.proxyRequest(arguments: arguments, accountID: client.service.accountID)
        emit(.toolStateChanged(callID: callID, .running))
        do {
            let exchange = try await client.send(
                method: request.method, target: request.target, body: request.body,
                retriesTransientFailures: tool.access == .read, finishesSentRequests: tool.access == .write,
                onRateLimit: { emit(.rateLimit(.tools, $0)) },
                onWait: { wait in
                    emit(.waiting(.tools, callID: callID, seconds: wait.seconds, attempt: wait.attempt, of: wait.of, reason: wait.reason))
                    emit(.toolStateChanged(callID: callID, wait.isRateLimit
                        ? .waitingForRateLimit(seconds: wait.seconds)
                        : .retrying(attempt: wait.attempt, of: wait.of)))
                })
            return Self.outcome(of: exchange, tool: tool, service: client.service)
        } catch {
            return ToolOutcome(notRun: error.description)
        }
    }

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
