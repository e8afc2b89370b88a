/// Sent inputs, browsed with up/down; the text being typed is kept while browsing.
public struct InputHistory: Equatable, Sendable {
    public private(set) var entries: [String] = []
    private var position: Int?
    private var draft = ""

    public init() {}

    public mutating func record(_ text: String) {
        if entries.last != text { entries.append(text) }
        position = nil
    }

    /// The previous entry, or nil at the oldest.
    public mutating func older(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        if position == nil { draft = current; position = entries.count }
        guard let p = position, p > 0 else { return nil }
        position = p - 1
        return entries[p - 1]
    }

    /// The next entry, then the draft; nil when not browsing.
    public mutating func newer() -> String? {
        guard let p = position else { return nil }
        if p + 1 < entries.count {
            position = p + 1
            return entries[p + 1]
        }
        position = nil
        return draft
    }
}
