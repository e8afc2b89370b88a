/// An HTTP request to the Truto proxy API, independent of any HTTP library.
public struct ProxyRequest: Sendable {
    public var method: String
    /// Path below the base URL, starting with `/proxy/`, already percent-encoded.
    public var path: String
    /// Query items in order, including `integrated_account_id` first.
    public var query: [(name: String, value: String)]
    public var body: JSONValue?

    /// `path?query` with every query value percent-encoded.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(URLEncoding.component($0.name))=\(URLEncoding.component($0.value))" }.joined(separator: "&")
    }

    /// The request line people read in the inspector and the approval dialog, e.g. `POST /proxy/wix/orders/cancel?...`.
    public var requestLine: String { "\(method) \(target)" }
}

extension ProxyMethod {
    /// Builds the proxy request for a call (the Truto SDK's mapping):
    /// `id` goes to the path for get/update/delete, query-schema keys to the query string,
    /// body-schema keys to the JSON body. Keys in neither schema go to the body for methods
    /// that send one, to the query otherwise.
    public func request(arguments: [String: JSONValue], accountID: String) -> ProxyRequest {
        var args = arguments
        var path = "/proxy/" + resource.split(separator: "/").map { URLEncoding.component(String($0)) }.joined(separator: "/")
        let httpMethod: String
        switch key {
        case "list", "get": httpMethod = "GET"
        case "create": httpMethod = "POST"
        case "update": httpMethod = "PATCH"
        case "delete": httpMethod = "DELETE"
        default:
            httpMethod = "POST"
            path += "/" + URLEncoding.component(method)
        }
        if takesPathID, let id = args.removeValue(forKey: "id") {
            path += "/" + URLEncoding.component(id.stringValue ?? id.compactText)
        }
        let sendsBody = httpMethod == "POST" || httpMethod == "PATCH"
        var query: [(name: String, value: String)] = [("integrated_account_id", accountID)]
        var body: [String: JSONValue] = [:]
        let queryKeys = self.queryKeys
        let bodyKeys = self.bodyKeys
        for key in args.keys.sorted() where key != "integrated_account_id" {
            let value = args[key]!
            if bodyKeys.contains(key) && sendsBody || !queryKeys.contains(key) && sendsBody {
                body[key] = value
            } else {
                query.append((key, Self.queryText(value)))
            }
        }
        return ProxyRequest(method: httpMethod, path: path, query: query, body: sendsBody ? .object(body) : nil)
    }

    /// Strings go as they are; anything else as compact JSON (Truto reads nested query values as JSON).
    static func queryText(_ value: JSONValue) -> String {
        value.stringValue ?? value.compactText
    }
}
