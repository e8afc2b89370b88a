import WixAgentCore

/// The session picker (`/sessions`): the stored sessions once loaded, the filter and the selection
/// among the matches.
public struct SessionPickerState: Equatable, Sendable {
    public enum Load: Equatable, Sendable {
        case loading
        case loaded([SessionArchive.Summary])
        case failed(String)
    }

    public var load: Load = .loading
    public var filter = ""
    public var selected = 0

    public init(load: Load = .loading, filter: String = "") {
        self.load = load
        self.filter = filter
    }

    public var sessions: [SessionArchive.Summary] {
        if case .loaded(let all) = load { return all }
        return []
    }

    /// Sessions whose id, title or model contains the filter (case-insensitive), newest first.
    public var matches: [SessionArchive.Summary] {
        let f = filter.lowercased()
        guard !f.isEmpty else { return sessions }
        return sessions.filter { $0.id.lowercased().contains(f) || $0.title.lowercased().contains(f) || $0.model.lowercased().contains(f) }
    }

    /// The selected session among the matches.
    public var selection: SessionArchive.Summary? {
        let m = matches
        return m.isEmpty ? nil : m[min(selected, m.count - 1)]
    }
}
