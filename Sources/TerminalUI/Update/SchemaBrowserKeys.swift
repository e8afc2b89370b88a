import WixAgentCore

extension SchemaBrowserState {
    /// Tools whose name, resource or description contains the filter (case-insensitive).
    func matches(in tools: [Tool]) -> [Tool] {
        let f = filter.lowercased()
        guard !f.isEmpty else { return tools }
        return tools.filter { $0.name.lowercased().contains(f) || $0.proxy?.resource.lowercased().contains(f) == true || $0.description.lowercased().contains(f) }
    }

    /// Typing filters; up/down select; PgUp/PgDn/Home scroll the details; Tab toggles raw JSON.
    mutating func handle(_ key: Key, toolCount: Int) {
        switch key {
        case .char, .paste:
            filter += key.filterText
            selected = 0
            scroll = 0
        case .backspace:
            if !filter.isEmpty { filter.removeLast() }
            selected = 0
            scroll = 0
        case .up:
            selected = ListSelection.moved(selected, by: -1, count: toolCount)
            scroll = 0
        case .down:
            selected = ListSelection.moved(selected, by: 1, count: toolCount)
            scroll = 0
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        case .home: scroll = 0
        case .tab: showRaw.toggle()
        default: break
        }
    }
}
