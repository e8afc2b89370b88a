import Foundation
import WixAgentCore

/// Folds the agent's events into the transcript, the inspector and the status bar.
enum AgentEventHandling {
    static func apply(_ event: AgentEvent, to s: inout AppState) {
        switch event {
        case .turnStarted:
            if s.phase == .idle { s.phase = .running }
            s.streamingEntry = nil
        case .message(let message):
            if case .assistant(let text, _) = message {
                if s.streamingEntry == nil, !text.isEmpty { s.addEntry(.agent, text) }
                s.streamingEntry = nil
            }
        case .textDelta(let delta):
            if let i = s.streamingEntry {
                s.appendToEntry(i, delta)
            } else {
                s.streamingEntry = s.addEntry(.agent, delta)
            }
        case .toolProposed(let id, _, let name, let access, let arguments, let requestLine, let preview, let identity):
            let known = s.call(id) != nil
            let followsNewest = s.selectedCall == nil || s.selectedCall == s.calls.count - 1
            var record = ToolCallRecord(callID: id, toolName: name, access: access, arguments: arguments, requestLine: requestLine)
            record.previewLines = (preview?.lines ?? []).map(Redaction.previewLine)
            record.before = preview?.record
            record.source = identity?.source
            s.upsertCall(record)
            if !known { s.addEntry(.tool(callID: id), name) }
            if followsNewest { s.selectedCall = s.calls.count - 1; s.inspectorScroll = 0 }
            s.streamingEntry = nil
        case .approvalNeeded(let request):
            // Asked again (its record or tool changed): what was seen of it before no longer counts.
            s.approvalsSeen.remove(request.callID)
            if !s.approvals.contains(where: { $0.callID == request.callID }) {
                // In the order the model proposed them, however the questions arrived.
                let number = s.callNumber(request.callID) ?? .max
                let at = s.approvals.firstIndex { (s.callNumber($0.callID) ?? .max) > number } ?? s.approvals.count
                s.approvals.insert(request, at: at)
                if s.approvals.count == 1 {
                    s.approvalSelectedID = request.callID
                    s.showNextApproval()
                } else {
                    // The list changed: nothing decides until it has been seen as it is now.
                    s.approvalShownAt = nil
                }
            }
        case .approvalDecided(let id, let approved, _, let reason, let arguments, let rule, let grants):
            if grants, let call = s.call(id) {
                s.grants = s.grants.adding(Grant(tool: call.toolName, at: s.now, afterCall: id, access: call.access ?? .read,
                                                 identity: s.tool(named: call.toolName)?.identity))
            }
            dropApproval(id, &s)
            s.updateCall(id) { record in
                if !approved { record.rejectionReason = reason }
                if let rule { record.ruleLine = "\(approved ? "allowed" : "decided") by \(rule.label)" }
                if arguments != record.arguments {
                    record.arguments = arguments
                    record.argumentsText = Redaction.prettyText(arguments)
                }
            }
        case .callRevised(let id, let access, let line, let preview, let identity, let changes):
            s.updateCall(id) { record in
                record.access = access
                record.requestLine = Redaction.requestLine(line)
                record.source = identity.source
                // The record as read last: what the dialog shows when it asks again, and what `/undo` restores.
                record.previewLines = changes.map { "! " + $0 } + (preview?.lines ?? []).map(Redaction.previewLine)
                record.before = preview?.record
            }
        case .toolStateChanged(let id, let state):
            let now = s.now
            s.updateCall(id) { record in
                record.state = state
                switch state {
                case .waitingForRateLimit(let seconds): record.waitUntil = now.addingTimeInterval(seconds)
                case .retrying: break
                default: record.waitUntil = nil
                }
            }
        case .rateLimit(.tools, let snapshot):
            s.status.toolsLimit = snapshot
        case .rateLimit(.model, let snapshot):
            s.status.modelLimit = snapshot
        case .waiting(let service, let id, let seconds, let attempt, let of, _):
            let until = s.now.addingTimeInterval(seconds)
            s.status.retry = StatusInfo.Retry(service: service, until: until, attempt: attempt, of: of)
            if let id { s.updateCall(id) { $0.waitUntil = until } }
        case .toolFinished(let id, let outcome):
            s.updateCall(id) { record in
                record.status = outcome.status
                record.latencyMs = outcome.latencyMs
                record.summary = outcome.summary
                record.responseText = outcome.response.stringValue ?? Redaction.prettyText(outcome.response)
                record.response = outcome.response
                record.waitUntil = nil
                if outcome.isError, record.state != .rejected { record.state = .failed }
            }
            s.status.retry = nil
        case .usage(let usage):
            // A server's figures are not trusted to stay small: the sums saturate.
            s.status.tokens.input = saturating(s.status.tokens.input, usage.input)
            s.status.tokens.output = saturating(s.status.tokens.output, usage.output)
        case .context(let usage):
            s.status.context = usage
        case .compacted(let report):
            s.addEntry(.notice, report.line)
        case .notice(let line):
            s.addEntry(.notice, line)
        case .finished:
            endTurn(&s)
        case .failed(let line):
            endTurn(&s)
            s.addEntry(.error, line)
        case .cancelled:
            endTurn(&s)
            s.addEntry(.notice, "Interrupted.")
        case .storeFailed(let line):
            s.addEntry(.error, line)
        case .grantRevoked(let tool):
            // Only the program ends a grant through an event (its tool changed); a person's `d` already took it off the list.
            if s.grants.contains(where: { $0.tool == tool }) {
                s.grants.removeAll { $0.tool == tool }
                s.addEntry(.notice, "The grant for \(tool) ended: its tool changed.")
            }
        case .undone(let id, let by):
            let number = s.callNumber(by)
            s.updateCall(id) { $0.undoneBy = number.map { "call \($0)" } ?? by }
        }
    }

    /// `total + more`, with `more` at least 0 and the sum at most `Int.max`.
    static func saturating(_ total: Int, _ more: Int) -> Int {
        let (sum, overflow) = total.addingReportingOverflow(max(0, more))
        return overflow ? .max : sum
    }

    private static func endTurn(_ s: inout AppState) {
        s.phase = s.phase.afterTurn
        s.streamingEntry = nil
        s.approvals = []
        s.approvalsSeen = []
        s.showNextApproval()
        s.status.retry = nil
    }

    private static func dropApproval(_ id: String, _ s: inout AppState) {
        guard let i = s.approvals.firstIndex(where: { $0.callID == id }) else { return }
        let wasSelected = id == s.approvalSelectedID
        s.approvals.remove(at: i)
        if wasSelected { s.showNextApproval(at: i) } else { s.approvalShownAt = nil }
    }
}
