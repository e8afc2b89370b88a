/// Agent events as JSON objects, one per event: the `exec --json` stream.
extension AgentEvent {
    public var json: JSONValue {
        switch self {
        case .turnStarted(let text):
            return ["type": "turn_started", "text": .string(text)]
        case .message(let message):
            return ["type": "message", "message": message.json]
        case .textDelta(let delta):
            return ["type": "text_delta", "text": .string(delta)]
        case .toolProposed(let id, let providerID, let name, let access, let arguments, let line, let preview, let identity):
            return ["type": "tool_proposed", "call_id": .string(id), "provider_call_id": providerID.map(JSONValue.string) ?? .null, "tool": .string(name),
                    "access": access.map { .string($0.rawValue) } ?? .null, "arguments": arguments,
                    "request": line.map(JSONValue.string) ?? .null, "preview": preview?.json ?? .null,
                    "no_effect": .bool(preview?.hasNoEffect ?? false),
                    "source": identity.map { .string($0.source) } ?? .null]
        case .approvalNeeded(let request):
            return ["type": "approval_needed", "call_id": .string(request.callID), "tool": .string(request.toolName),
                    "arguments": request.arguments, "request": .string(request.requestLine), "source": .string(request.source),
                    "destructive": .bool(request.destruction != nil), "changes": .array(request.changes.map(JSONValue.string))]
        case .recordsNamed(let id, let lines):
            return ["type": "records_named", "call_id": .string(id), "lines": .array(lines.map(JSONValue.string))]
        case .approvalDecided(let id, let approved, let by, let reason, let arguments, let rule, let grants):
            return ["type": "approval_decided", "call_id": .string(id), "approved": .bool(approved),
                    "decided_by": .string(by.rawValue), "reason": reason.map(JSONValue.string) ?? .null, "arguments": arguments,
                    "rule": rule?.json ?? .null, "grants": .bool(grants)]
        case .callRevised(let id, let access, let line, let preview, let identity, let changes):
            return ["type": "call_revised", "call_id": .string(id), "access": .string(access.rawValue), "request": .string(line),
                    "preview": preview?.json ?? .null, "source": .string(identity.source), "changes": .array(changes.map(JSONValue.string))]
        case .toolStateChanged(let id, let state):
            return ["type": "tool_state", "call_id": .string(id), "state": .string(state.label)]
        case .sending(let id, let attempt, let key):
            return ["type": "sending", "call_id": .string(id), "attempt": .number(Double(attempt)), "idempotency_key": key.map(JSONValue.string) ?? .null]
        case .rateLimit(let service, let snapshot):
            return ["type": "rate_limit", "service": .string(service.rawValue), "limit": snapshot.limit.map { .number(Double($0)) } ?? .null,
                    "remaining": snapshot.remaining.map { .number(Double($0)) } ?? .null,
                    "reset_seconds": snapshot.resetSeconds.map(JSONValue.number) ?? .null]
        case .waiting(let service, let id, let seconds, let attempt, let of, let reason):
            return ["type": "waiting", "service": .string(service.rawValue), "call_id": id.map(JSONValue.string) ?? .null,
                    "seconds": .number(seconds), "attempt": .number(Double(attempt)), "of": .number(Double(of)), "reason": .string(reason)]
        case .toolFinished(let id, let outcome):
            return ["type": "tool_finished", "call_id": .string(id), "status": outcome.status.map { .number(Double($0)) } ?? .null,
                    "latency_ms": outcome.latencyMs.map { .number(Double($0)) } ?? .null, "is_error": .bool(outcome.isError),
                    "outcome_unknown": .bool(outcome.isUnknown), "summary": .string(outcome.summary), "response": outcome.response]
        case .usage(let usage):
            return ["type": "usage", "input_tokens": .number(Double(usage.input)), "output_tokens": .number(Double(usage.output))]
        case .context(let usage):
            return ["type": "context", "usage": usage.json]
        case .compacted(let report):
            return ["type": "compacted", "compaction": report.json, "line": .string(report.line)]
        case .notice(let line):
            return ["type": "notice", "text": .string(line)]
        case .finished(let answer):
            return ["type": "finished", "answer": .string(answer)]
        case .failed(let line):
            return ["type": "failed", "error": .string(line)]
        case .cancelled:
            return ["type": "cancelled"]
        case .storeFailed(let line):
            return ["type": "store_failed", "error": .string(line)]
        case .grantRevoked(let tool):
            return ["type": "grant_revoked", "tool": .string(tool)]
        case .grantsRestored(let grants):
            return ["type": "grants_restored", "tools": .array(grants.map { .string($0.tool) })]
        case .undone(let id, let by):
            return ["type": "undone", "call_id": .string(id), "undone_by": .string(by)]
        }
    }
}

extension ChatMessage {
    public var json: JSONValue {
        switch self {
        case .user(let text):
            return ["role": "user", "text": .string(text)]
        case .assistant(let text, let calls):
            return ["role": "assistant", "text": .string(text),
                    "tool_calls": .array(calls.map { ["id": .string($0.id), "name": .string($0.name), "arguments": .string($0.arguments)] })]
        case .toolResult(let id, let name, let content, let isError):
            return ["role": "tool", "call_id": .string(id), "name": .string(name), "content": .string(content), "is_error": .bool(isError)]
        }
    }
}

extension ToolCallState {
    /// How people read the state, e.g. `waiting 3s for rate limit` or `retry 2/5`.
    public var label: String {
        switch self {
        case .proposed: "proposed"
        case .waitingForApproval: "waiting for approval"
        case .running: "running"
        case .waitingForRateLimit(let seconds): "waiting \(Int(seconds.rounded(.up)))s for rate limit"
        case .retrying(let attempt, let of): "retry \(attempt)/\(of)"
        case .done: "done"
        case .failed: "failed"
        case .rejected: "rejected"
        case .interrupted: "interrupted"
        }
    }

    /// The state a stored `label` names (a wait's seconds as whole seconds); nil for other text.
    public init?(label: String) {
        let words = label.split(separator: " ")
        switch (words.first, words.count) {
        case ("waiting", 5) where words[2...] == ["for", "rate", "limit"] && words[1].hasSuffix("s"):
            // A stored row is not trusted: only a wait a label can show again (whole seconds, finite).
            guard let seconds = Double(words[1].dropLast()), seconds.isFinite, (0...1e9).contains(seconds) else { return nil }
            self = .waitingForRateLimit(seconds: seconds)
        case ("retry", 2):
            let parts = words[1].split(separator: "/")
            guard parts.count == 2, let attempt = Int(parts[0]), let of = Int(parts[1]) else { return nil }
            self = .retrying(attempt: attempt, of: of)
        default:
            let plain: [ToolCallState] = [.proposed, .waitingForApproval, .running, .done, .failed, .rejected, .interrupted]
            guard let state = plain.first(where: { $0.label == label }) else { return nil }
            self = state
        }
    }
}
