/// Keys, slash commands and sample prompts, scrollable.
enum HelpOverlay {
    static let keyLines = [
        "Enter            send the message",
        "Alt-Enter        new line in the message",
        "Tab / Shift-Tab  focus input → chat → inspector",
        "↑ ↓              input: history · chat: scroll · inspector: select call",
        "PgUp PgDn        scroll chat (inspector: scroll details)",
        "Home End         chat: oldest / latest",
        "Input line       Ctrl-A/E ends · Ctrl-←/→, Alt-B/F words · Ctrl-K/U/W cut · Ctrl-Y paste the cut",
        "Esc              interrupt the running turn · close a dialog",
        "F1 or ?          this help (? on an empty input)",
        "F2 or /tools     tool schema browser",
        "Ctrl-C twice     quit",
        "Approval dialog  y once · a tool for session · n reject · r reason · e edit (Ctrl-S/F10 submit)",
    ]
    static let commandLines = [
        "/help                 this help",
        "/tools [FILTER]       browse tools and their input schemas",
        "/call NAME {json}     ask the agent to call a tool with these arguments",
        "/approval POLICY      ask-writes | ask-all | read-only | auto",
        "/model NAME           switch the model",
        "/clear                forget the conversation",
        "/compact [focus]      compact what the model is sent now (old results elided, older turns summarized)",
        "/context              what fills the context window, and what compaction would free",
        "/sessions [FILTER]    pick a stored session and continue it",
        "/audit                every decision and call of this session",
        "/undo [N]             propose the inverse of the last write (or of call N); it asks first",
        "/resend               send writes of unknown outcome again, same idempotency key; each asks",
        "/grants [restore]     tools approved for the session; d revokes · restore a resumed session's",
        "/quit                 quit",
    ]

    static func lines(_ s: AppState) -> [(text: String, role: Role)] {
        var out: [(String, Role)] = []
        if let id = s.sessionID {
            out.append(("Session \(id) (see it later with: wixagent sessions show \(id))", .normal))
            out.append(("", .normal))
        }
        out.append(("Keys", .tool))
        out += keyLines.map { ("  " + $0, .normal) }
        out.append(("", .normal))
        out.append(("Slash commands", .tool))
        out += commandLines.map { ("  " + $0, .normal) }
        if !s.samplePrompts.isEmpty {
            out.append(("", .normal))
            out.append(("Try asking (press a number to put it in the input line)", .tool))
            out += s.samplePrompts.enumerated().map { ("  \($0.offset + 1)  " + $0.element, .agent) }
        }
        return out
    }

    static func draw(_ s: AppState, scroll: Int, into buf: inout CellBuffer) {
        let area = Panel.box("Help", footer: "↑↓ PgUp PgDn scroll · Esc close", in: Panel.overlayArea(s.size), into: &buf)
        guard area.width > 0 else { return }
        var wrapped: [(String, Role)] = []
        for line in lines(s) {
            for piece in WordWrap.lines(line.text, width: area.width) { wrapped.append((piece, line.role)) }
        }
        let start = min(scroll, max(0, wrapped.count - area.height))
        for (row, line) in wrapped.dropFirst(start).prefix(area.height).enumerated() {
            buf.put(line.0, row: area.y + row, col: area.x, role: line.1, limit: area.maxX)
        }
    }
}
