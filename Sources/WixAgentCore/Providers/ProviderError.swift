/// Why a model could not answer, in one line that names the service and what to do.
public struct ProviderError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case unauthorized      // 401/403: the key
        case modelNotFound     // 404
        case rateLimited       // 429 after all retries
        case server            // 5xx
        case badRequest        // other 4xx
        case brokenStream      // the connection or the stream ended early
        case malformed         // a body that is not what the wire format says
        case unreachable       // could not connect
        /// The request did not fit the model's context window; `window` is the size the server
        /// named and `requested` what it counted for the request, when it named them.
        case contextOverflow(window: Int?, requested: Int?)
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
