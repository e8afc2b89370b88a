import Foundation
import Synchronization
import WixAgentCore

/// One HTTP answer, independent of the server library.
struct SandboxReply: Sendable {
    var status: Int
    var body: JSONValue
    var headers: [(String, String)] = []
    /// A write tool ran and succeeded (for the observer).
    var ranWrite = false
    /// The connection is dropped instead of sending it (a `dropped` fault).
    var dropsConnection = false
}

/// The Truto-style API: authentication, rate limiting, simulated faults, routing,
/// argument checking, and dispatch to the endpoints of the catalog; and `/mcp` over them.
final class SandboxAPI: Sendable {
    private let options: SandboxOptions
    private let store: SiteStore
    private let limiter: RateLimiter
    private let faults = Mutex(SplitMix64(seed: 0xFA017))
    private let replies = IdempotentReplies()
    private let endpoints: [String: Endpoint]
    private let toolsBody: JSONValue
    private let mcp: SandboxMCP

    init(options: SandboxOptions, store: SiteStore) throws {
        self.options = options
        self.store = store
        limiter = RateLimiter(options.rateLimit)
        let all = SandboxCatalog.endpoints
        endpoints = Dictionary(uniqueKeysWithValues: all.map { (Self.key($0.method.resource, $0.method.method), $0) })
        toolsBody = ["result": .array(all.map(\.tool.catalogJSON))]
        mcp = SandboxMCP(endpoints: all)
    }

    private static func key(_ resource: String, _ method: String) -> String { resource + " " + method }

    /// Answers one request. `path` is still percent-encoded; `query` is the raw query string;
    /// `mcpSession` is the `Mcp-Session-Id` header; `idempotencyKey` the `Idempotency-Key` one.
    func handle(method: String, path: String, query: String?, authorization: String?, body: Data, mcpSession: String? = nil,
                idempotencyKey: String? = nil) async -> SandboxReply {
        let reply: SandboxReply
        if path == "/mcp" {
            reply = await answerMCP(method: method, authorization: authorization, body: body, session: mcpSession)
        } else {
            reply = await answer(method: method, path: path, query: query, authorization: authorization, body: body, key: idempotencyKey)
        }
        if reply.status != 401, let observer = options.observer {
            observer(SandboxRequestRecord(method: method, path: path, status: reply.status, isWrite: reply.ranWrite))
        }
        return reply
    }

    private func answer(method: String, path: String, query: String?, authorization: String?, body: Data, key: String?) async -> SandboxReply {
        if options.latency > .zero { try? await Task.sleep(for: options.latency) }
        guard authorization == "Bearer \(options.token)" else {
            return reply(SandboxError(401, "Missing or invalid bearer token: send `Authorization: Bearer <token>` with the sandbox token."), limiter.check(consume: false))
        }
        let verdict = limiter.check(consume: true)
        guard verdict.allowed else {
            var answer = reply(SandboxError(429, "Rate limit exceeded: \(options.rateLimit.requests) requests per \(options.rateLimit.windowSeconds) s for this account; retry in \(verdict.resetSeconds) s."), verdict)
            if options.retryAfterOn429 { answer.headers.append(("retry-after", String(verdict.resetSeconds))) }
            return answer
        }
        // A key names one write: a GET is answered as it is now.
        guard let key, method != "GET" else { return await run(method: method, path: path, query: query, body: body, keyed: nil, verdict) }
        guard replies.begin(key: key) else { return reply(IdempotentReplies.stillRunning, verdict) }
        defer { replies.finish(key: key) }
        let target = path + (query.map { "?" + $0 } ?? "")
        let keyed = KeyedRequest(key: key, fingerprint: IdempotentReplies.fingerprint(method: method, path: target, body: body))
        return await run(method: method, path: path, query: query, body: body, keyed: keyed, verdict)
    }

    /// Routes and answers an authenticated request the rate limit let through.
    private func run(method: String, path: String, query: String?, body: Data, keyed: KeyedRequest?, _ verdict: RateLimiter.Verdict) async -> SandboxReply {
        let fault = options.faultRate > 0 && faults.withLock({ Double.random(in: 0..<1, using: &$0) }) < options.faultRate
        if fault, options.faultKind == .unavailable {
            return reply(SandboxError(503, "Simulated upstream fault (fault rate \(options.faultRate)); the request was not applied."), verdict)
        }
        do {
            switch try await route(method: method, path: path, query: Self.queryItems(query), body: body, keyed: keyed) {
            case (.ran(let result), let ranWrite):
                return SandboxReply(status: 200, body: result, headers: verdict.headers, ranWrite: ranWrite, dropsConnection: fault)
            case (.replayed(let earlier), _):
                return SandboxReply(status: earlier.status, body: earlier.body, headers: [(IdempotentReplies.replayedHeader, "true")] + verdict.headers)
            }
        } catch let error as SandboxError {
            return reply(error, verdict)
        } catch {
            return reply(SandboxError(500, "Internal sandbox error: \(error)"), verdict)
        }
    }

