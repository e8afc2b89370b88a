import WixAgentCore

/// An MCP server's form: who asks and why, one line per field (the selected one editable), the
/// last problem, and the keys.
enum ElicitationOverlay {
    static let keys = "↑↓ field · Enter send · Ctrl-D decline · Esc cancel"

    static func draw(_ form: ElicitationForm, _ s: AppState, into buf: inout CellBuffer) -> (row: Int, col: Int)? {
        let space = Panel.overlayArea(s.size, maxWidth: 90)
        let inner = max(1, space.width - 2)
        let message = WordWrap.lines(form.request.message, width: inner)
        let wanted = min(space.height, message.count + form.texts.count * 2 + 7)
        let area = Panel.box("\(form.request.source) asks", footer: keys, in: Rect(x: space.x, y: space.y, width: space.width, height: wanted), into: &buf)
        guard area.height > 0, area.width > 0 else { return nil }
        var y = area.y
        func line(_ text: String, _ role: Role) {
            guard y < area.maxY else { return }
            buf.put(text, row: y, col: area.x, role: role, limit: area.maxX)
            y += 1
        }
        for text in message.prefix(max(1, area.height - form.texts.count * 2 - 2)) { line(text, .normal) }
        line("", .normal)
        var cursor: (row: Int, col: Int)?
        for (i, field) in form.request.fields.enumerated() where y < area.maxY {
            let kind = field.options.isEmpty ? field.kind.rawValue : field.options.joined(separator: "|")
            line((i == form.selected ? "› " : "  ") + field.title + (field.required ? " *" : "") + " (\(kind))", i == form.selected ? .tool : .dim)
            guard y < area.maxY else { break }
            let rect = Rect(x: area.x + 4, y: y, width: max(1, area.width - 4), height: 1)
            let at = TextEditorView.draw(form.texts[i], in: rect, role: i == form.selected ? .selection : .normal, into: &buf)
            if i == form.selected { cursor = at }
            y += 1
        }
        if let problem = form.problem { line(problem, .error) }
        line("What you send goes to \(form.request.source) only; it is not kept in the session.", .dim)
        return cursor
    }
}
