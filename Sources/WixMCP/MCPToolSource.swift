import Foundation
import Synchronization
import WixAgentCore

/// The tools of one MCP server, run through `tools/call` with the guarantees of every source:
/// arguments checked against `inputSchema` before (the agent does that), 429s waited out and
/// retried (an HTTP 429, or a tool error that carries a Truto error envelope with status 429),
/// `structuredContent` checked against `outputSchema` after; JSON-RPC errors reach the model
/// as tool errors.
public final class MCPToolSource: ToolSource {
    public let name: String
    public let label: String
    let session: MCPSession
    private let loop: RetryLoop
    private let leftOut = Mutex((unreadable: 0, cut: false))

    public init(config: MCPServerConfig, channel: any MCPChannel, retry: RetryPolicy) {
        name = config.name
        label = "MCP \(config.name)"
        loop = RetryLoop(retry: retry, serviceName: "MCP source \(config.name) (\(config.display))")
        session = MCPSession(channel: channel, loop: loop)
    }

    public func loadTools() async throws(CatalogError) -> [Tool] {
        do {
            let listed = try await session.listTools()
            leftOut.withLock { $0 = (listed.unreadable, listed.cut) }
            return listed.tools
        } catch {
            throw CatalogError(description: "Could not load the tools of \(loop.serviceName): \(error)")
        }
    }

    public var notices: [String] {
        let (count, cut) = leftOut.withLock { $0 }
        return (count == 0 ? [] : ["\(loop.serviceName) listed \(count) tool(s) wixagent cannot read (no name, or an input schema that is not an object); they are left out"])
            + (cut ? ["\(loop.serviceName) lists more than \(MCPSession.maxTools) tools; only the first \(MCPSession.maxTools) are offered"] : [])
    }

    public func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String {
        "\(MCPProtocol.toolsCall) \(tool.remoteName) on MCP source \(name)"
    }

