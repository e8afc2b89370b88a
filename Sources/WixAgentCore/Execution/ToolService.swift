/// Where tools are fetched and run: a Truto account, or the embedded sandbox that speaks the same protocol.
public struct ToolService: Sendable {
    /// e.g. `https://api.truto.one` or `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String
    public var accountID: String
    /// The Bearer token. Never shown, logged or stored.
    public var apiKey: String
    /// True for the embedded sandbox site.
    public var isSandbox: Bool

    public init(baseURL: String, accountID: String, apiKey: String, isSandbox: Bool) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.accountID = accountID
        self.apiKey = apiKey
        self.isSandbox = isSandbox
    }

    /// How the status bar names the source: `sandbox` or the account id.
    public var label: String { isSandbox ? "sandbox" : "account \(accountID)" }

    /// How error messages name the service.
    public var serviceName: String { isSandbox ? "the sandbox site" : "Truto at \(baseURL)" }

    var authorization: [(String, String)] { [("authorization", "Bearer \(apiKey)")] }
}
