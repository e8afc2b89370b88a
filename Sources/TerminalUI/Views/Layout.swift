/// Where the panes go for a terminal size: inspector on the right when wide, below when tall and
/// narrow, collapsed when small (then it replaces the chat while it has focus).
struct Layout: Equatable {
    var chat: Rect
    /// Nil when the inspector is collapsed and not focused.
    var inspector: Rect?
    var input: Rect
    var status: Rect
    /// Whether the inspector sits beside the chat (true) or below it (false).
    var inspectorBeside: Bool

    static func compute(_ s: AppState) -> Layout {
        let w = s.size.width, h = s.size.height
        let status = Rect(x: 0, y: h - 1, width: w, height: h > 0 ? 1 : 0)
        let inputRows = max(1, min(s.input.lines.count, h >= 20 ? 5 : 2))
        let input = Rect(x: 0, y: status.y - inputRows, width: w, height: inputRows)
        let body = Rect(x: 0, y: 0, width: w, height: input.y)
        if w >= 100 || (w >= 80 && h < 30) {
            let side = max(36, w * 2 / 5)
            return Layout(
                chat: Rect(x: 0, y: 0, width: w - side, height: body.height),
                inspector: Rect(x: w - side, y: 0, width: side, height: body.height),
                input: input, status: status, inspectorBeside: true)
        }
        if h >= 30 {
            let below = body.height * 2 / 5
            return Layout(
                chat: Rect(x: 0, y: 0, width: w, height: body.height - below),
                inspector: Rect(x: 0, y: body.height - below, width: w, height: below),
                input: input, status: status, inspectorBeside: false)
        }
        if s.focus == .inspector {
            return Layout(chat: Rect(x: 0, y: 0, width: 0, height: 0), inspector: body, input: input, status: status, inspectorBeside: false)
        }
        return Layout(chat: body, inspector: nil, input: input, status: status, inspectorBeside: false)
    }
}
