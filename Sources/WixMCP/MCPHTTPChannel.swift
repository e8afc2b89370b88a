import Foundation
import NIOCore
import WixAgentCore

/// MCP's Streamable HTTP transport over a client of its own: each message is a POST whose
/// answer is JSON or an SSE stream; the session id the server gives at `initialize` and the
/// agreed protocol version go with every later request; `close` DELETEs the session. Once the
/// session is initialized the server's own stream is opened too (`listen`). A request fails once
/// the server is silent for the idle timeout, except while a person answers one of its forms.
public actor MCPHTTPChannel: MCPChannel {
    let url: String
    /// Configured headers (Authorization and the like); their values are secrets.
    let headers: [(String, String)]
    /// The channel's own client: it leaves the idle timeout to the channel, which knows when a
    /// form is open.
    let http: HTTPTransport
    let idleTimeout: Duration
    /// The channel's clock for forms: while a person answers one, no request times out.
    let forms: IdleWatch
    /// What the server sends on its own stream.
    let requests: InboundRequests
    private(set) var sessionID: String?
    private var protocolVersion: String?
    /// The server's own stream, while the session lasts.
    var listener: Task<Void, Never>?
    /// Set by `close`: no stream is opened after it.
    private(set) var closed = false
    /// The last event id the server's stream gave, sent back when it is opened again.
    var streamEventID: String?

    /// The most a JSON answer may be (an SSE answer is bounded per event by `SSEParser`).
    static let maxBodyBytes = 32 << 20

    public init(url: String, headers: [(String, String)], idleTimeout: Duration, inbound: MCPInbound) {
        self.url = url
        self.headers = headers
        self.http = HTTPTransport(idleTimeoutSeconds: idleTimeout.components.seconds, timesOutReads: false)
        self.idleTimeout = idleTimeout
        forms = IdleWatch(timeout: idleTimeout)
        requests = InboundRequests(inbound: inbound, watch: forms)
    }

    public func agreed(protocolVersion: String) {
        self.protocolVersion = protocolVersion
    }

    public func resetSession() {
        listener?.cancel()
        listener = nil
        streamEventID = nil
        sessionID = nil
        protocolVersion = nil
    }

    func headers(accepting accept: String) -> [(String, String)] {
        var all = headers + [("accept", accept)]
        if let sessionID { all.append(("mcp-session-id", sessionID)) }
        if let protocolVersion { all.append(("mcp-protocol-version", protocolVersion)) }
        return all
    }

    public func send(_ message: JSONRPCMessage) async throws -> ChannelReply {
        let watch = IdleWatch(timeout: idleTimeout, within: forms)
        return try await watch.guarding { try await self.exchange(message, watch) }
    }

    private func exchange(_ message: JSONRPCMessage, _ watch: IdleWatch) async throws -> ChannelReply {
        let response = try await http.open(method: "POST", url: url, headers: headers(accepting: "application/json, text/event-stream"), body: message.json.data)
        let status = Int(response.status.code)
        let headers = HTTPTransport.lowercased(response.headers)
        if case .request(_, MCPProtocol.initialize, _) = message, let id = response.headers.first(name: "mcp-session-id"), Self.isHeaderToken(id) {
            sessionID = id
        }
        guard (200..<300).contains(status) else {
            let body = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
            return ChannelReply(status: status, headers: headers, body: String(body.prefix(300)))
        }
        guard case .request(let id, _, _) = message else {
            _ = try? await response.body.collect(upTo: 64 << 10)
            if case .notification(MCPProtocol.initialized, _) = message { listen() }
            return ChannelReply(status: status, headers: headers)
        }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/event-stream") {
            var parser = SSEParser()
            for try await chunk in response.body {
                watch.heard()
                for event in parser.feed(chunk.readableBytesView) {
                    if let answer = await take(event.data, answering: id) {
                        return ChannelReply(status: status, headers: headers, message: answer)
                    }
                }
                if parser.overflowed { throw MCPChannelError("sent an SSE event larger than \(SSEParser.maxEventBytes >> 20) MiB") }
            }
            throw MCPChannelError("ended its SSE stream without answering")
        }
        var body = ByteBuffer()
        for try await chunk in response.body {
            watch.heard()
            guard body.readableBytes + chunk.readableBytes <= Self.maxBodyBytes else { throw ResponseTooLarge(status: status, maxBytes: Self.maxBodyBytes) }
            body.writeImmutableBuffer(chunk)
        }
        guard let answer = await take(String(buffer: body), answering: id) else {
            throw MCPChannelError("answered \(status) without a JSON-RPC response to the request")
        }
        return ChannelReply(status: status, headers: headers, message: answer)
    }

    /// The message in `text` that answers `id`; every other message goes to `requests` (a
    /// request the server makes is answered, in a task of its own, with a POST).
    private func take(_ text: String, answering id: JSONValue) async -> JSONRPCMessage? {
        guard let value = try? JSONValue.parse(text) else { return nil }
        var answer: JSONRPCMessage?
        for message in JSONRPCMessage.all(in: value) {
            if message.answers == id {
                answer = message
            } else {
                await requests.take(message) { reply in _ = try? await self.send(reply) }
            }
        }
        return answer
    }

    public func close() async {
        closed = true
        listener?.cancel()
        listener = nil
        if sessionID != nil {
            let session = headers(accepting: "*/*")
            sessionID = nil
            _ = try? await http.send(method: "DELETE", url: url, headers: session, timeout: .seconds(2), maxBytes: 64 << 10)
        }
        await http.shutdown()
    }

    /// What a server's id must be to go back in a header (a session id, an event id): visible
    /// ASCII (the spec's rule for session ids), at most 256 characters here.
    static func isHeaderToken(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 256 && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    }
}
