import Foundation
import WixAgentCore

/// Keys of the approval dialog for the selected waiting call:
/// y approve once, a approve the tool for the session, n reject, r reject with a reason,
/// e edit the arguments (Ctrl-S or F10 validates and approves), Esc interrupts the turn.
/// Several waiting calls form a batch: ↑/↓ select, Y/N approve or reject every one (Y only once
/// each has been on screen in full). v shows masked arguments as they are.
///
/// Only a bare key pressed while the dialog is on screen decides: keys that arrive before it
/// was drawn or within `AppState.approvalGuard` after do nothing, and an Alt-key (ESC and a
/// key together) is the Esc it begins with.
enum ApprovalHandling {
    static func handle(_ key: Key, _ s: inout AppState) -> [Command] {
        guard let head = s.selectedApproval else { return [] }
        switch s.approvalDialog {
        case .choosing:
            switch key {
            case .escape, .alt:
                return interrupt(&s)
            case .up, .down:
                let moved = min(max(0, s.approvalSelected + (key == .up ? -1 : 1)), s.approvals.count - 1)
                if moved != s.approvalSelected {
                    s.approvalSelectedID = s.approvals[moved].callID
                    s.showNextApproval()
                }
                return []
            case .char where !s.approvalKeysArmed:
                return []
            default: break
            }
            switch key {
            case .char("Y") where !ApprovalOverlay.showsWholeBatch(s), .char("N") where !ApprovalOverlay.showsWholeBatch(s):
                s.addEntry(.error, "\(s.approvals.count) calls wait and not all fit on screen: decide them one by one (or make the terminal taller).")
                return []
            case .char("Y") where s.approvals.contains(where: { !s.approvalsSeen.contains($0.callID) }):
                let unseen = s.approvals.filter { !s.approvalsSeen.contains($0.callID) }.count
                s.approvalNotice = "Y approves only calls you have seen in full: \(unseen) not yet. Select each with ↑↓ (one too long to show: y, or e to read it)."
                return []
            case .char("Y"): return decideAll(.approveOnce, &s)
            case .char("v"), .char("V"):
                s.approvalRevealed.toggle()
                // Drawn anew: what it shows now is what counts as seen, after the guard again.
                s.approvalShownAt = nil
                return []
            case .char("N"): return decideAll(.reject(reason: nil), &s)
            case .char("y"): return decide(.approveOnce, &s)
            case .char("a"), .char("A"): return decide(.approveToolForSession, &s)
            case .char("n"): return decide(.reject(reason: nil), &s)
            case .char("r"), .char("R"): s.approvalDialog = .reason(TextEditor())
            case .char("e"), .char("E"):
                guard CallKey.root(of: head.callID) == head.callID else {
                    // Sent again under the first request's key: another body would be another write.
                    s.approvalNotice = "A resend goes out as the first request did (same idempotency key); reject it and ask for the change instead."
                    return []
                }
                s.approvalDialog = .editing(TextEditor(head.arguments.prettyText), error: nil)
            default: break
            }
        case .reason(var editor):
            switch key {
            case .enter:
                let reason = editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
                return decide(.reject(reason: reason.isEmpty ? nil : reason), &s)
            case .escape:
                s.approvalDialog = .choosing
            default:
                _ = editor.handle(key)
                s.approvalDialog = .reason(editor)
            }
        case .editing(var editor, let error):
            switch key {
            case .ctrl("s"), .function(10):
                return submitEdit(editor, head, &s)
            case .escape:
                s.approvalDialog = .choosing
            case .enter, .altEnter:
                editor.newline()
                s.approvalDialog = .editing(editor, error: error)
            case .tab:
                editor.insert(" ")
                editor.insert(" ")
                s.approvalDialog = .editing(editor, error: error)
            default:
                _ = editor.handle(key)
                s.approvalDialog = .editing(editor, error: error)
            }
        }
        return []
    }

    /// The edited arguments, or the first problem with them (not JSON, not an object, not the schema).
    static func validate(_ text: String, tool: Tool?) -> Result<JSONValue, ValidationFailure> {
        guard let value = try? JSONValue.parse(text) else {
            return .failure(ValidationFailure(message: "Not valid JSON. Fix it, then press Ctrl-S."))
        }
        guard value.objectValue != nil else {
            return .failure(ValidationFailure(message: "The arguments must be a JSON object, got \(value.typeName)."))
        }
        if let tool, case .failure(let problem) = tool.check(value) {
            return .failure(ValidationFailure(message: problem.description))
        }
        return .success(value)
    }

    struct ValidationFailure: Error, Equatable {
        var message: String
    }

    private static func submitEdit(_ editor: TextEditor, _ head: ApprovalRequest, _ s: inout AppState) -> [Command] {
        switch validate(editor.text, tool: s.tool(named: head.toolName)) {
        case .success(let value):
            return decide(.editAndApprove(value), &s)
        case .failure(let failure):
            s.approvalDialog = .editing(editor, error: failure.message)
            return []
        }
    }

    /// Decides the selected call; the next undecided one slides into its place.
    private static func decide(_ decision: ApprovalDecision, _ s: inout AppState) -> [Command] {
        guard let id = s.approvalSelectedID, let index = s.approvals.firstIndex(where: { $0.callID == id }) else { return [] }
        let chosen = s.approvals.remove(at: index)
        s.showNextApproval(at: index)
        return [.answer(callID: chosen.callID, decision)]
    }

    /// Decides every waiting call of the batch alike (`Y`, `N`).
    private static func decideAll(_ decision: ApprovalDecision, _ s: inout AppState) -> [Command] {
        let all = s.approvals
        s.approvals = []
        s.showNextApproval()
        return all.map { .answer(callID: $0.callID, decision) }
    }

    /// Esc in the dialog: the turn stops and no waiting call can be decided any more.
    static func interrupt(_ s: inout AppState) -> [Command] {
        s.approvals = []
        s.showNextApproval()
        return KeyHandling.interruptTurn(&s)
    }
}