    public func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
        emit(.toolStateChanged(callID: callID, .running))
        let access = tool.access(arguments: arguments)
        let params: JSONValue = ["name": .string(tool.remoteName), "arguments": .object(arguments)]
        do {
            try await session.initialize()
        } catch {
            return ToolOutcome(notRun: "not run: \(loop.serviceName) \(error)")
        }
        do {
            let final = try await loop.run(
                retriesTransientFailures: access == .read, finishesSentRequests: access == .write,
                onRateLimit: { emit(.rateLimit(.tools, $0)) }, onWait: ToolExecutor.reportWait(callID: callID, emit: emit),
                onAttempt: { emit(.sending(callID: callID, attempt: $0, idempotencyKey: nil)) }
            ) { [session] in
                let reply = try await session.request(MCPProtocol.toolsCall, params)
                if let envelope = Self.rateLimitEnvelope(in: reply) {
                    return RetryLoop.Answer(status: 429, headers: envelope, value: reply)
                }
                return RetryLoop.Answer(status: reply.status, headers: reply.headers, value: reply)
            }
            return outcome(of: final.answer.value, tool: tool, arguments: arguments, latencyMs: final.latencyMs)
        } catch {
            return ToolOutcome(failure: error)
        }
    }

    public func close() async {
        await session.channel.close()
    }

    /// The forwarded headers of a Truto error envelope with status 429 in a tool error
    /// (`{"statusCode": 429, "headers": {...}}` as its text), when the reply is one.
    static func rateLimitEnvelope(in reply: ChannelReply) -> [(name: String, value: String)]? {
        guard case .response(_, let result)? = reply.message, result["isError"]?.boolValue == true else { return nil }
        for text in (result["content"]?.arrayValue ?? []).compactMap({ $0["text"]?.stringValue }) {
            guard let envelope = try? JSONValue.parse(text) else { continue }
            let status = envelope["statusCode"]?.intValue ?? envelope["statusCode"]?.stringValue.flatMap { Int($0) }
            guard status == 429 else { continue }
            let headers = envelope["headers"]?.objectValue ?? [:]
            return headers.compactMap { key, value in
                (value.stringValue ?? value.doubleValue.map { JSONValue.number($0).compactText }).map { (key.lowercased(), $0) }
            }
        }
        return nil
    }

    /// What the model and the person are told about a reply.
    func outcome(of reply: ChannelReply, tool: Tool, arguments: [String: JSONValue], latencyMs: Int) -> ToolOutcome {
        switch reply.message {
        case .error(_, let code, let message)?:
            let line = "\(loop.serviceName) answered error \(code): \(message.prefix(300))"
            return ToolOutcome(status: reply.status, latencyMs: latencyMs, response: .string(message), isError: true, summary: line)
        case .response(_, let result)?:
            let response = Self.content(of: result)
            if result["isError"]?.boolValue == true {
                let first = response.stringValue ?? response.compactText
                return ToolOutcome(status: reply.status, latencyMs: latencyMs, response: response, isError: true,
                                   summary: "\(tool.name) reported an error: \(first.prefix(300))")
            }
            if var problem = Self.outputProblem(result, tool: tool) {
                // The call ran: its result is kept, and a write is not to be repeated.
                if tool.access(arguments: arguments) == .write { problem += "; the call did run, so do not repeat it" }
                return ToolOutcome(status: reply.status, latencyMs: latencyMs, response: response, isError: true, summary: problem)
            }
            return ToolOutcome(status: reply.status, latencyMs: latencyMs, response: response, isError: false, summary: "OK")
        default:
            return ToolOutcome(status: reply.status, latencyMs: latencyMs, response: .string(reply.body), isError: true,
                               summary: "\(loop.serviceName) \(reply.failure(to: MCPProtocol.toolsCall))")
        }
    }

    /// `structuredContent` when present; else the text blocks (one that is JSON, parsed), with
    /// other blocks named by type.
    static func content(of result: JSONValue) -> JSONValue {
        if let structured = result["structuredContent"], structured != .null { return structured }
        let blocks = result["content"]?.arrayValue ?? []
        let parts: [JSONValue] = blocks.map { block in
            if let text = block["text"]?.stringValue { return (try? JSONValue.parse(text)).flatMap { $0.objectValue != nil || $0.arrayValue != nil ? $0 : nil } ?? .string(text) }
            return .string("[\(block["type"]?.stringValue ?? "unknown") content\(block["mimeType"]?.stringValue.map { " \($0)" } ?? "")]")
        }
        return parts.count == 1 ? parts[0] : .array(parts)
    }

    /// Why a result does not match the tool's `outputSchema`, when it does not.
    static func outputProblem(_ result: JSONValue, tool: Tool) -> String? {
        guard let schema = tool.mcp?.outputSchema else { return nil }
        guard let structured = result["structuredContent"], structured != .null else {
            return "the result of \(tool.name) has no structuredContent, but the tool declares an outputSchema"
        }
        let issues = SchemaValidator.validate(structured, against: schema)
        guard !issues.isEmpty else { return nil }
        return "the result of \(tool.name) does not match its outputSchema: " + issues.map { $0.description }.joined(separator: "; ")
    }
}

extension MCPToolSource {
    /// The source a configuration names, with its channel: stdio starts the command now
    /// (stderr to `logs/mcp-<name>.log`); HTTP connects at the first request.
    public static func make(
        _ config: MCPServerConfig, retry: RetryPolicy, idleTimeout: Duration, logDirectory: URL,
        hiddenEnvironment: Set<String>, elicitations: ElicitationRelay, toolsChanged: @escaping @Sendable () -> Void = {}
    ) throws(CatalogError) -> MCPToolSource {
        let inbound = MCPInbound(source: config.name, elicitations: elicitations, toolsChanged: toolsChanged)
        let channel: any MCPChannel
        switch config.transport {
        case .http(let url, let headers):
            channel = MCPHTTPChannel(url: url, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                     idleTimeout: idleTimeout, inbound: inbound)
        case .stdio(let command):
            let log = logDirectory.appendingPathComponent("mcp-\(ToolCatalog.safeName(config.name)).log")
            do {
                channel = try MCPStdioChannel(command: command, logFile: log, hidden: hiddenEnvironment, idleTimeout: idleTimeout, inbound: inbound)
            } catch {
                throw CatalogError(description: "Could not start MCP source \(config.name) (\(config.display)): \(error)")
            }
        }
        return MCPToolSource(config: config, channel: channel, retry: retry)
    }
}
