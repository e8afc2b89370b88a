import Foundation
import Testing
import WixAgentCore
import WixSandbox

/// A started sandbox and an HTTP client that calls it exactly as wixagent does:
/// tools come from `/tools`, requests from `ProxyMethod.request`, bytes over real HTTP.
final class SandboxHarness: Sendable {
    static let token = "test-token"

    let server: SandboxServer
    let transport = HTTPTransport()
    let tools: [String: Tool]

    private init(server: SandboxServer, tools: [String: Tool]) {
        self.server = server
        self.tools = tools
    }

    static func start(
        rateLimit: RateLimitSpec = RateLimitSpec(requests: 100_000, windowSeconds: 10), dataDirectory: URL? = nil,
        faultRate: Double = 0, retryAfterOn429: Bool = false
    ) async throws -> SandboxHarness {
        let server = try await SandboxServer.start(SandboxOptions(
            token: token, rateLimit: rateLimit, faultRate: faultRate, dataDirectory: dataDirectory, retryAfterOn429: retryAfterOn429))
        let probe = HTTPTransport()
        defer { Task { await probe.shutdown() } }
        let reply = try await probe.send(method: "GET", url: server.baseURL + "/integrated-account/\(SandboxServer.accountID)/tools", headers: [("authorization", "Bearer \(token)")])
        let decoded = try JSONDecoder().decode([String: [Tool]].self, from: reply.body)["result"] ?? []
        return SandboxHarness(server: server, tools: Dictionary(uniqueKeysWithValues: decoded.map { ($0.name, $0) }))
    }

    /// Sends `GET|POST|… target` (a path with query) with the token unless `authorized` is false.
    func send(_ method: String, _ target: String, body: JSONValue? = nil, authorized: Bool = true, key: String? = nil) async throws
        -> (status: Int, json: JSONValue, reply: HTTPReply) {
        let headers = (authorized ? [("authorization", "Bearer \(Self.token)")] : []) + (key.map { [("idempotency-key", $0)] } ?? [])
        let reply = try await transport.send(method: method, url: server.baseURL + target, headers: headers, body: body?.data)
        return (reply.status, (try? JSONValue.parse(reply.body)) ?? .null, reply)
    }

    /// Calls a tool by name with model-style arguments.
    func call(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> (status: Int, json: JSONValue) {
        let method = try #require(tools[name]?.proxy, "tool \(name) is not a proxy tool of the catalog")
        let request = method.request(arguments: arguments, accountID: SandboxServer.accountID)
        let result = try await send(request.method, request.target, body: request.body)
        return (result.status, result.json)
    }

    /// Calls a tool that must succeed and returns its record or items (`RecordBody`: a get
    /// answers in Wix's shape, `{"order": {…}}`; everything else in Truto's `{"result": …}`).
    func result(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> JSONValue {
        let (status, json) = try await call(name, arguments)
        #expect(status == 200, "\(name) answered \(status): \(json.compactText)")
        return RecordBody.unwrap(json) ?? .null
    }

    /// Every record a list/query tool returns, following next_cursor to the last page.
    func all(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> [JSONValue] {
        var records: [JSONValue] = []
        var args = arguments
        args["limit"] = 100
        while true {
            let (status, json) = try await call(name, args)
            try #require(status == 200, "\(name) answered \(status): \(json.compactText)")
            records += json["result"]?.arrayValue ?? []
            guard let cursor = json["next_cursor"]?.stringValue else { return records }
            args["next_cursor"] = .string(cursor)
        }
    }

    func stop() async {
        await transport.shutdown()
        await server.stop()
    }
}

/// Starts a sandbox, runs `body`, and always stops it.
func withSandbox<T>(
    rateLimit: RateLimitSpec = RateLimitSpec(requests: 100_000, windowSeconds: 10), dataDirectory: URL? = nil,
    faultRate: Double = 0, retryAfterOn429: Bool = false, _ body: (SandboxHarness) async throws -> T
) async throws -> T {
    let harness = try await SandboxHarness.start(rateLimit: rateLimit, dataDirectory: dataDirectory, faultRate: faultRate, retryAfterOn429: retryAfterOn429)
    do {
        let value = try await body(harness)
        await harness.stop()
        return value
    } catch {
        await harness.stop()
        throw error
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wixsandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension JSONValue {
    /// Strings at a dotted path, for compact assertions.
    func strings(_ key: String) -> [String] { arrayValue?.compactMap { $0[key]?.stringValue } ?? [] }
}
