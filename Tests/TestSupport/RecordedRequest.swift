import WixAgentCore

/// A request a fake server received, for tests to assert what the client sent.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased; repeated headers joined with `, `.
    public var headers: [String: String]
    /// The body as JSON, `.null` when it was not JSON.
    public var body: JSONValue
    public var rawBody: String

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// What the fake servers count as the request's prompt tokens: a token per four bytes of
    /// the body (about what the providers' tokenizers give for English and JSON).
    public var promptTokens: Int {
        rawBody.utf8.count / 4
    }

    /// True when the client asked for a streamed reply (`"stream": true`).
    public var wantsStream: Bool {
        body["stream"]?.boolValue == true
    }
}
