import Foundation

/// The transcript: the last lines that fit, `scroll` lines above the bottom, user and agent text
/// word-wrapped (cached per entry and width), tool calls as one live line each.
enum ChatView {
    /// Draws the pane and returns the scroll position clamped to what exists.
    static func draw(_ s: AppState, in rect: Rect, cache: WrapCache, into buf: inout CellBuffer) -> Int {
        guard !rect.isEmpty else { return s.chatScroll }
        let title = s.chatScroll > 0 ? "Chat ↑\(s.chatScroll) (End: latest)" : "Chat"
        let area = Panel.pane(title, in: rect, focused: s.focus == .chat, leftRule: false, into: &buf)
        guard area.height > 0, area.width > 2 else { return s.chatScroll }
        let need = area.height + s.chatScroll
        var reversed: [(text: String, role: Role)] = []
        var exhausted = true
        for entry in s.entries.reversed() {
            if reversed.count >= need { exhausted = false; break }
            for line in lines(entry, s, width: area.width, cache: cache).reversed() { reversed.append(line) }
        }
        let scroll = exhausted ? min(s.chatScroll, max(0, reversed.count - area.height)) : s.chatScroll
        let bottom = scroll
        let top = min(reversed.count, bottom + area.height)
        for (row, index) in stride(from: top - 1, through: bottom, by: -1).enumerated() where index >= 0 {
            let line = reversed[index]
            buf.put(line.text, row: area.y + row, col: area.x, role: line.role, limit: area.maxX)
        }
        return scroll
    }

    /// The screen lines of one entry at a width.
    private static func lines(_ entry: ChatEntry, _ s: AppState, width: Int, cache: WrapCache) -> [(text: String, role: Role)] {
        switch entry.kind {
        case .tool(let id):
            guard let record = s.call(id) else { return [] }
            let text = "  \(ToolLine.icon(record.state)) \(record.toolName) · \(ToolLine.label(record, now: s.now))"
            return [(Truncation.truncate(text, width: width), ToolLine.role(record.state))]
        case .user:
            return cache.lines(for: entry, width: width) { [""] + prefixed(entry.text, "> ", width) }.map { ($0, .user) }
        case .agent:
            return cache.lines(for: entry, width: width) { prefixed(entry.text, "  ", width) }.map { ($0, .agent) }
        case .notice:
            return cache.lines(for: entry, width: width) { prefixed(entry.text, "  ", width) }.map { ($0, .dim) }
        case .error:
            return cache.lines(for: entry, width: width) { prefixed(entry.text, "! ", width) }.map { ($0, .error) }
        }
    }

    private static func prefixed(_ text: String, _ prefix: String, _ width: Int) -> [String] {
        let indent = String(repeating: " ", count: prefix.count)
        return WordWrap.lines(text, width: width - prefix.count).enumerated().map { ($0 == 0 ? prefix : indent) + $1 }
    }
}
