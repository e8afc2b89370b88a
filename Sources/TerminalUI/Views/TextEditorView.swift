/// Draws a `TextEditor` into a rectangle, scrolled so the cursor stays visible; returns where the cursor is.
enum TextEditorView {
    static func draw(_ editor: TextEditor, in rect: Rect, role: Role, prefix: String = "", into buf: inout CellBuffer) -> (row: Int, col: Int)? {
        guard !rect.isEmpty else { return nil }
        let prefixWidth = DisplayWidth.of(prefix)
        let textWidth = max(1, rect.width - prefixWidth)
        let firstRow = max(0, editor.row - rect.height + 1)
        var cursor: (row: Int, col: Int)?
        for (offset, lineIndex) in (firstRow..<min(editor.lines.count, firstRow + rect.height)).enumerated() {
            let line = editor.lines[lineIndex]
            let y = rect.y + offset
            let lead = lineIndex == 0 ? prefix : String(repeating: " ", count: prefixWidth)
            buf.put(lead, row: y, col: rect.x, role: .dim, limit: rect.maxX)
            var start = 0
            if lineIndex == editor.row {
                while DisplayWidth.of(String(line[start..<editor.col])) > textWidth - 1 { start += 1 }
            }
            let x = rect.x + prefixWidth
            buf.put(String(line[start...]), row: y, col: x, role: role, limit: rect.maxX)
            if lineIndex == editor.row {
                cursor = (y, min(rect.maxX - 1, x + DisplayWidth.of(String(line[start..<editor.col]))))
            }
        }
        return cursor
    }
}
