/// Editable multi-line text with a cursor: the input line, the reason prompt and the JSON editor.
/// Every edit keeps the cursor inside the text.
public struct TextEditor: Equatable, Sendable {
    public private(set) var lines: [[Character]] = [[]]
    public private(set) var row = 0
    public private(set) var col = 0
    /// What Ctrl-K, Ctrl-U or Ctrl-W cut last, for Ctrl-Y.
    private var killed: [Character] = []

    public init(_ text: String = "") {
        setText(text)
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        row = lines.count - 1
        col = lines[row].count
    }

    public mutating func insert(_ c: Character) {
        if c == "\n" || c == "\r\n" { newline(); return }
        lines[row].insert(c, at: col)
        col += 1
    }

    /// Inserts pasted text at the cursor; any line ending (`\n`, `\r\n`, `\r`) starts a new line.
    public mutating func paste(_ text: String) {
        for c in text {
            if c == "\r" { newline() } else { insert(c) }
        }
    }

    public mutating func newline() {
        let rest = Array(lines[row][col...])
        lines[row].removeSubrange(col...)
        lines.insert(rest, at: row + 1)
        row += 1
        col = 0
    }

    public mutating func backspace() {
        if col > 0 {
            col -= 1
            lines[row].remove(at: col)
        } else if row > 0 {
            let line = lines.remove(at: row)
            row -= 1
            col = lines[row].count
            lines[row] += line
        }
    }

    public mutating func delete() {
        if col < lines[row].count {
            lines[row].remove(at: col)
        } else if row + 1 < lines.count {
            lines[row] += lines.remove(at: row + 1)
        }
    }

    public mutating func left() {
        if col > 0 { col -= 1 } else if row > 0 { row -= 1; col = lines[row].count }
    }

    public mutating func right() {
        if col < lines[row].count { col += 1 } else if row + 1 < lines.count { row += 1; col = 0 }
    }

    /// Moves up a line; false when already on the first.
    @discardableResult public mutating func up() -> Bool {
        guard row > 0 else { return false }
        row -= 1
        col = min(col, lines[row].count)
        return true
    }

    /// Moves down a line; false when already on the last.
    @discardableResult public mutating func down() -> Bool {
        guard row + 1 < lines.count else { return false }
        row += 1
        col = min(col, lines[row].count)
        return true
    }

    public mutating func home() { col = 0 }
    public mutating func end() { col = lines[row].count }

    /// To the start of the word before the cursor (or of the one it is in).
    public mutating func wordLeft() {
        let line = lines[row]
        while col > 0, !Self.isWord(line[col - 1]) { col -= 1 }
        while col > 0, Self.isWord(line[col - 1]) { col -= 1 }
    }

    /// To the end of the word after the cursor (or of the one it is in).
    public mutating func wordRight() {
        let line = lines[row]
        while col < line.count, !Self.isWord(line[col]) { col += 1 }
        while col < line.count, Self.isWord(line[col]) { col += 1 }
    }

    /// Ctrl-K: cuts from the cursor to the end of the line.
    public mutating func killToEnd() {
        killed = Array(lines[row][col...])
        lines[row].removeSubrange(col...)
    }

    /// Ctrl-U: cuts from the start of the line to the cursor.
    public mutating func killToStart() {
        killed = Array(lines[row][..<col])
        lines[row].removeSubrange(..<col)
        col = 0
    }

    /// Ctrl-W: cuts the word before the cursor (and the spaces after it).
    public mutating func killWordBack() {
        let end = col
        wordLeft()
        killed = Array(lines[row][col..<end])
        lines[row].removeSubrange(col..<end)
    }

    /// Ctrl-Y: puts back what was cut last.
    public mutating func yank() {
        lines[row].insert(contentsOf: killed, at: col)
        col += killed.count
    }

    private static func isWord(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    /// Applies an editing key; returns false for keys that are not editing keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(c)
        case .paste(let text): paste(text)
        case .backspace: backspace()
        case .delete: delete()
        case .left: left()
        case .right: right()
        case .up: up()
        case .down: down()
        case .home, .ctrl("a"): home()
        case .end, .ctrl("e"): end()
        case .wordLeft: wordLeft()
        case .wordRight: wordRight()
        case .ctrl("k"): killToEnd()
        case .ctrl("u"): killToStart()
        case .ctrl("w"): killWordBack()
        case .ctrl("y"): yank()
        default: return false
        }
        return true
    }
}
