import Testing
@testable import WixAgentCore

@Suite("Proxy request mapping")
struct ProxyRequestTests {
    let account = "acc-1"

    func tool(_ method: String, query: [String: JSONValue] = [:], body: [String: JSONValue] = [:]) -> Tool {
        Tool(resource: "orders", method: method, name: "t_\(method)", description: "",
             querySchema: query.isEmpty ? nil : ["type": "object", "properties": .object(query)],
             bodySchema: body.isEmpty ? nil : ["type": "object", "properties": .object(body)])
    }

    @Test func list() {
        let r = tool("list", query: ["limit": ["type": "integer"], "next_cursor": ["type": "string"]])
            .proxy!.request(arguments: ["limit": 5, "next_cursor": "abc"], accountID: account)
        #expect(r.method == "GET")
        #expect(r.target == "/proxy/orders?integrated_account_id=acc-1&limit=5&next_cursor=abc")
        #expect(r.body == nil)
    }

    @Test func getPutsTheIDInThePathNotTheQuery() {
        let r = tool("get", query: ["id": ["type": "string"]]).proxy!.request(arguments: ["id": "12345"], accountID: account)
        #expect(r.requestLine == "GET /proxy/orders/12345?integrated_account_id=acc-1")
    }

    @Test func createSendsTheBodyAndQueryKeysSeparately() {
        let r = tool("create", query: ["dryRun": ["type": "boolean"]], body: ["lineItems": ["type": "array"]])
            .proxy!.request(arguments: ["dryRun": true, "lineItems": [["quantity": 5]]], accountID: account)
        #expect(r.method == "POST")
        #expect(r.target == "/proxy/orders?integrated_account_id=acc-1&dryRun=true")
        #expect(r.body == ["lineItems": [["quantity": 5]]])
    }

    @Test func updateIsPatchWithIDInPath() {
        let r = tool("update", body: ["status": ["type": "string"]]).proxy!.request(arguments: ["id": "o/1", "status": "PAID"], accountID: account)
        #expect(r.method == "PATCH")
        #expect(r.path == "/proxy/orders/o%2F1")
        #expect(r.body == ["status": "PAID"])
    }

    @Test func deleteHasNoBody() {
        let r = tool("delete").proxy!.request(arguments: ["id": "9"], accountID: account)
        #expect(r.requestLine == "DELETE /proxy/orders/9?integrated_account_id=acc-1")
        #expect(r.body == nil)
    }

    @Test func customMethodPostsToResourceSlashMethodWithIDAsQuery() {
        let r = tool("cancel", query: ["id": ["type": "string"]], body: ["reason": ["type": "string"]])
            .proxy!.request(arguments: ["id": "12345", "reason": "dup"], accountID: account)
        #expect(r.requestLine == "POST /proxy/orders/cancel?integrated_account_id=acc-1&id=12345")
        #expect(r.body == ["reason": "dup"])
    }

    @Test func percentDecodingUndoesEncodingAndRefusesMalformedText() {
        for text in ["plain", "a b/c?d=e&f", "日本語 😀", "100%", "+"] {
            #expect(URLEncoding.decode(URLEncoding.component(text)) == text)
        }
        #expect(URLEncoding.component("a b/ü") == "a%20b%2F%C3%BC")
        #expect(URLEncoding.decode("caf%c3%a9") == "café")
        #expect(URLEncoding.decode("%zz") == nil)
        #expect(URLEncoding.decode("50%") == nil)
        #expect(URLEncoding.decode("%FF%FE") == nil, "not UTF-8")
    }

    @Test func nestedQueryValuesTravelAsJSONAndAreEncoded() {
        let r = tool("list", query: ["filter": ["type": "object"]]).proxy!.request(arguments: ["filter": ["name": "a b&c"]], accountID: account)
        #expect(r.target == "/proxy/orders?integrated_account_id=acc-1&filter=%7B%22name%22%3A%22a%20b%26c%22%7D")
    }
}