    /// `/mcp`: the same token; each tool call is the proxy request its tool maps to, handled
    /// (and observed) as that request.
    private func answerMCP(method: String, authorization: String?, body: Data, session: String?) async -> SandboxReply {
        guard authorization == "Bearer \(options.token)" else {
            var reply = reply(SandboxError(401, "Missing or invalid bearer token: send `Authorization: Bearer <token>` with the sandbox token."), limiter.check(consume: false))
            reply.headers.append(("www-authenticate", "Bearer"))
            return reply
        }
        return await mcp.handle(method: method, sessionID: session, body: body) { request in
            let parts = request.target.split(separator: "?", maxSplits: 1).map(String.init)
            return await handle(method: request.method, path: parts[0], query: parts.count > 1 ? parts[1] : nil, authorization: authorization,
                                body: request.body?.data ?? Data())
        }
    }

    private func reply(_ error: SandboxError, _ verdict: RateLimiter.Verdict) -> SandboxReply {
        SandboxReply(status: error.status, body: error.body, headers: verdict.headers)
    }

    /// The answer, and whether a write tool ran to give it.
    private func route(method: String, path: String, query: [(name: String, value: String)], body: Data, keyed: KeyedRequest?) async throws
        -> (SiteStore.Answer, Bool) {
        let segments = path.split(separator: "/").map { URLEncoding.decode($0) ?? String($0) }
        if segments.count == 3, segments[0] == "integrated-account", segments[2] == "tools" {
            guard method == "GET" else { throw SandboxError(405, "\(method) is not allowed on /integrated-account/{id}/tools; use GET.") }
            try checkAccount(segments[1])
            return (.ran(toolsBody), false)
        }
        guard segments.first == "proxy", (2...3).contains(segments.count) else {
            throw SandboxError.notFound("No route for \(method) \(path). Routes: GET /integrated-account/{account}/tools and /proxy/{resource}[/{id or method}]?integrated_account_id=….")
        }
        let accounts = query.filter { $0.name == "integrated_account_id" }
        guard accounts.count <= 1 else {
            throw SandboxError.badRequest("integrated_account_id is given \(accounts.count) times; give it once.")
        }
        guard let account = accounts.first?.value else {
            throw SandboxError.badRequest("Missing integrated_account_id query parameter.")
        }
        try checkAccount(account)
        let resource = segments[1]
        guard let table = Table(rawValue: resource) else {
            throw SandboxError.notFound("Unknown resource '\(resource)'. Resources: \(Table.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let (toolMethod, pathID) = try Self.toolMethod(httpMethod: method, extra: segments.count == 3 ? segments[2] : nil, resource: resource)
        guard let endpoint = endpoints[Self.key(table.rawValue, toolMethod)] else {
            let offered = endpoints.values.filter { $0.method.resource == resource }.map(\.method.method).sorted()
            throw SandboxError.notFound("Resource '\(resource)' has no '\(toolMethod)' method (\(method) \(path)). Methods: \(offered.joined(separator: ", ")).")
        }
        let call = Call(
            pathID: pathID,
            query: endpoint.decodeQuery(query.filter { $0.name != "integrated_account_id" }),
            body: try Self.bodyObject(body, httpMethod: method),
            now: Date()
        )
        if let problem = endpoint.validationMessage(query: call.query, body: call.body) {
            throw SandboxError.badRequest(problem)
        }
        return (try await store.run(endpoint, call, keyed: keyed), endpoint.tool.access == .write)
    }

    private func checkAccount(_ account: String) throws {
        guard account == SandboxServer.accountID else {
            throw SandboxError.notFound("Integrated account '\(account)' not found; the sandbox serves '\(SandboxServer.accountID)'.")
        }
    }

    /// The proxy mapping (`ProxyMethod.request`) read backwards: HTTP method and optional last segment → tool method and path id.
    private static func toolMethod(httpMethod: String, extra: String?, resource: String) throws -> (String, String?) {
        switch (httpMethod, extra) {
        case ("GET", nil): return ("list", nil)
        case ("POST", nil): return ("create", nil)
        case ("GET", let id?): return ("get", id)
        case ("PATCH", let id?): return ("update", id)
        case ("DELETE", let id?): return ("delete", id)
        case ("POST", let custom?): return (custom, nil)
        default:
            throw SandboxError(405, "\(httpMethod) is not allowed on /proxy/\(resource)\(extra.map { "/" + $0 } ?? ""); use GET or POST on /proxy/{resource}, GET/PATCH/DELETE on /proxy/{resource}/{id}, POST on /proxy/{resource}/{method}.")
        }
    }

    private static func bodyObject(_ data: Data, httpMethod: String) throws -> [String: JSONValue] {
        guard httpMethod == "POST" || httpMethod == "PATCH", !data.isEmpty else { return [:] }
        guard let value = try? JSONValue.parse(data) else { throw SandboxError.badRequest("The request body is not valid JSON.") }
        guard let members = value.objectValue else { throw SandboxError.badRequest("The request body must be a JSON object, got \(value.typeName).") }
        return members
    }

    /// Splits a raw query string into percent-decoded name/value pairs (`+` is a space).
    static func queryItems(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        func decode(_ part: Substring) -> String {
            let text = String(part.map { $0 == "+" ? " " : $0 })
            return URLEncoding.decode(text) ?? text
        }
        return query.split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(pair[0]), pair.count > 1 ? decode(pair[1]) : "")
        }
    }
}
