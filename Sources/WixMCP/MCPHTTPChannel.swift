import Foundation
import NIOCore
import WixAgentCore

/// MCP's Streamable HTTP transport over the run's `HTTPTransport`: each message is a POST whose
/// answer is JSON or an SSE stream; the session id the server gives at `initialize` and the
/// agreed protocol version go with every later request; `close` DELETEs the session.
public actor MCPHTTPChannel: MCPChannel {
    let url: String
    /// Configured headers (Authorization and the like); their values are secrets.
    let headers: [(String, String)]
    let http: HTTPTransport
    let inbound: MCPInbound
    private var sessionID: String?
    private var protocolVersion: String?

    /// The most a JSON answer may be (an SSE answer is bounded per event by `SSEParser`).
    static let maxBodyBytes = 32 << 20

    public init(url: String, headers: [(String, String)], http: HTTPTransport, inbound: MCPInbound) {
        self.url = url
        self.headers = headers
        self.http = http
        self.inbound = inbound
    }

    public func agreed(protocolVersion: String) {
        self.protocolVersion = protocolVersion
    }

    public func resetSession() {
        sessionID = nil
        protocolVersion = nil
    }

    private var requestHeaders: [(String, String)] {
        var all = headers + [("accept", "application/json, text/event-stream")]
        if let sessionID { all.append(("mcp-session-id", sessionID)) }
        if let protocolVersion { all.append(("mcp-protocol-version", protocolVersion)) }
        return all
    }

    public func send(_ message: JSONRPCMessage) async throws -> ChannelReply {
        let response = try await http.open(method: "POST", url: url, headers: requestHeaders, body: message.json.data)
        let status = Int(response.status.code)
        let headers = HTTPTransport.lowercased(response.headers)
        if case .request(_, MCPProtocol.initialize, _) = message, let id = response.headers.first(name: "mcp-session-id"), Self.isSessionID(id) {
            sessionID = id
        }
        guard (200..<300).contains(status) else {
            let body = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
            return ChannelReply(status: status, headers: headers, body: String(body.prefix(300)))
        }
        guard case .request(let id, _, _) = message else {
            _ = try? await response.body.collect(upTo: 64 << 10)
            return ChannelReply(status: status, headers: headers)
        }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/event-stream") {
            var parser = SSEParser()
            for try await chunk in response.body {
                for event in parser.feed(chunk.readableBytesView) {
                    if let answer = await take(event.data, answering: id) {
                        return ChannelReply(status: status, headers: headers, message: answer)
                    }
                }
                if parser.overflowed { throw MCPChannelError("sent an SSE event larger than \(SSEParser.maxEventBytes >> 20) MiB") }
            }
            throw MCPChannelError("ended its SSE stream without answering")
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw ResponseTooLarge(status: status, maxBytes: Self.maxBodyBytes)
        }
        guard let answer = await take(String(buffer: body), answering: id) else {
            throw MCPChannelError("answered \(status) without a JSON-RPC response to the request")
        }
        return ChannelReply(status: status, headers: headers, message: answer)
    }

    /// The message in `text` that answers `id`; every other message is handled on the way
    /// (a request the server makes is answered with a POST of its own).
    private func take(_ text: String, answering id: JSONValue) async -> JSONRPCMessage? {
        guard let value = try? JSONValue.parse(text) else { return nil }
        var answer: JSONRPCMessage?
        for message in JSONRPCMessage.all(in: value) {
            if message.answers == id {
                answer = message
            } else if let reply = await inbound.handle(message) {
                _ = try? await send(reply)
            }
        }
        return answer
    }

    public func close() async {
        guard let sessionID else { return }
        self.sessionID = nil
        let headers = self.headers + [("mcp-session-id", sessionID)] + (protocolVersion.map { [("mcp-protocol-version", $0)] } ?? [])
        _ = try? await http.send(method: "DELETE", url: url, headers: headers, timeout: .seconds(2), maxBytes: 64 << 10)
    }

    /// A session id is visible ASCII (the spec's rule), at most 256 characters here.
    static func isSessionID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 256 && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    }
}
