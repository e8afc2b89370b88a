import WixAgentCore

/// A failed request, answered as a Truto-shaped body `{"statusCode", "error", "message"}`.
struct SandboxError: Error, Sendable {
    var status: Int
    var message: String

    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> SandboxError { SandboxError(400, message) }
    static func notFound(_ message: String) -> SandboxError { SandboxError(404, message) }
    static func conflict(_ message: String) -> SandboxError { SandboxError(409, message) }

    var body: JSONValue {
        ["statusCode": .number(Double(status)), "error": .string(Self.reason(status)), "message": .string(message)]
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 503: "Service Unavailable"
        default: "Internal Server Error"
        }
    }
}
