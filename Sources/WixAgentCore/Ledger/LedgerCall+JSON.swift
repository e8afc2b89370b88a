import Foundation

/// The ledger's calls and grants as JSON objects: what `exec --json` prints after each event
/// that changed them, so a script reads a call's whole state without folding events itself.
extension LedgerCall {
    /// The call as it stands. The response body is left out (the `tool_finished` event has it).
    public var json: JSONValue {
        ["call_id": .string(callID), "provider_call_id": providerCallID.map(JSONValue.string) ?? .null, "tool": .string(toolName),
         "source": identity.map { .string($0.source) } ?? .null, "access": access.map { .string($0.rawValue) } ?? .null,
         "proposed_arguments": proposedArguments, "arguments": arguments, "request": requestLine.map(JSONValue.string) ?? .null,
         "preview": preview?.json ?? .null, "changes": .array(changes.map(JSONValue.string)),
         "named_records": .array(namedRecords.map(JSONValue.string)),
         "decisions": .array(decisions.map(\.json)), "state": .string(state.label), "attempts": .number(Double(attempts)),
         "idempotency_key": idempotencyKey.map(JSONValue.string) ?? .null, "outcome": outcome.map(Self.json) ?? .null,
         "undone_by": undoneBy.map(JSONValue.string) ?? .null, "resend_of": resendOf.map(JSONValue.string) ?? .null]
    }

    private static func json(_ outcome: ToolOutcome) -> JSONValue {
        ["status": outcome.status.map { .number(Double($0)) } ?? .null, "latency_ms": outcome.latencyMs.map { .number(Double($0)) } ?? .null,
         "is_error": .bool(outcome.isError), "outcome_unknown": .bool(outcome.isUnknown), "summary": .string(outcome.summary)]
    }
}

extension CallDecision {
    public var json: JSONValue {
        ["approved": .bool(approved), "decided_by": .string(decidedBy.rawValue), "reason": reason.map(JSONValue.string) ?? .null,
         "arguments": arguments, "rule": rule?.json ?? .null, "grants": .bool(grants)]
    }
}

extension Grant {
    public var json: JSONValue {
        ["tool": .string(tool), "source": .string(identity.source), "access": .string(access.rawValue), "at": .string(ISODate.string(at)),
         "after_call": .string(afterCall)]
    }
}
