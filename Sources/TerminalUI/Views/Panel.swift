/// Pane and dialog chrome: a title rule for panes, a full box for overlays.
enum Panel {
    /// Draws a pane's title rule on its first row (and a left rule when `leftRule`); returns the content area.
    static func pane(_ title: String, in rect: Rect, focused: Bool, leftRule: Bool, into buf: inout CellBuffer) -> Rect {
        guard !rect.isEmpty else { return rect }
        buf.fill(rect, role: .normal)
        let x = rect.x + (leftRule ? 1 : 0)
        if leftRule {
            for row in rect.y..<rect.maxY { buf.put("│", row: row, col: rect.x, role: .border) }
        }
        buf.put(String(repeating: "─", count: max(0, rect.maxX - x)), row: rect.y, col: x, role: .border)
        let label = Truncation.truncate(" \(title) ", width: max(0, rect.maxX - x - 2))
        buf.put(label, row: rect.y, col: x + 1, role: focused ? .selection : .border, limit: rect.maxX)
        return Rect(x: x, y: rect.y + 1, width: rect.maxX - x, height: rect.height - 1)
    }

    /// Clears `rect` and draws a box with a title and an optional footer; returns the inside.
    static func box(_ title: String, footer: String? = nil, in rect: Rect, into buf: inout CellBuffer) -> Rect {
        guard rect.width >= 4, rect.height >= 3 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buf.fill(rect, role: .normal)
        let inner = rect.width - 2
        let rule = String(repeating: "─", count: inner)
        buf.put("┌" + rule + "┐", row: rect.y, col: rect.x, role: .border)
        buf.put("└" + rule + "┘", row: rect.maxY - 1, col: rect.x, role: .border)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            buf.put("│", row: row, col: rect.x, role: .border)
            buf.put("│", row: row, col: rect.maxX - 1, role: .border)
        }
        buf.put(Truncation.truncate(" \(title) ", width: inner - 1), row: rect.y, col: rect.x + 2, role: .selection, limit: rect.maxX - 1)
        if let footer {
            buf.put(Truncation.truncate(" \(footer) ", width: inner - 1), row: rect.maxY - 1, col: rect.x + 2, role: .dim, limit: rect.maxX - 1)
        }
        return rect.inset(1)
    }

    /// The rectangle overlays use: most of the screen above the status bar, leaving a margin when there is room.
    static func overlayArea(_ size: Size, maxWidth: Int = 110) -> Rect {
        let area = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        let margin = size.width >= 60 && size.height >= 16 ? 2 : 0
        return area.centered(width: min(maxWidth, size.width - 2 * margin), height: area.height - margin)
    }
}
