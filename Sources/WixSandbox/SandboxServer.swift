import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

/// The sandbox Wix site served over HTTP on 127.0.0.1, Truto-style (the proxy mapping of `Tool.proxyRequest`), seeded for the README's sample workflows.
public final class SandboxServer: Sendable {
    /// The integrated account id the sandbox answers to.
    public static let accountID = "sandbox-wix-site"

    /// The bound TCP port.
    public let port: Int
    private let task: Task<Void, Error>

    /// `http://127.0.0.1:PORT`, the Truto base URL of the sandbox.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, Error>) {
        self.port = port
        self.task = task
    }

    /// Binds the port and returns once the server accepts connections; the site is loaded (or
    /// seeded) by the first request that needs it.
    ///
    /// Served with HummingbirdCore's HTTP/1 server and no framework on top: the sandbox routes
    /// requests itself, and Hummingbird's `Application` would add a `Date` header cache whose
    /// calendar loads ICU's time-zone data at start (about 3 MB resident).
    public static func start(_ options: SandboxOptions) async throws -> SandboxServer {
        let store = SiteStore(dataDirectory: options.dataDirectory, referenceDate: options.referenceDate)
        let api = try SandboxAPI(options: options, store: store)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = try HTTPServerBuilder.http1().buildServer(
            configuration: .init(address: .hostname("127.0.0.1", port: options.port)),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "wixagent.sandbox") { _ in SwiftLogNoOpLogHandler() },
            responder: { request, writer, _ in
                var request = request
                let reply: SandboxReply
                do {
                    let buffer = try await request.collectBody(upTo: 8 << 20)
                    reply = await api.handle(
                        method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                        authorization: request.headers[.authorization], body: Data(buffer.readableBytesView),
                        mcpSession: request.headers[Self.mcpSessionID], idempotencyKey: request.headers[Self.idempotencyKey])
                } catch {
                    let tooLarge = SandboxError(413, "The request body is larger than 8 MB.")
                    reply = SandboxReply(status: tooLarge.status, body: tooLarge.body)
                }
                // A `dropped` fault: the request was applied, and no answer is sent.
                if reply.dropsConnection { throw DroppedConnection() }
                var headers = HTTPFields()
                headers[.contentType] = "application/json"
                for (name, value) in reply.headers {
                    if let field = HTTPField.Name(name) { headers[field] = value }
                }
                try await writer.write(
                    response: HTTPResponse(status: .init(code: reply.status), headerFields: headers),
                    body: ResponseBody(byteBuffer: ByteBuffer(string: reply.status == 202 ? "" : reply.body.compactText)))
            },
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        let task = Task {
            defer { continuation.finish() }
            try await server.run()
        }
        for await port in ports {
            return SandboxServer(port: port, task: task)
        }
        try await task.value
        throw SandboxSetupError(message: "the sandbox server stopped before it was listening on port \(options.port)")
    }

    static let mcpSessionID = HTTPField.Name("mcp-session-id")!
    static let idempotencyKey = HTTPField.Name(IdempotentReplies.header)!

    /// Stops accepting requests and waits for the server to shut down.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Ends a connection without an answer (`FaultKind.dropped`).
private struct DroppedConnection: Error {}

extension SandboxServer {
    /// The names of the sandbox's tools, known without starting it (shell completion).
    public static var toolNames: [String] { SandboxCatalog.endpoints.map(\.tool.name) }
}
