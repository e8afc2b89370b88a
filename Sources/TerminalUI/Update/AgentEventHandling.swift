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
        case .toolProposed(let id, _, let name, _, _, _, _, _):
            let followsNewest = s.selectedCall == nil || s.selectedCall == s.calls.count - 1
            guard s.fold(event) == [.call(id)] else { return }
            s.addEntry(.tool(callID: id), name)
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
        case .approvalDecided(let id, _, _, _, _, _, _):
            dropApproval(id, &s)
            s.fold(event)
        case .callRevised, .recordsNamed:
            s.fold(event)
        case .sending(let id, _, _):
            s.fold(event)
            s.setWait(id, until: nil)
        case .toolStateChanged(let id, let state):
            s.fold(event)
            switch state {
            case .waitingForRateLimit(let seconds): s.setWait(id, until: s.now.addingTimeInterval(seconds))
            case .retrying: break
            default: s.setWait(id, until: nil)
            }
        case .rateLimit(.tools, let snapshot):
            s.status.toolsLimit = snapshot
        case .rateLimit(.model, let snapshot):
            s.status.modelLimit = snapshot
        case .waiting(let service, let id, let seconds, let attempt, let of, _):
            let until = s.now.addingTimeInterval(seconds)
            s.status.retry = StatusInfo.Retry(service: service, until: until, attempt: attempt, of: of)
            if let id { s.setWait(id, until: until) }
        case .toolFinished(let id, _):
            s.fold(event)
            s.setWait(id, until: nil)
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
            if s.fold(event).contains(.grants) { s.addEntry(.notice, "The grant for \(tool) ended: its tool changed.") }
        case .grantsRestored, .undone:
            s.fold(event)
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
