import Foundation
import WixAgentCore

/// `/sessions`: opening the picker, its keys, and switching the conversation to the picked session.
/// Switching is refused while a turn runs (Esc interrupts it first); the user decides, nothing is
/// cancelled behind their back.
enum SessionPickerHandling {
    static let busyLine = "The agent is still working; press Esc to interrupt it before /sessions."

    /// Opens the picker and asks for the list.
    static func open(filter: String, _ s: inout AppState) -> [Command] {
        guard !s.turnRunning else {
            s.addEntry(.error, busyLine)
            return []
        }
        s.overlay = .sessions(SessionPickerState(filter: filter))
        return [.loadSessions]
    }

    /// Typing filters; ↑↓ PgUp PgDn Home End select; Enter resumes the selection; Esc closes.
    static func handle(_ key: Key, _ picker: SessionPickerState, _ s: inout AppState) -> [Command] {
        var p = picker
        let count = p.matches.count
        let page = max(1, SessionPickerOverlay.listHeight(s.size))
        switch key {
        case .escape:
            s.overlay = nil
            return []
        case .enter:
            return resume(p.selection, &s)
        case .char, .paste:
            p.filter += key.filterText
            p.selected = 0
        case .backspace:
            if !p.filter.isEmpty { p.filter.removeLast() }
            p.selected = 0
        case .up: p.selected = ListSelection.moved(p.selected, by: -1, count: count)
        case .down: p.selected = ListSelection.moved(p.selected, by: 1, count: count)
        case .pageUp: p.selected = ListSelection.moved(p.selected, by: -page, count: count)
        case .pageDown: p.selected = ListSelection.moved(p.selected, by: page, count: count)
        case .home: p.selected = 0
        case .end: p.selected = max(0, count - 1)
        default: break
        }
        s.overlay = .sessions(p)
        return []
    }

    private static func resume(_ session: SessionArchive.Summary?, _ s: inout AppState) -> [Command] {
        guard let session else { return [] }
        s.overlay = nil
        if s.turnRunning {
            s.addEntry(.error, busyLine)
            return []
        }
        guard s.connection == .ready else {
            s.addEntry(.error, "Not connected yet; try /sessions again in a moment.")
            return []
        }
        s.phase = .switchingSession
        s.addEntry(.notice, "Opening session \(session.id)…")
        return [.resumeSession(session.id)]
    }

    /// The answers to `loadSessions` and `resumeSession`, and the session in use at start.
    static func apply(_ msg: Msg, _ s: inout AppState) {
        switch msg {
        case .sessionActive(let session):
            s.sessionID = session.id
            s.status.tokens = session.tokens
        case .sessionsListed(let sessions):
            guard case .sessions(var picker) = s.overlay else { return }
            picker.load = .loaded(sessions)
            picker.selected = min(picker.selected, max(0, picker.matches.count - 1))
            s.overlay = .sessions(picker)
        case .sessionsUnavailable(let line):
            guard case .sessions(var picker) = s.overlay else { return }
            picker.load = .failed(line)
            s.overlay = .sessions(picker)
        case .sessionResumed(let session, let messages, let ledger):
            let id = session.id
            if s.phase == .switchingSession { s.phase = .idle }
            s.sessionID = id
            s.status.tokens = session.tokens
            s.clearTranscript()
            Update.showResumed(messages, &s)
            s.addEntry(.notice, "Session \(id) is now active; new messages are recorded into it (wixagent sessions show \(id)).")
            s.resume(ledger.calls)
            GrantsHandling.offer(ledger.grants, &s)
        case .sessionResumeFailed(let line):
            if s.phase == .switchingSession { s.phase = .idle }
            s.addEntry(.error, line)
        default:
            break
        }
    }
}
