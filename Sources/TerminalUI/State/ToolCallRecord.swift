import Foundation
import WixAgentCore

/// A call as the inspector and the dialog draw it: the ledger's call (the facts, never changed
/// here) and the text the screen shows of it, prepared (redacted, pretty) once when the call
/// changes, not on every frame.
public struct ToolCallRecord: Equatable, Sendable {
    public let call: LedgerCall
    public let text: CallText
    /// When a rate-limit wait or a retry backoff ends on this screen's clock, for the countdown.
    public let waitUntil: Date?

    public var callID: String { call.callID }
    public var toolName: String { call.toolName }
    public var access: ToolAccess? { call.access }
    public var arguments: JSONValue { call.arguments }
    public var state: ToolCallState { call.state }
    /// The tool's source: `sandbox`, `truto`, an MCP source's name.
    public var source: String? { call.identity?.source }
    public var status: Int? { call.outcome?.status }
    public var latencyMs: Int? { call.outcome?.latencyMs }
    public var summary: String? { call.outcome?.summary }
    /// The response as JSON (for `/undo`: the id a create made).
    public var response: JSONValue? { call.outcome?.response }
    /// The record the preview read before the write (for `/undo`).
    public var before: JSONValue? { call.preview?.record }
    public var rejectionReason: String? { call.decision.flatMap { $0.approved ? nil : $0.reason } }
    /// Which `[[rules]]` entry decided, when one did.
    public var ruleLine: String? {
        call.decision.flatMap { decision in decision.rule.map { "\(decision.approved ? "allowed" : "decided") by \($0.label)" } }
    }
    public var argumentsText: String { text.arguments }
    public var requestLine: String? { text.requestLine }
    public var previewLines: [String] { text.previewLines }
    public var responseText: String? { text.response }
    public var isWriteInFlight: Bool { call.isWriteInFlight }

    /// Seconds left of the current wait at `now`, rounded up; nil when not waiting.
    func secondsLeft(at now: Date) -> Int? {
        waitUntil.map { Countdown.seconds(until: $0, at: now) }
    }
}

/// The text of a call the screen shows: masked where it names a secret, one line per fact.
public struct CallText: Equatable, Sendable {
    public let arguments: String
    public let requestLine: String?
    /// What the write touches, (marked `!`) what changed since its last decision, and what the
    /// other records its arguments name are.
    public let previewLines: [String]
    public let response: String?

    init(_ call: LedgerCall) {
        arguments = Redaction.prettyText(call.arguments)
        requestLine = call.requestLine.map(Redaction.requestLine)
        previewLines = call.changes.map { "! " + $0 } + ((call.preview?.lines ?? []) + call.namedRecords).map(Redaction.previewLine)
        response = call.outcome.map { $0.response.stringValue ?? Redaction.prettyText($0.response) }
    }
}

/// The session's calls in the order they were proposed, as `ToolCallRecord`s (built on access).
public struct CallList: RandomAccessCollection, Sendable {
    let ledger: CallLedger
    let texts: [String: CallText]
    let waits: [String: Date]

    public var startIndex: Int { 0 }
    public var endIndex: Int { ledger.calls.count }

    public subscript(position: Int) -> ToolCallRecord {
        let call = ledger.calls[position]
        return ToolCallRecord(call: call, text: texts[call.callID] ?? CallText(call), waitUntil: waits[call.callID])
    }
}
