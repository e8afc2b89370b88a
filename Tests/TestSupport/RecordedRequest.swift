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

    /// True when the client asked for a streamed reply (`"stream": true`).
    public var wantsStream: Bool {
        body["stream"]?.boolValue == true
    }
}
