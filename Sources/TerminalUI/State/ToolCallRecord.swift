import Foundation
import WixAgentCore

/// Everything the inspector knows about one tool call. Argument and response text is prepared
/// (redacted, pretty) once when it arrives, not on every frame.
public struct ToolCallRecord: Equatable, Sendable {
    public let callID: String
    public var toolName: String
    public var access: ToolAccess?
    public var arguments: JSONValue
    public var argumentsText: String
    public var requestLine: String?
    /// The tool's source: `sandbox`, `truto`, an MCP source's name.
    public var source: String?
    public var state: ToolCallState = .proposed
    /// When a rate-limit wait or a retry backoff ends, for the live countdown.
    public var waitUntil: Date?
    public var status: Int?
    public var latencyMs: Int?
    public var responseText: String?
    public var summary: String?
    public var rejectionReason: String?
    /// What the write touches, as the dialog showed it (redacted).
    public var previewLines: [String] = []
    /// Which `[[rules]]` entry decided, when one did.
    public var ruleLine: String?
    /// The record the preview read before the write (for `/undo`).
    public var before: JSONValue?
    /// The response as JSON (for `/undo`: the id a create made).
    public var response: JSONValue?
    /// The call that reversed this one, when `/undo` did.
    public var undoneBy: String?

    /// A write on its way to the service (sent, or to be sent again after a 429 or a failure):
    /// its true outcome is still to come.
    var isWriteInFlight: Bool {
        guard access == .write else { return false }
        switch state {
        case .running, .waitingForRateLimit, .retrying: return true
        default: return false
        }
    }

    init(callID: String, toolName: String, access: ToolAccess?, arguments: JSONValue, requestLine: String?) {
        self.callID = callID
        self.toolName = toolName
        self.access = access
        self.arguments = arguments
        self.argumentsText = Redaction.prettyText(arguments)
        self.requestLine = requestLine.map(Redaction.requestLine)
    }

    /// Seconds left of the current wait at `now`, rounded up; nil when not waiting.
    func secondsLeft(at now: Date) -> Int? {
        waitUntil.map { Countdown.seconds(until: $0, at: now) }
    }
}
