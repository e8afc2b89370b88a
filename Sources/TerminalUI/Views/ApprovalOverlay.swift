import WixAgentCore

/// The approval dialog for the selected waiting call: tool, read/write, request line, preview,
/// arguments, and the keys; or the reason prompt; or the JSON editor with its validation error
/// inline. Several waiting calls (one reply's writes) are listed first, one line each.
enum ApprovalOverlay {
    static let choiceKeys = "y approve once · a approve tool for session · n reject · r reject with reason · e edit · v show masked"
    static let batchKeys = "↑↓ select · y a n r e decide the selected one · Y approve all (once seen) · N reject all · v show masked"
    static let reasonKeys = "Enter reject with this reason · Esc back"
    static let editKeys = "Ctrl-S or F10 approve with these arguments · Enter newline · Esc back"

    /// How many batch items the dialog lists at this size; a longer batch scrolls with the selection.
    static func batchRows(_ size: Size) -> Int {
        max(1, min(8, Panel.overlayArea(size, maxWidth: 100).height - 12))
    }

    /// Whether every waiting call is listed at once, so `Y`/`N` decide only what is on screen.
    static func showsWholeBatch(_ s: AppState) -> Bool {
        s.approvals.count <= batchRows(s.size)
    }

    /// The selected call's arguments as the dialog shows them: masked values with their length,
    /// unless `v` revealed them; the arguments that name the record are never masked.
    static func argumentsText(_ head: ApprovalRequest, _ s: AppState) -> String {
        s.approvalRevealed ? head.arguments.prettyText : Redaction.prettyText(head.arguments, keeping: head.namingKeys)
    }

    /// What the dialog lays out for the selected call in the choosing state.
    struct Content {
        var space: Rect
        var arguments: [String]
        var preview: [String]
        var keys: String
        var keyRows: Int
        var shown: Range<Int>
        /// Rows the dialog needs to show everything.
        var wanted: Int
    }

    static func content(_ s: AppState, _ head: ApprovalRequest) -> Content {
        let batch = s.approvals.count > 1
        let space = Panel.overlayArea(s.size, maxWidth: 100)
        // The arguments as drawn: wrapped to the box's inner width (the box is inset by 1 on each side).
        let arguments = WordWrap.hardLines(argumentsText(head, s), width: max(1, space.width - 2))
        let keys = batch ? batchKeys : choiceKeys
        let keyRows = WordWrap.lines(keys, width: max(1, space.width - 2)).count
        let shown = ListSelection.visible(selected: s.approvalSelected, count: s.approvals.count, height: batchRows(s.size))
        let listRows = batch ? shown.count + 2 : 0
        let preview = (s.call(head.callID)?.previewLines ?? []).flatMap { WordWrap.lines($0, width: max(1, space.width - 2)) }
        let wanted = listRows + (s.approvalNotice == nil ? 0 : 1) + preview.count + arguments.count + keyRows + 5 + (head.askedBy == nil ? 0 : 1) + (head.destruction == nil ? 0 : 1)
        return Content(space: space, arguments: arguments, preview: preview, keys: keys, keyRows: keyRows, shown: shown, wanted: wanted)
    }

    /// Whether the selected call's dialog shows all of it (preview and arguments, nothing cut off).
    static func showsInFull(_ s: AppState) -> Bool {
        guard let head = s.selectedApproval, case .choosing = s.approvalDialog else { return false }
        let content = content(s, head)
        return content.wanted <= content.space.height
    }

    static func draw(_ s: AppState, into buf: inout CellBuffer) -> (row: Int, col: Int)? {
        guard let head = s.selectedApproval else { return nil }
        let batch = s.approvals.count > 1
        let writes = s.approvals.allSatisfy { $0.access == .write }
        let queue = batch ? "s? \(s.approvals.count) \(writes ? "writes" : "calls") proposed" : "?"
        let footer: String
        switch s.approvalDialog {
        case .choosing: footer = "Esc interrupts the turn"
        case .reason: footer = reasonKeys
        case .editing: footer = editKeys
        }
        let c = content(s, head)
        let (space, arguments, keys, keyRows, shown, preview) = (c.space, c.arguments, c.keys, c.keyRows, c.shown, c.preview)
        let wanted: Int
        switch s.approvalDialog {
        case .choosing: wanted = c.wanted
        case .reason: wanted = 6
        case .editing: wanted = space.height
        }
        let area = Panel.box("Approve tool call\(queue)", footer: footer, in: Rect(x: space.x, y: space.y, width: space.width, height: min(space.height, wanted)), into: &buf)
        guard area.height > 0, area.width > 0 else { return nil }
        var y = area.y
        func line(_ text: String, _ role: Role) {
            guard y < area.maxY else { return }
            buf.put(Truncation.truncate(text, width: area.width), row: y, col: area.x, role: role, limit: area.maxX)
            y += 1
        }
        if batch, case .choosing = s.approvalDialog {
            for i in shown {
                let item = s.approvals[i]
                let mark = i == s.approvalSelected ? "› " : s.approvalsSeen.contains(item.callID) ? "✓ " : "  "
                let summary = [item.toolName, Redaction.redact(item.arguments).compactText] + (s.call(item.callID)?.previewLines.first.map { [$0] } ?? [])
                line(mark + summary.joined(separator: " · "), i == s.approvalSelected ? .selection : .normal)
            }
            if let notice = s.approvalNotice { line(notice, .error) }
            line(shown.count < s.approvals.count ? "(\(shown.lowerBound) above, \(s.approvals.count - shown.upperBound) below: ↑↓ to see them; Y/N need them all on screen)" : "", .dim)
        }
        let badge = ToolLine.badge(head.access)
        let x = buf.put(head.toolName + " ", row: y, col: area.x, role: .tool, limit: area.maxX)
        buf.put(badge.text, row: y, col: x, role: badge.role, limit: area.maxX)
        y += 1
        line(Redaction.requestLine(head.requestLine), .dim)
        if let destruction = head.destruction { line(destruction, .error) }
        if let rule = head.askedBy { line("Asked by \(rule.label)", .dim) }
        switch s.approvalDialog {
        case .choosing:
            // What the write touches comes first: the record, what changes, whether it can be undone.
            for text in preview.prefix(max(0, area.maxY - y - keyRows - 2)) {
                line(text, text.hasPrefix("! ") || text.hasPrefix("preview unavailable") || text == WritePreview.irreversibleLine ? .error : .normal)
            }
            line("Arguments:", .tool)
            // What does not fit is never hidden silently: the last row says how much more there is.
            let room = max(0, area.maxY - y - keyRows)
            let shown = arguments.count <= room ? arguments.count : max(0, room - 1)
            for text in arguments.prefix(shown) { line(text, .normal) }
            if shown < arguments.count {
                line("… \(arguments.count - shown) more line(s): press e to see and edit them all", .dim)
            }
            y = max(y, area.maxY - keyRows)
            for text in WordWrap.lines(keys, width: area.width) { line(text, .tool) }
            return nil
        case .reason(let editor):
            line("Why reject it? (the agent is told)", .normal)
            return TextEditorView.draw(editor, in: Rect(x: area.x, y: y, width: area.width, height: min(1, area.maxY - y)), role: .user, prefix: "reason: ", into: &buf)
        case .editing(let editor, let error):
            if let error { line("✗ " + error, .error) } else { line("Edit the JSON arguments; they are checked against the tool's schema.", .dim) }
            let rect = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
            return TextEditorView.draw(editor, in: rect, role: .normal, into: &buf)
        }
    }
}
