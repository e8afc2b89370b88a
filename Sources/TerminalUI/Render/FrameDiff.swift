/// A run of cells on one row that changed between two frames: columns `start..<end`.
public struct ChangedSpan: Equatable, Sendable {
    public var row: Int
    public var start: Int
    public var end: Int
}

/// Which cells must be written to turn the previous frame into the next one.
public enum FrameDiff {
    /// Changed runs per row. A size change (or no previous frame) rewrites everything.
    /// A run never starts on the right half of a wide character.
    public static func spans(from old: CellBuffer?, to new: CellBuffer) -> [ChangedSpan] {
        guard let old, old.width == new.width, old.height == new.height else {
            return (0..<new.height).map { ChangedSpan(row: $0, start: 0, end: new.width) }
        }
        var spans: [ChangedSpan] = []
        for row in 0..<new.height {
            var col = 0
            while col < new.width {
                guard old[row, col] != new[row, col] else { col += 1; continue }
                var start = col
                if new[row, start].isContinuation, start > 0 { start -= 1 }
                var end = col + 1
                while end < new.width, old[row, end] != new[row, end] { end += 1 }
                if end < new.width, new[row, end].isContinuation { end += 1 }
                if let last = spans.last, last.row == row, last.end >= start {
                    spans[spans.count - 1].end = end
                } else {
                    spans.append(ChangedSpan(row: row, start: start, end: end))
                }
                col = end
            }
        }
        return spans
    }
}
