import Foundation
import WixAgentCore

/// Keys of an MCP server's form: ↑/↓ or Tab choose a field, typing edits it, Enter sends it
/// (once every field is right), Ctrl-D declines, Esc cancels. As in the approval dialog, Enter
/// counts only once the form has been on screen for the guard time, and a paste never sends it.
enum ElicitationHandling {
    static func handle(_ key: Key, _ s: inout AppState) -> [Command] {
        guard var form = s.elicitations.first else { return [] }
        defer { if !s.elicitations.isEmpty, s.elicitations[0].id == form.id { s.elicitations[0] = form } }
        let count = form.texts.count
        switch key {
        case .escape, .alt:
            return finish(form, ElicitationAnswer(action: .cancel), "cancelled", &s)
        case .ctrl("d"):
            return finish(form, .decline, "declined", &s)
        case .up, .backTab:
            if count > 0 { form.selected = (form.selected + count - 1) % count }
        case .down, .tab:
            if count > 0 { form.selected = (form.selected + 1) % count }
        case .enter:
            guard let shown = form.shownAt, s.now.timeIntervalSince(shown) >= AppState.approvalGuard else { return [] }
            switch form.accepted() {
            case .success(let answer): return finish(form, answer, "sent", &s)
            case .failure(let problem): form.problem = problem.description
            }
        case .paste(let text):
            if count > 0 { form.texts[form.selected].paste(text.replacingOccurrences(of: "\n", with: " ")) }
        default:
            if count > 0, form.texts[form.selected].handle(key) { form.problem = nil }
        }
        return []
    }

    private static func finish(_ form: ElicitationForm, _ answer: ElicitationAnswer, _ verb: String, _ s: inout AppState) -> [Command] {
        s.elicitations.removeFirst()
        s.approvalShownAt = nil
        s.addEntry(.notice, "Form from \(form.request.source) \(verb).")
        return [.answerElicitation(id: form.id, answer)]
    }
}
