import WixAgentCore
/// An off-screen grid of cells that views draw into. Writes outside the grid are clipped,
/// and a wide character that would be cut by the edge or a clip is replaced by a space.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, col: Int) -> Cell {
        cells[row * width + col]
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Fills a rectangle with spaces in a role.
    public mutating func fill(_ rect: Rect, role: Role) {
        let blank = Cell(text: " ", width: 1, role: role)
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for col in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) {
                setCell(row: row, col: col, blank)
            }
        }
    }

    /// Draws text on one row from `col`, never past `limit` (exclusive; default the right edge).
    /// Control bytes are drawn as their visible escapes (`TerminalText`), whoever passed the text.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, role: Role, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return col }
        let end = min(width, limit ?? width)
        var x = col
        for c in TerminalText.safe(text) {
            if x >= end { break }
            let glyph = DisplayWidth.glyph(c)
            if glyph.width == 0 { continue }
            if x < 0 { x += glyph.width; continue }
            if x + glyph.width > end {
                setCell(row: row, col: x, Cell(text: " ", width: 1, role: role))
                x += 1
                break
            }
            setCell(row: row, col: x, Cell(text: glyph.text, width: UInt8(glyph.width), role: role))
            if glyph.width == 2 { setCell(row: row, col: x + 1, Cell(text: "", width: 0, role: role)) }
            x += glyph.width
        }
        return x
    }

    /// Sets one cell, repairing any wide character it splits.
    private mutating func setCell(row: Int, col: Int, _ cell: Cell) {
        let i = row * width + col
        let old = cells[i]
        if old.isContinuation, col > 0, !cell.isContinuation {
            cells[i - 1] = Cell(text: " ", width: 1, role: cells[i - 1].role)
        }
        if old.width == 2, cell.width != 2, col + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, role: old.role)
        }
        cells[i] = cell
    }

    /// The text of one row as a person reads it (wide characters once), trailing spaces removed.
    public func rowText(_ row: Int) -> String {
        var s = ""
        for col in 0..<width where !self[row, col].isContinuation { s += self[row, col].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Every row's text, for tests and debugging.
    public var lines: [String] { (0..<height).map(rowText) }

    /// The whole buffer as text, rows joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}
