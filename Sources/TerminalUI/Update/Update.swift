import Foundation
import WixAgentCore

/// The only place the UI state changes: one message in, the new state and the work to do out.
/// Pure apart from the clock it is handed, so tests drive it without a terminal.
public enum Update {
    public static func update(_ state: AppState, _ msg: Msg, now: Date = Date()) -> (AppState, [Command]) {
        var s = state
        let commands = apply(msg, to: &s, now: now)
        return (s, commands)
    }

    public static func apply(_ msg: Msg, to s: inout AppState, now: Date) -> [Command] {
        s.now = now
        expireTimers(&s)
        switch msg {
        case .key(let key):
            return KeyHandling.handle(key, &s)
        case .agent(let event):
            let before = s.phase
            AgentEventHandling.apply(event, to: &s)
            return QuitHandling.turnEnded(from: before, &s)
        case .tick:
            return []
        case .elicitationNeeded(let id, let request):
            s.elicitations.append(ElicitationForm(id: id, request: request))
            // The form covers the dialog: once it is gone, the dialog's keys wait out the guard again.
            s.approvalShownAt = nil
            return []
        case .elicitationDrawn:
            if !s.elicitations.isEmpty, s.elicitations[0].shownAt == nil { s.elicitations[0].shownAt = now }
            return []
        case .approvalDrawn:
            if !s.approvals.isEmpty, s.approvalShownAt == nil {
                s.approvalShownAt = now
                // Seen in full: nothing cut off, and nothing masked unless `v` showed it.
                if let head = s.selectedApproval, ApprovalOverlay.showsInFull(s),
                   s.approvalRevealed || Redaction.redact(head.arguments, keeping: head.namingKeys) == head.arguments {
                    s.approvalsSeen.insert(head.callID)
                }
            }
            return []
        case .resize(let size):
            s.size = size
            return []
        case .connected(let catalog, let label, let examples):
            s.connection = .ready
            if !examples.isEmpty { s.samplePrompts = examples }
            s.catalog = catalog.tools
            s.status.modelLabel = label
            s.addEntry(.notice, (s.version.isEmpty ? "" : "\(s.version). ") + "Ready: \(catalog.tools.count) tools from \(s.status.sourceLabel), model \(label). Type a message and press Enter; F1 for help.")
            if !s.samplePrompts.isEmpty, !s.hasAsked {
                let shown = s.samplePrompts.prefix(5).enumerated().map { "  \($0.offset + 1)  " + Truncation.truncate($0.element, width: 72) }
                s.addEntry(.notice, (["Try one: press its number to put it in the input line, edit it if you like, then Enter (F1 lists all \(s.samplePrompts.count))."] + shown)
                    .joined(separator: "\n"))
            }
            return []
        case .catalogChanged(let catalog):
            let before = Set(s.catalog.map(\.name))
            s.catalog = catalog.tools
            let added = catalog.tools.map(\.name).filter { !before.contains($0) }
            s.addEntry(.notice, "The tools changed: \(catalog.tools.count) now" + (added.isEmpty ? "." : " (new: \(added.prefix(5).joined(separator: ", "))\(added.count > 5 ? ", …" : "")).") )
            return []
        case .resumed(let messages):
            showResumed(messages, &s)
            return []
        case .sessionActive, .sessionsListed, .sessionsUnavailable, .sessionResumed, .sessionResumeFailed:
            SessionPickerHandling.apply(msg, &s)
            return []
        case .ledgerResumed(let ledger):
            s.resume(ledger.calls)
            GrantsHandling.offer(ledger.grants, &s)
            return []
        case .auditListed(let lines):
            s.addEntry(.notice, lines.isEmpty ? "Audit: no calls recorded in this session yet." : "Audit of this session (\(lines.count) call\(lines.count == 1 ? "" : "s")):\n" + lines.joined(separator: "\n"))
            return []
        case .warnings(let lines):
            for line in lines { s.addEntry(.error, "Warning: \(line).") }
            return []
        case .connectFailed(let line):
            s.connection = .failed(line)
            s.addEntry(.error, line)
            return []
        case .modelChanged(let label):
            s.status.modelLabel = label
            s.addEntry(.notice, "Model: \(label)")
            return []
        case .modelUnknown(let line):
            s.addEntry(.error, line)
            return []
        case .interrupt:
            return KeyHandling.handle(.ctrl("c"), &s)
        case .terminate:
            s.phase = .quitting
            return [.quit]
        }
    }

    /// The resumed conversation as transcript entries: the user's and the agent's text, and one
    /// notice line per earlier tool call (their records are not in this session's inspector).
    static func showResumed(_ messages: [ChatMessage], _ s: inout AppState) {
        guard !messages.isEmpty else { return }
        s.addEntry(.notice, "Resumed session: \(messages.count) earlier message\(messages.count == 1 ? "" : "s").")
        for message in messages {
            switch message {
            case .user(let text):
                s.addEntry(.user, text)
            case .assistant(let text, let calls):
                if !text.isEmpty { s.addEntry(.agent, text) }
                for call in calls { s.addEntry(.notice, "→ \(call.name) (earlier call)") }
            case .toolResult(_, let name, let content, _) where ConversationRepair.isInterrupted(content):
                s.addEntry(.error, "\(name) never finished: the program stopped during it; whether a write took effect is unknown.")
            case .toolResult:
                break
            }
        }
    }

    private static func expireTimers(_ s: inout AppState) {
        if let until = s.quitArmedUntil, until <= s.now { s.quitArmedUntil = nil }
        if let retry = s.status.retry, retry.until <= s.now { s.status.retry = nil }
    }
}
