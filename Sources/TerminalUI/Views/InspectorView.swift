import Foundation

/// Every tool call of the session: a list (newest at the bottom, selection highlighted) and the
/// selected call's details — state, request line, HTTP status and latency, arguments and response
/// as pretty JSON — scrolled by `inspectorScroll`.
enum InspectorView {
    /// Draws the pane and returns the detail scroll clamped to what exists.
    static func draw(_ s: AppState, in rect: Rect, leftRule: Bool, cache: WrapCache, into buf: inout CellBuffer) -> Int {
        let area = Panel.pane("Inspector (\(s.calls.count) calls)", in: rect, focused: s.focus == .inspector, leftRule: leftRule, into: &buf)
        guard area.height > 0, area.width > 4 else { return s.inspectorScroll }
        guard !s.calls.isEmpty else {
            buf.put("No tool calls yet.", row: area.y, col: area.x + 1, role: .dim, limit: area.maxX)
            return 0
        }
        let selected = min(s.selectedCall ?? s.calls.count - 1, s.calls.count - 1)
        let listRows = min(s.calls.count, max(1, area.height / 3))
        let first = min(max(0, selected - listRows + 1), s.calls.count - listRows)
        for (row, i) in (first..<(first + listRows)).enumerated() {
            drawListLine(s.calls[i], selected: i == selected, row: area.y + row, area: area, now: s.now, into: &buf)
        }
        let detailTop = area.y + listRows
        guard detailTop < area.maxY else { return s.inspectorScroll }
        buf.put(String(repeating: "╌", count: area.width), row: detailTop, col: area.x, role: .border)
        let height = area.maxY - detailTop - 1
        let lines = detailLines(s.calls[selected], in: s, width: area.width - 1, cache: cache)
        let scroll = min(s.inspectorScroll, max(0, lines.count - height))
        for (row, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            buf.put(line.text, row: detailTop + 1 + row, col: area.x + 1, role: line.role, limit: area.maxX)
        }
        return scroll
    }

    private static func drawListLine(_ r: ToolCallRecord, selected: Bool, row: Int, area: Rect, now: Date, into buf: inout CellBuffer) {
        let role: Role = selected ? .selection : ToolLine.role(r.state)
        if selected { buf.fill(Rect(x: area.x, y: row, width: area.width, height: 1), role: .selection) }
        var x = buf.put("\(ToolLine.icon(r.state)) ", row: row, col: area.x, role: role, limit: area.maxX)
        let badge = ToolLine.badge(r.access)
        x = buf.put(badge.text, row: row, col: x, role: badge.role, limit: area.maxX)
        let rest = " \(r.toolName) · \(ToolLine.label(r, now: now))"
        buf.put(Truncation.truncate(rest, width: max(0, area.maxX - x)), row: row, col: x, role: role, limit: area.maxX)
    }

    /// The detail lines of a call, hard-wrapped to the width. The arguments and the response,
    /// which can be long, are wrapped once per call and width (not every frame).
    static func detailLines(_ r: ToolCallRecord, in s: AppState, width: Int, cache: WrapCache) -> [(text: String, role: Role)] {
        var out: [(String, Role)] = []
        func add(_ text: String, _ role: Role, part: String? = nil) {
            let lines = part.map { cache.hardLines(text, call: r.callID, part: $0, width: width) } ?? WordWrap.hardLines(text, width: width)
            for line in lines { out.append((line, role)) }
        }
        add("\(r.toolName) [\(r.access?.rawValue ?? "unknown")] — \(ToolLine.label(r, now: s.now))", ToolLine.role(r.state))
        if let source = r.source, !source.isEmpty { add("from \(source)", .dim) }
        if let line = r.requestLine { add(line, .dim) }
        if r.status != nil || r.latencyMs != nil {
            add("HTTP \(r.status.map(String.init) ?? "-") · \(r.latencyMs.map { "\($0) ms" } ?? "-")", .normal)
        }
        if let rule = r.ruleLine { add(rule, .dim) }
        if let undone = r.call.undoneBy { add("undone by \(s.callName(undone))", .dim) }
        if let original = r.call.resendOf { add("resend of \(s.callName(original))", .dim) }
        if r.call.attempts > 1 { add("\(r.call.attempts) attempts", .dim) }
        if let key = r.call.idempotencyKey { add("Idempotency-Key \(key)", .dim) }
        if r.call.outcome?.isUnknown == true { add("outcome unknown: /resend sends it again with the same idempotency key", .dim) }
        if !r.previewLines.isEmpty {
            add("Preview:", .tool)
            for line in r.previewLines { add(line, .normal) }
        }
        add("Arguments:", .tool)
        add(r.argumentsText, .normal, part: "arguments")
        if let response = r.responseText {
            add("Response:", .tool)
            add(response, .normal, part: "response")
        }
        return out
    }
}
