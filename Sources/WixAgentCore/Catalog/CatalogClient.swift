/// Why the tool catalog could not be loaded, in one line.
public struct CatalogError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// Truto's own `/tools` filters: `methods` (`truto_methods`, comma-joined) and `has_description`.
public struct CatalogFilters: Sendable, Equatable {
    public var methods: [String]?
    public var hasDescription: Bool?

    public init(methods: [String]? = nil, hasDescription: Bool? = nil) {
        self.methods = methods
        self.hasDescription = hasDescription
    }

    var query: [(String, String)] {
        (methods.map { [("methods", $0.joined(separator: ","))] } ?? []) + (hasDescription.map { [("has_description", $0 ? "true" : "false")] } ?? [])
    }
}

/// Fetches `GET {base}/integrated-account/{id}/tools` and decodes `{"result"|"results": [tool...]}`,
/// following `next_cursor` (at most `maxPages` pages; a cursor seen before ends the walk).
public enum CatalogClient {
    static let maxPages = 50

    public static func fetch(using client: ProxyClient, filters: CatalogFilters = CatalogFilters()) async throws(CatalogError) -> [Tool] {
        var tools: [Tool] = []
        var cursor: String?
        var seen = Set<String>()
        for _ in 0..<maxPages {
            let page = try await fetchPage(using: client, query: filters.query + (cursor.map { [("next_cursor", $0)] } ?? []))
            tools += page.tools
            guard let next = page.nextCursor, !next.isEmpty, seen.insert(next).inserted else { return tools }
            cursor = next
        }
        return tools
    }

    private static func fetchPage(using client: ProxyClient, query: [(String, String)]) async throws(CatalogError) -> (tools: [Tool], nextCursor: String?) {
        let service = client.service
        let path = "/integrated-account/\(URLEncoding.component(service.accountID))/tools"
        let target = query.isEmpty ? path : path + "?" + query.map { "\(URLEncoding.component($0.0))=\(URLEncoding.component($0.1))" }.joined(separator: "&")
        let exchange: ProxyClient.Exchange
        do {
            exchange = try await client.send(method: "GET", target: target, retriesTransientFailures: true)
        } catch {
            throw CatalogError(description: "Could not load the tool catalog: \(error.description)")
        }
        let reply = exchange.reply
        guard reply.status == 200 else {
            throw CatalogError(description: "Could not load the tool catalog: \(service.serviceName) answered \(reply.status) for GET \(path)\(hint(for: reply.status, service: service))")
        }
        do {
            let body = try JSONValue.parse(reply.body)
            guard let items = (body["result"] ?? body["results"])?.arrayValue else {
                throw CatalogError(description: "the body has no \"result\" array")
            }
            let tools = try items.map { item in try JSONDecoding.decode(Tool.self, from: item) }
            return (tools, body["next_cursor"]?.stringValue)
        } catch {
            throw CatalogError(description: "Could not load the tool catalog: \(service.serviceName) sent a malformed /tools body (\(error))")
        }
    }

    private static func hint(for status: Int, service: ToolService) -> String {
        switch status {
        case 401, 403: service.isSandbox ? "" : ": check TRUTO_API_KEY"
        case 404: ": check the integrated account id (--account or TRUTO_INTEGRATED_ACCOUNT_ID)"
        default: ""
        }
    }
}
