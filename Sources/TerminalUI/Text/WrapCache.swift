/// Wrapped lines of transcript entries, kept per entry for one (revision, width), so a frame
/// wraps only entries that are new, changed, or seen at a new width.
public final class WrapCache {
    private struct Item {
        var revision: Int
        var width: Int
        var lines: [String]
    }

    private var items: [Int: Item] = [:]
    /// Long texts outside the transcript (the inspector's arguments and responses), by key.
    private var texts: [String: (text: String, width: Int, lines: [String])] = [:]
    /// How many times text was actually wrapped (for tests and measurements).
    public private(set) var misses = 0
    /// How many times a long text (arguments, responses) was actually wrapped.
    public private(set) var textMisses = 0

    public init() {}

    func lines(for entry: ChatEntry, width: Int, wrap: () -> [String]) -> [String] {
        if let item = items[entry.id], item.revision == entry.revision, item.width == width { return item.lines }
        misses += 1
        let lines = wrap()
        items[entry.id] = Item(revision: entry.revision, width: width, lines: lines)
        return lines
    }

    /// `text` hard-wrapped to `width`, wrapped again only when the text under `key` or the width changed.
    /// (Comparing an unchanged stored string is cheap: it is the same storage.)
    func hardLines(_ text: String, key: String, width: Int) -> [String] {
        if let item = texts[key], item.width == width, item.text == text { return item.lines }
        textMisses += 1
        let lines = WordWrap.hardLines(text, width: width)
        texts[key] = (text, width, lines)
        return lines
    }
}
