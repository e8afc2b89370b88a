/// The selection arithmetic the overlays' lists share: moving within bounds and the rows that
/// keep the selected one visible.
enum ListSelection {
    /// `selected` moved by `delta`, kept within `0..<count` (0 when the list is empty).
    static func moved(_ selected: Int, by delta: Int, count: Int) -> Int {
        max(0, min(count - 1, selected + delta))
    }

    /// The indexes to draw in `height` rows so that `selected` is visible (it sits on the last row
    /// once the list scrolls).
    static func visible(selected: Int, count: Int, height: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        let first = min(max(0, selected - height + 1), max(0, count - height))
        return first..<min(count, first + height)
    }
}
