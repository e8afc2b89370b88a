/// Wrapped lines of transcript entries, kept per entry for one (revision, width), so a frame
/// wraps only entries that are new, changed, or seen at a new width.
public final class WrapCache {
    private struct Item {
        var revision: Int
        var width: Int
        var lines: [String]
    }

    private var items: [Int: Item] = [:]
    /// How many times text was actually wrapped (for tests and measurements).
    public private(set) var misses = 0

    public init() {}

    func lines(for entry: ChatEntry, width: Int, wrap: () -> [String]) -> [String] {
        if let item = items[entry.id], item.revision == entry.revision, item.width == width { return item.lines }
        misses += 1
        let lines = wrap()
        items[entry.id] = Item(revision: entry.revision, width: width, lines: lines)
        return lines
    }

}
