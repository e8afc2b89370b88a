/// Why the tool catalog could not be loaded, in one line.
public struct CatalogError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Fetches `GET {base}/integrated-account/{id}/tools` and decodes `{"result"|"results": [tool...]}`.
public enum CatalogClient {
    public static func fetch(using client: ProxyClient) async throws(CatalogError) -> ToolCatalog {
        let service = client.service
        let target = "/integrated-account/\(URLEncoding.component(service.accountID))/tools"
        let exchange: ProxyClient.Exchange
        do {
            exchange = try await client.send(method: "GET", target: target, retriesTransientFailures: true)
        } catch {
            throw CatalogError(description: "Could not load the tool catalog: \(error.description)")
        }
        let reply = exchange.reply
        guard reply.status == 200 else {
            throw CatalogError(description: "Could not load the tool catalog: \(service.serviceName) answered \(reply.status) for GET \(target)\(hint(for: reply.status, service: service))")
        }
        do {
            let body = try JSONValue.parse(reply.body)
            guard let items = (body["result"] ?? body["results"])?.arrayValue else {
                throw CatalogError(description: "the body has no \"result\" array")
            }
            let tools = try items.map { item in try JSONDecoding.decode(Tool.self, from: item) }
            return ToolCatalog(tools: tools)
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
