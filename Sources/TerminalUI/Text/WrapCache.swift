import WixAgentCore

/// Wrapped lines of transcript entries, kept per entry for one (revision, width), so a frame
/// wraps only entries that are new, changed, or seen at a new width.
public final class WrapCache {
    private struct Item {
        var revision: Int
        var width: Int
        var lines: [String]
    }

    private var items: [Int: Item] = [:]
    /// Long texts outside the transcript (the inspector's arguments and responses), by call and part.
    private var texts: [String: [String: (text: String, width: Int, lines: [String])]] = [:]
    /// The first entry and call, and the counts, when last checked: what `keep` compares.
    private var seen: (entry: Int?, entries: Int, call: String?, calls: Int) = (nil, 0, nil, 0)
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

    /// `text` hard-wrapped to `width`, wrapped again only when the call's `part` or the width changed.
    /// (Comparing an unchanged stored string is cheap: it is the same storage.)
    func hardLines(_ text: String, call: String, part: String, width: Int) -> [String] {
        if let item = texts[call]?[part], item.width == width, item.text == text { return item.lines }
        textMisses += 1
        let lines = WordWrap.hardLines(text, width: width)
        texts[call, default: [:]][part] = (text, width, lines)
        return lines
    }

    /// Forgets the entries and calls the state no longer has (after `/clear` or a session switch).
    /// Costs two comparisons when nothing was removed: the transcript and the calls only grow
    /// at their ends otherwise.
    func keep(entries: [ChatEntry], calls: [LedgerCall]) {
        let now = (entry: entries.first?.id, entries: entries.count, call: calls.first?.callID, calls: calls.count)
        defer { seen = now }
        guard now.entry != seen.entry || now.entries < seen.entries || now.call != seen.call || now.calls < seen.calls else { return }
        let entryIDs = Set(entries.map(\.id))
        let callIDs = Set(calls.map(\.callID))
        items = items.filter { entryIDs.contains($0.key) }
        texts = texts.filter { callIDs.contains($0.key) }
    }

    /// How many entries and call texts are stored (for tests and measurements).
    var stored: Int { items.count + texts.count }
}
