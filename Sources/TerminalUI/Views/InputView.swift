/// The input line: a `> ` prompt and the text being typed (several rows after Alt-Enter).
/// When empty it shows what to do; the cursor shows only while the input has focus.
enum InputView {
    static let hint = "Type a message · Enter send · Alt-Enter newline · F1 help · Tab focus"

    static func draw(_ s: AppState, in rect: Rect, into buf: inout CellBuffer) -> (row: Int, col: Int)? {
        guard !rect.isEmpty else { return nil }
        buf.fill(rect, role: .normal)
        let focused = s.focus == .input && s.overlay == nil && s.approvals.isEmpty
        if s.input.isEmpty {
            buf.put("> ", row: rect.y, col: rect.x, role: focused ? .user : .dim, limit: rect.maxX)
            buf.put(hint, row: rect.y, col: rect.x + 2, role: .dim, limit: rect.maxX)
            return focused ? (rect.y, min(rect.maxX - 1, rect.x + 2)) : nil
        }
        let cursor = TextEditorView.draw(s.input, in: rect, role: .user, prefix: "> ", into: &buf)
        return focused ? cursor : nil
    }
}
