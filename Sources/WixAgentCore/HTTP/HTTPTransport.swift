import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A complete HTTP response: status, headers (names lowercased) and body.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }
}

/// A response body past the bound `send` was given: the answer is refused, not retried.
public struct ResponseTooLarge: Error, CustomStringConvertible {
    public init(status: Int, maxBytes: Int) {
        self.status = status
        self.maxBytes = maxBytes
    }

    public var status: Int
    public var maxBytes: Int
    public var description: String { "answered \(status) with a body larger than \(maxBytes >> 20) MB" }
}

/// An HTTP client with keep-alive connections: one per run, shared by the catalog client, the
/// executor and the providers (and one of its own per MCP server over HTTP). Call `shutdown()`
/// once at the end.
public final class HTTPTransport: Sendable {
    public let client: HTTPClient

    /// The longest silence between two reads of a response (`idle_timeout`, default 120 s): a
    /// stalled stream ends after it, a slow one that keeps sending does not (enforced here
    /// unless `timesOutReads` is false).
    public let idleTimeoutSeconds: Int64

    /// With `timesOutReads` false the client never ends a silent response itself: its caller
    /// keeps the idle timeout (an MCP stream is silent while a person fills in a form).
    public init(idleTimeoutSeconds: Int64 = 120, timesOutReads: Bool = true) {
        self.idleTimeoutSeconds = idleTimeoutSeconds
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(5), read: timesOutReads ? .seconds(idleTimeoutSeconds) : nil)
        config.connectionPool = .init(idleTimeout: .seconds(60))
        // A refused connection fails at once; the callers decide whether to retry (ProxyClient, providers).
        config.connectionPool.retryConnectionEstablishment = false
        // A redirect is answered, never followed: a key in a header other than Authorization
        // (Anthropic's x-api-key) would go along to whatever host the Location names.
        config.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Sends a request and collects the whole response (up to `maxBytes`).
    public func send(
        method: String, url: String, headers: [(String, String)] = [], body: Data? = nil,
        timeout: Duration = .seconds(120), maxBytes: Int = 32 << 20
    ) async throws -> HTTPReply {
        let response = try await client.execute(request(method: method, url: url, headers: headers, body: body), timeout: .seconds(timeout.components.seconds))
        let collected: ByteBuffer
        do {
            collected = try await response.body.collect(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw ResponseTooLarge(status: Int(response.status.code), maxBytes: maxBytes)
        }
        let data = Data(collected.readableBytesView)
        return HTTPReply(status: Int(response.status.code), headers: Self.lowercased(response.headers), body: data)
    }

    /// Starts a request and hands back the response head with a stream of body chunks (for SSE).
    /// The stream is bounded by the idle timeout between reads, and `timeout` as a whole (an hour:
    /// a slow local model may take many minutes to answer, as long as it keeps sending).
    public func open(
        method: String, url: String, headers: [(String, String)] = [], body: Data? = nil,
        timeout: Duration = .seconds(3600)
    ) async throws -> HTTPClientResponse {
        try await client.execute(request(method: method, url: url, headers: headers, body: body), timeout: .seconds(timeout.components.seconds))
    }

    public static func lowercased(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { ($0.name.lowercased(), $0.value) }
    }

    private func request(method: String, url: String, headers: [(String, String)], body: Data?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            if !request.headers.contains(name: "content-type") {
                request.headers.add(name: "content-type", value: "application/json")
            }
        }
        return request
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
